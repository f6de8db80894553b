/** Commands of the point pattern section: run, show or hide a category's ellipse, export, clear. */
import { create } from 'zustand';
import type { NniArea, PointPatternResult } from '../../data/jobs/pointPatternJob';
import { createPointPatternLayers, ellipseColour } from '../../map/pointPatternLayer';
import { downloadBlob, setOverlay } from '../actions';
import { createJobStore } from '../jobStore';
import { useStore } from '../store';

export const pointPatternJobStore = createJobStore('pointPattern');

export interface PointPatternForm {
  /** 'rectangle' | 'hull', or a boundary id. */
  area: string;
  standardDeviations: 1 | 2 | 3;
}

export const usePointPatternUi = create<{ form: PointPatternForm; hidden: string[] }>(() => ({
  form: { area: 'rectangle', standardDeviations: 1 },
  hidden: [],
}));

export function updatePointPatternForm(patch: Partial<PointPatternForm>): void {
  usePointPatternUi.setState((s) => ({ form: { ...s.form, ...patch } }));
}

/** How many category ellipses are drawn at first (all stay in the table). */
const FIRST_SHOWN = 5;

export async function runPointPattern(): Promise<void> {
  const { form } = usePointPatternUi.getState();
  const boundary = useStore.getState().boundaries.find((b) => b.id === form.area);
  const nniArea: NniArea = boundary ? 'polygons' : (form.area as NniArea);
  const result = await pointPatternJobStore.run({
    nniArea,
    areas: boundary ? { geojson: boundary.geojson, name: boundary.name } : null,
    standardDeviations: form.standardDeviations,
  });
  if (!result) return;
  usePointPatternUi.setState({
    hidden: result.ellipses.slice(1 + FIRST_SHOWN).map((e) => e.name),
  });
  refreshPointPatternOverlay();
}

export function toggleEllipse(name: string, show: boolean): void {
  usePointPatternUi.setState((s) => ({
    hidden: show ? s.hidden.filter((h) => h !== name) : [...s.hidden, name],
  }));
  refreshPointPatternOverlay();
}

export function refreshPointPatternOverlay(): void {
  const result = pointPatternJobStore.use.getState().result;
  if (!result) {
    setOverlay('point-pattern', null);
    return;
  }
  const { hidden } = usePointPatternUi.getState();
  setOverlay('point-pattern', {
    layers: createPointPatternLayers(result, hidden),
    legend: {
      title: `Standard deviational ellipses (${result.standardDeviations} SD, √2)`,
      items: result.ellipses
        .map((e, i) => ({ label: e.name, colour: ellipseColour(i), shape: 'line' as const }))
        .filter((item) => !hidden.includes(item.label)),
      note: 'Dots are mean centres.',
    },
    order: 30,
    aboveIncidents: true,
  });
}

export function clearPointPattern(): void {
  pointPatternJobStore.clear();
  setOverlay('point-pattern', null);
}

export function exportEllipses(format: 'geojson' | 'csv', result: PointPatternResult): void {
  if (format === 'geojson') {
    const fc = { ...result.ellipseFeatures, methods_log: result.log };
    downloadBlob(
      new Blob([JSON.stringify(fc)], { type: 'application/geo+json' }),
      'ellipses.geojson',
    );
    return;
  }
  const nni = result.nni;
  const lines = result.log.map((l) => `# ${l}`);
  lines.push(
    `# Nearest neighbour index: observed ${nni.observedMeanDistanceMetres} m, expected ${nni.expectedMeanDistanceMetres} m, R ${nni.ratio}, z ${nni.zScore}, p ${nni.pValue}, study area ${nni.studyArea.areaSquareMetres} m² (${nni.studyArea.description})`,
    'name,count,mean_centre_lon,mean_centre_lat,major_semi_axis_m,minor_semi_axis_m,rotation_deg,share_inside',
  );
  for (const e of result.ellipses)
    lines.push(
      [
        /[",]/.test(e.name) ? `"${e.name.replaceAll('"', '""')}"` : e.name,
        e.count,
        e.meanCentreLon,
        e.meanCentreLat,
        e.majorSemiAxisMetres,
        e.minorSemiAxisMetres,
        e.rotationDegrees,
        e.shareInside,
      ].join(','),
    );
  downloadBlob(new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }), 'point-pattern.csv');
}
