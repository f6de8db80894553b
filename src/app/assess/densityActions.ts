/** Commands of the kernel density section: run (one surface or dual), show, export, clear. */
import { create } from 'zustand';
import { MS_PER_DAY, formatIsoDate } from '../../analysis/calendar';
import type { DensityParams, DensityResult, DualMeasure } from '../../data/jobs/densityJob';
import { contourStyle, createDensityLayers, densityImage } from '../../map/densityLayer';
import { downloadBlob, setOverlay } from '../actions';
import { createJobStore } from '../jobStore';
import { useStore, type LegendItem } from '../store';

export const densityJobStore = createJobStore('density');

export interface DensityForm {
  mode: 'single' | 'dual';
  kernel: 'quartic' | 'gaussian';
  /** Empty: ArcGIS's default. */
  bandwidthMetres: string;
  cellSizeMetres: string;
  perYear: boolean;
  /** '' = the incidents' convex hull, else a boundary id. */
  studyArea: string;
  compareBy: 'periods' | 'categories';
  /** ISO dates, inclusive. */
  firstFrom: string;
  firstTo: string;
  secondFrom: string;
  secondTo: string;
  firstCategories: string[];
  secondCategories: string[];
  measure: DualMeasure;
  share: boolean;
}

export const useDensityUi = create<{
  form: DensityForm;
  showRaster: boolean;
  showContours: boolean;
}>(() => ({
  form: {
    mode: 'single',
    kernel: 'quartic',
    bandwidthMetres: '',
    cellSizeMetres: '',
    perYear: false,
    studyArea: '',
    compareBy: 'periods',
    firstFrom: '',
    firstTo: '',
    secondFrom: '',
    secondTo: '',
    firstCategories: [],
    secondCategories: [],
    measure: 'logRatio',
    share: false,
  },
  showRaster: true,
  showContours: true,
}));

export function updateDensityForm(patch: Partial<DensityForm>): void {
  useDensityUi.setState((s) => ({ form: { ...s.form, ...patch } }));
}

