/** Commands of "which method predicts best": choose the periods, run, export, clear. */
import { create } from 'zustand';
import { floatingMs, formatIsoDate, MS_PER_DAY } from '../../analysis/calendar';
import { predictColumns, predictTableCsv } from '../../data/exports/predictExport';
import {
  defaultPredictionPeriods,
  type PredictParams,
  type PredictResult,
} from '../../data/jobs/predictJob';
import { downloadBlob, downloadCells } from '../actions';
import { createJobStore } from '../jobStore';
import { useStore } from '../store';

export const predictJobStore = createJobStore('predict');

export interface PredictForm {
  /** `YYYY-MM-DD`, both ends inclusive; empty: the default periods. */
  trainStart: string;
  trainEnd: string;
  testStart: string;
  testEnd: string;
  /** Empty: 150 m. */
  cellSizeMetres: string;
}

export const usePredictUi = create<{ form: PredictForm }>(() => ({
  form: { trainStart: '', trainEnd: '', testStart: '', testEnd: '', cellSizeMetres: '' },
}));

export function updatePredictForm(patch: Partial<PredictForm>): void {
  usePredictUi.setState((s) => ({ form: { ...s.form, ...patch } }));
}

function parseDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? floatingMs(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** The default periods for the data set on screen, as inclusive `YYYY-MM-DD` dates. */
export function defaultPeriodTexts(): PredictForm | null {
  const range = useStore.getState().dataset?.report.dateRange;
  const last = range ? parseDay(range[1].slice(0, 10)) : null;
  if (last === null) return null;
  const p = defaultPredictionPeriods([last]);
  return {
    trainStart: formatIsoDate(p.trainStartMs),
    trainEnd: formatIsoDate(p.trainEndMs - MS_PER_DAY),
    testStart: formatIsoDate(p.testStartMs),
    testEnd: formatIsoDate(p.testEndMs - MS_PER_DAY),
    cellSizeMetres: '',
  };
}

export function predictParamsFromForm(form: PredictForm): PredictParams | string {
  const fields: [keyof PredictForm, string][] = [
    ['trainStart', 'training start'],
    ['trainEnd', 'training end'],
    ['testStart', 'test start'],
    ['testEnd', 'test end'],
  ];
  const ms: Partial<Record<keyof PredictForm, number>> = {};
  for (const [key, words] of fields) {
    const text = form[key];
    if (text.trim() === '') continue;
    const v = parseDay(text);
    if (v === null) return `The ${words} date must be YYYY-MM-DD (or empty for the default).`;
    // End dates are inclusive: the period runs to midnight after them.
    ms[key] = key.endsWith('End') ? v + MS_PER_DAY : v;
  }
  const cell = Number(form.cellSizeMetres);
  if (form.cellSizeMetres.trim() !== '' && !(cell > 0))
    return 'The cell size must be a positive number of metres.';
  return {
    trainStartMs: ms.trainStart,
    trainEndMs: ms.trainEnd,
    testStartMs: ms.testStart,
    testEndMs: ms.testEnd,
    cellSizeMetres: form.cellSizeMetres.trim() === '' ? undefined : cell,
  };
}

export async function runPredict(): Promise<void> {
  const params = predictParamsFromForm(usePredictUi.getState().form);
  if (typeof params === 'string') {
    predictJobStore.use.setState({ error: params });
    return;
  }
  await predictJobStore.run(params);
}

export function clearPredict(): void {
  predictJobStore.clear();
}

export function exportPredict(format: 'table' | 'geojson' | 'csv', result: PredictResult): void {
  const base = `prediction-${result.test[0]}`;
  if (format === 'table')
    downloadBlob(new Blob([predictTableCsv(result)], { type: 'text/csv' }), `${base}-pai-pei.csv`);
  else downloadCells(format, result.geometry, predictColumns(result), result.log, `${base}-cells`);
}
