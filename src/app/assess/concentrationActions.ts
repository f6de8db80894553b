/** Commands of the crime concentration section: run, pick a place (zooms the map), export, clear. */
import { create } from 'zustand';
import type { ConcentrationResult } from '../../data/jobs/concentrationJob';
import { createConcentrationLayers, TOP_PLACE_COLOUR } from '../../map/concentrationLayer';
import { downloadBlob, setOverlay, showPanel } from '../actions';
import { createJobStore } from '../jobStore';
import { getMap } from '../map/mapInstance';
import { useStore } from '../store';

export const concentrationJobStore = createJobStore('concentration');

export interface ConcentrationForm {
  /** 'cell' | 'address', or a boundary id (its polygons). */
  by: string;
  cellSizeMetres: string;
  top: string;
}

export const useConcentrationUi = create<{ form: ConcentrationForm; selected: number | null }>(
  () => ({ form: { by: 'cell', cellSizeMetres: '150', top: '20' }, selected: null }),
);

export function updateConcentrationForm(patch: Partial<ConcentrationForm>): void {
  useConcentrationUi.setState((s) => ({ form: { ...s.form, ...patch } }));
}

const positive = (text: string): number | undefined => {
  const v = Number(text);
  return text.trim() !== '' && Number.isFinite(v) && v > 0 ? v : undefined;
};

export async function runConcentration(): Promise<void> {
  const { form } = useConcentrationUi.getState();
  const boundary = useStore.getState().boundaries.find((b) => b.id === form.by);
  if (form.by !== 'cell' && form.by !== 'address' && !boundary) {
    concentrationJobStore.use.setState({ error: 'The chosen boundary layer is no longer loaded.' });
    return;
  }
  useConcentrationUi.setState({ selected: null });
  const result = await concentrationJobStore.run({
    by: boundary ? 'polygon' : (form.by as 'cell' | 'address'),
    cellSizeMetres: positive(form.cellSizeMetres),
    top: Math.round(positive(form.top) ?? 20),
    areas: boundary
      ? {
          geojson: boundary.geojson,
          name: boundary.name,
          idField: boundary.labelField || undefined,
        }
      : null,
  });
  if (result) refreshConcentrationOverlay();
}

/** Selects a ranked place and moves the map to it. */
export function selectPlace(rank: number | null): void {
  useConcentrationUi.setState({ selected: rank });
  refreshConcentrationOverlay();
  const result = concentrationJobStore.use.getState().result;
  const place = result?.top.find((p) => p.rank === rank);
  if (!place) return;
  showPanel('assess');
  const [w, s, e, n] = place.bounds;
  getMap()?.fitBounds(
    [
      [w, s],
      [e, n],
    ],
    { padding: 80, maxZoom: 16, duration: 400 },
  );
}

export function refreshConcentrationOverlay(): void {
  const result = concentrationJobStore.use.getState().result;
  if (!result) {
    setOverlay('concentration', null);
    return;
  }
  const { selected } = useConcentrationUi.getState();
  setOverlay('concentration', {
    layers: createConcentrationLayers(result, selected, selectPlace),
    legend: {
      title: 'Crime concentration',
      items: [
        {
          label: `top ${result.top.length} ${result.unitNoun}, by rank`,
          colour: TOP_PLACE_COLOUR,
          shape: result.by === 'address' ? 'circle' : 'square',
        },
      ],
    },
    order: 25,
    aboveIncidents: true,
  });
}

export function clearConcentration(): void {
  concentrationJobStore.clear();
  useConcentrationUi.setState({ selected: null });
  setOverlay('concentration', null);
}

const csvText = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function exportConcentration(format: 'csv' | 'geojson', result: ConcentrationResult): void {
  const base = `concentration-${result.by}`;
  if (format === 'geojson') {
    const fc = {
      type: 'FeatureCollection',
      features: result.top.map((p) => ({
        type: 'Feature',
        geometry: p.ring
          ? { type: 'Polygon', coordinates: [p.ring] }
          : { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: {
          rank: p.rank,
          label: p.label,
          count: p.count,
          share: p.share,
          cumulative_share: p.cumulativeShare,
        },
      })),
      gini: result.gini,
      generalised_gini: result.generalisedGini,
      methods_log: result.log,
    };
    downloadBlob(
      new Blob([JSON.stringify(fc)], { type: 'application/geo+json' }),
      `${base}-top.geojson`,
    );
    return;
  }
  const lines = result.log.map((l) => `# ${l}`);
  lines.push(
    `# Gini ${result.gini}; generalised Gini ${result.generalisedGini}; ${result.unitsFor25} of ${result.units} places hold 25%, ${result.unitsFor50} hold 50%`,
    'rank,place,count,share,cumulative_share,lon,lat',
  );
  for (const p of result.top)
    lines.push(
      [p.rank, csvText(p.label), p.count, p.share, p.cumulativeShare, p.lon, p.lat].join(','),
    );
  downloadBlob(new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }), `${base}-top.csv`);
  const lorenz = result.log.map((l) => `# ${l}`);
  lorenz.push('share_of_places,share_of_incidents');
  result.lorenz.unitShare.forEach((x, k) => lorenz.push(`${x},${result.lorenz.incidentShare[k]}`));
  downloadBlob(new Blob([`${lorenz.join('\n')}\n`], { type: 'text/csv' }), `${base}-lorenz.csv`);
}
