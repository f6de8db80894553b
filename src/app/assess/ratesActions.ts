/** Commands of the rates section: choose the table and the join, run, switch raw/smoothed, export. */
import Papa from 'papaparse';
import { create } from 'zustand';
import type { Denominator, RatesResult } from '../../data/jobs/ratesJob';
import { createRatesLayers } from '../../map/ratesLayer';
import { downloadCells, setOverlay } from '../actions';
import { createJobStore } from '../jobStore';
import { useStore } from '../store';

export const ratesJobStore = createJobStore('rates');

export interface RatesForm {
  boundaryId: string;
  idField: string;
  table: { fileName: string; text: string; columns: string[] } | null;
  idColumn: string;
  valueColumn: string;
  denominator: Denominator;
  perUnits: string;
}

export const useRatesUi = create<{ form: RatesForm; show: 'smoothed' | 'crude' }>(() => ({
  form: {
    boundaryId: '',
    idField: '',
    table: null,
    idColumn: '',
    valueColumn: '',
    denominator: 'residents',
    perUnits: '1000',
  },
  show: 'smoothed',
}));

export function updateRatesForm(patch: Partial<RatesForm>): void {
  useRatesUi.setState((s) => ({ form: { ...s.form, ...patch } }));
}

/** The properties of a boundary layer's polygons, for the id field choice. */
export function boundaryFields(boundaryId: string): string[] {
  const b = useStore.getState().boundaries.find((x) => x.id === boundaryId);
  return b ? [...new Set(b.geojson.features.flatMap((f) => Object.keys(f.properties ?? {})))] : [];
}

export function chooseRatesBoundary(boundaryId: string): void {
  const b = useStore.getState().boundaries.find((x) => x.id === boundaryId);
  updateRatesForm({ boundaryId, idField: b?.labelField ?? boundaryFields(boundaryId)[0] ?? '' });
}

/** Reads the population table's header (the rows are read in the job). */
export async function chooseRatesTable(file: File): Promise<void> {
  const text = await file.text();
  const header = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { preview: 1 });
  const columns = (header.data[0] ?? []).map((c) => c.trim()).filter((c) => c !== '');
  if (columns.length < 2) {
    ratesJobStore.use.setState({
      error: `"${file.name}" has fewer than two columns; it needs an id column and a value column.`,
    });
    return;
  }
  const idGuess = columns.find((c) => /id|code|beat|ward|tract|name/i.test(c)) ?? columns[0];
  const valueGuess =
    columns.find((c) => /pop|resident|household|business|total|count/i.test(c) && c !== idGuess) ??
    columns.find((c) => c !== idGuess) ??
    columns[1];
  ratesJobStore.use.setState({ error: null });
  updateRatesForm({
    table: { fileName: file.name, text, columns },
    idColumn: idGuess,
    valueColumn: valueGuess,
  });
}

export async function runRates(): Promise<void> {
  const { form } = useRatesUi.getState();
  const boundary = useStore.getState().boundaries.find((b) => b.id === form.boundaryId);
  const fail = (error: string) => ratesJobStore.use.setState({ error });
  if (!boundary) return fail('Choose the boundary layer whose polygons the table describes.');
  if (!form.idField) return fail('Choose the polygons’ id field.');
  if (!form.table) return fail('Choose a population (or households, or businesses) CSV file.');
  const perUnits = Number(form.perUnits);
  const result = await ratesJobStore.run({
    areas: { geojson: boundary.geojson, idField: form.idField, name: boundary.name },
    table: {
      fileName: form.table.fileName,
      text: form.table.text,
      idColumn: form.idColumn,
      valueColumn: form.valueColumn,
    },
    denominator: form.denominator,
    perUnits: perUnits > 0 ? perUnits : 1000,
  });
  if (result) refreshRatesOverlay();
}

export function setRatesShown(show: 'smoothed' | 'crude'): void {
  useRatesUi.setState({ show });
  refreshRatesOverlay();
}

export function refreshRatesOverlay(): void {
  const result = ratesJobStore.use.getState().result;
  if (!result) {
    setOverlay('rates', null);
    return;
  }
  const { show } = useRatesUi.getState();
  setOverlay('rates', {
    layers: createRatesLayers(result, show),
    legend: {
      title: `${show === 'smoothed' ? 'Smoothed' : 'Raw'} rate per ${result.perUnits.toLocaleString('en-US')} ${result.denominator}`,
      items: result.legend.map((l) => ({ label: l.label, colour: l.colour, shape: 'square' })),
      note:
        show === 'smoothed'
          ? 'Empirical Bayes (as GeoDa): small areas pulled toward the overall rate.'
          : 'Raw rates, on the smoothed map’s classes.',
    },
    order: 4,
  });
}

export function clearRates(): void {
  ratesJobStore.clear();
  setOverlay('rates', null);
}

export function exportRates(format: 'geojson' | 'csv', result: RatesResult): void {
  const columns = {
    id: result.ids,
    incidents: result.counts,
    [result.denominator]: result.population,
    raw_rate: result.crudeRate,
    eb_rate: result.smoothedRate,
    eb_weight: result.weight,
  };
  const base = `rates-per-${result.perUnits}-${result.denominator}`;
  downloadCells(format, result.geometry, columns, result.log, base);
}