/** Dual mode starts on the data's last 12 months against the 12 before. */
export function defaultPeriods(): Partial<DensityForm> {
  const range = useStore.getState().dataset?.report.dateRange;
  if (!range) return {};
  const last = Date.parse(`${range[1].slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(last)) return {};
  const year = 365 * MS_PER_DAY;
  return {
    firstFrom: formatIsoDate(last - year + MS_PER_DAY),
    firstTo: formatIsoDate(last),
    secondFrom: formatIsoDate(last - 2 * year + MS_PER_DAY),
    secondTo: formatIsoDate(last - year),
  };
}

export function setDensityMode(mode: DensityForm['mode']): void {
  const { form } = useDensityUi.getState();
  updateDensityForm(
    mode === 'dual' && form.firstFrom === '' ? { mode, ...defaultPeriods() } : { mode },
  );
}

const positive = (text: string): number | undefined => {
  const v = Number(text);
  return text.trim() !== '' && Number.isFinite(v) && v > 0 ? v : undefined;
};

/** "2024-03-05" → floating ms at the start of that day (NaN when not a date). */
const dayStart = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

export function densityParamsFromForm(form: DensityForm): DensityParams | string {
  const boundary = useStore.getState().boundaries.find((b) => b.id === form.studyArea);
  if (form.studyArea !== '' && !boundary) return 'The chosen study area is no longer loaded.';
  const params: DensityParams = {
    kernel: form.kernel,
    bandwidthMetres: positive(form.bandwidthMetres),
    cellSizeMetres: positive(form.cellSizeMetres),
    perYear: form.perYear,
    areas: boundary ? { geojson: boundary.geojson, name: boundary.name } : null,
  };
  if (form.mode === 'dual') {
    const scale = form.share ? 'share' : 'intensity';
    if (form.compareBy === 'periods') {
      const bounds = [form.firstFrom, form.firstTo, form.secondFrom, form.secondTo].map(dayStart);
      if (bounds.some((v) => !Number.isFinite(v))) return 'Enter both periods as dates.';
      params.compare = {
        kind: 'periods',
        first: [bounds[0], bounds[1] + MS_PER_DAY],
        second: [bounds[2], bounds[3] + MS_PER_DAY],
        measure: form.measure,
        scale,
      };
    } else {
      if (form.firstCategories.length === 0 || form.secondCategories.length === 0)
        return 'Choose at least one category for A and one for B.';
      params.compare = {
        kind: 'categories',
        first: form.firstCategories,
        second: form.secondCategories,
        measure: form.measure,
        scale,
      };
    }
  }
  return params;
}

export async function runDensity(): Promise<void> {
  const params = densityParamsFromForm(useDensityUi.getState().form);
  if (typeof params === 'string') {
    densityJobStore.use.setState({ error: params });
    return;
  }
  const result = await densityJobStore.run(params);
  if (result) refreshDensityOverlay();
}

/** The picture of the current result, wrapped once per result (not per redraw). */
let wrapped: { result: DensityResult; image: ImageData } | null = null;

export function refreshDensityOverlay(): void {
  const result = densityJobStore.use.getState().result;
  if (!result) {
    setOverlay('density', null);
    return;
  }
  if (wrapped?.result !== result) wrapped = { result, image: densityImage(result) };
  const { showRaster, showContours } = useDensityUi.getState();
  const items: LegendItem[] = showRaster
    ? result.legend.map((l) => ({ label: l.label, colour: l.colour, shape: 'square' }))
    : [];
  if (showContours)
    result.contourTable.forEach((row, rank) =>
      items.push({
        label: `densest ${row.percentOfArea}% of area (holds ${(100 * row.incidentShare).toFixed(0)}%)`,
        colour: contourStyle(rank).colour,
        shape: 'line',
      }),
    );
  setOverlay('density', {
    layers: createDensityLayers(result, wrapped.image, { showRaster, showContours }),
    legend: {
      title: result.legendTitle,
      items,
      note:
        result.mode === 'single'
          ? `${result.kernel === 'quartic' ? 'Quartic' : 'Gaussian'} kernel, ${result.kernel === 'quartic' ? 'radius' : 'σ'} ${result.bandwidthMetres.toFixed(0)} m; classes by share of the study area.`
          : `A: ${result.dual?.labelA}; B: ${result.dual?.labelB}.`,
    },
    order: 5,
  });
}

export function setDensityDisplay(patch: { showRaster?: boolean; showContours?: boolean }): void {
  useDensityUi.setState(patch);
  refreshDensityOverlay();
}

export function clearDensity(): void {
  densityJobStore.clear();
  wrapped = null;
  setOverlay('density', null);
}

function baseName(result: DensityResult): string {
  return result.mode === 'dual'
    ? `density-dual-${result.dual?.measure}`
    : `density-${result.kernel}`;
}

export function exportDensityGeoTiff(result: DensityResult): void {
  downloadBlob(
    new Blob([result.geotiff as Uint8Array<ArrayBuffer>], { type: 'image/tiff' }),
    `${baseName(result)}.tif`,
  );
  // The methods log travels beside the raster (a GeoTIFF header has no room for it).
  downloadBlob(
    new Blob([`${result.log.join('\n')}\n`], { type: 'text/plain' }),
    `${baseName(result)}-methods.txt`,
  );
}

export function exportDensityContours(result: DensityResult): void {
  const fc = { ...result.contours, methods_log: result.log };
  downloadBlob(
    new Blob([JSON.stringify(fc)], { type: 'application/geo+json' }),
    `${baseName(result)}-contours.geojson`,
  );
}

export function exportDensityTable(result: DensityResult): void {
  const lines = result.log.map((l) => `# ${l}`);
  lines.push('percent_of_area,level,unit,area_share,area_km2,incidents_inside,incident_share');
  for (const r of result.contourTable)
    lines.push(
      [
        r.percentOfArea,
        r.level,
        `"${result.unit}"`,
        r.areaShare,
        r.areaKm2,
        r.incidentsInside,
        r.incidentShare,
      ].join(','),
    );
  downloadBlob(
    new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }),
    `${baseName(result)}-contours.csv`,
  );
}
