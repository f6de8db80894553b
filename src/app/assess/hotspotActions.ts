/** Commands of the hot spot analysis: run, cancel, pick a cell, export, clear. */
import { create } from 'zustand';
import { hotspotColumns } from '../../data/exports/hotspotExport';
import type { HotspotParams, HotspotResult } from '../../data/jobs/hotspotsJob';
import {
  cellColours,
  createHotspotLayers,
  ROBUST_COLD_OUTLINE,
  ROBUST_HOT_OUTLINE,
} from '../../map/hotspotLayer';
import { downloadCells, setOverlay, showPanel } from '../actions';
import { createJobStore } from '../jobStore';
import { useStore } from '../store';

export const hotspotJob = createJobStore('hotspots');

export type AreaSource = 'square' | 'hex' | string;

export interface HotspotForm {
  method: HotspotParams['method'];
  /** 'square' | 'hex' for grids, else a boundary id. */
  areas: AreaSource;
  /** Empty: chosen from the data. */
  cellSizeMetres: string;
  bandMetres: string;
  weights: 'queen' | 'rook' | 'knn' | 'band' | 'file';
  knnK: string;
  weightsBandMetres: string;
  weightsFile: { fileName: string; text: string } | null;
  idField: string;
  permutations: string;
  seed: string;
  alpha: string;
  fdr: boolean;
  robustness: boolean;
}

export const useHotspotUi = create<{ form: HotspotForm; selectedCell: number | null }>(() => ({
  form: {
    method: 'gistar',
    areas: 'square',
    cellSizeMetres: '',
    bandMetres: '',
    weights: 'queen',
    knnK: '6',
    weightsBandMetres: '1000',
    weightsFile: null,
    idField: '',
    permutations: '999',
    seed: '1',
    alpha: '0.05',
    fdr: false,
    robustness: false,
  },
  selectedCell: null,
}));

export function updateHotspotForm(patch: Partial<HotspotForm>): void {
  useHotspotUi.setState((s) => ({ form: { ...s.form, ...patch } }));
}

const num = (text: string): number | undefined => {
  const v = Number(text);
  return text.trim() !== '' && Number.isFinite(v) && v > 0 ? v : undefined;
};

export function paramsFromForm(form: HotspotForm): HotspotParams | string {
  const boundary = useStore.getState().boundaries.find((b) => b.id === form.areas);
  const params: HotspotParams = {
    method: form.method,
    shape: form.areas === 'hex' ? 'hex' : 'square',
    cellSizeMetres: num(form.cellSizeMetres),
    bandMetres: num(form.bandMetres),
    permutations: Math.round(num(form.permutations) ?? 999),
    seed: Math.round(Number(form.seed) || 1),
    alpha: num(form.alpha) ?? 0.05,
    fdr: form.fdr,
    robustness: form.robustness,
  };
  if (boundary) {
    let weights: NonNullable<HotspotParams['areas']>['weights'];
    if (form.weights === 'knn') weights = { kind: 'knn', k: Math.round(num(form.knnK) ?? 6) };
    else if (form.weights === 'band')
      weights = { kind: 'band', metres: num(form.weightsBandMetres) ?? 1000 };
    else if (form.weights === 'file') {
      if (!form.weightsFile)
        return 'Choose a .gal or .gwt weights file, or another kind of weights.';
      weights = { kind: 'file', ...form.weightsFile };
    } else weights = { kind: form.weights };
    params.areas = { geojson: boundary.geojson, idField: form.idField || undefined, weights };
  } else if (form.areas !== 'square' && form.areas !== 'hex') {
    return 'The chosen boundary layer is no longer loaded.';
  }
  return params;
}

export async function runHotspots(override?: Partial<HotspotForm>): Promise<void> {
  if (override) updateHotspotForm(override);
  const params = paramsFromForm(useHotspotUi.getState().form);
  if (typeof params === 'string') {
    hotspotJob.use.setState({ error: params });
    return;
  }
  useHotspotUi.setState({ selectedCell: null });
  const result = await hotspotJob.run(params);
  if (result) refreshHotspotOverlay();
}

/** One click: Optimized Hot Spot Analysis on a square grid, every parameter chosen from the data. */
export function findHotSpots(): Promise<void> {
  return runHotspots({ method: 'gistar', areas: 'square', cellSizeMetres: '', bandMetres: '' });
}

export function selectHotspotCell(cell: number | null): void {
  useHotspotUi.setState({ selectedCell: cell });
  if (cell !== null) showPanel('assess');
  refreshHotspotOverlay();
}

export function clearHotspots(): void {
  hotspotJob.clear();
  useHotspotUi.setState({ selectedCell: null });
  setOverlay('hotspots', null);
}

const TITLES: Record<HotspotParams['method'], string> = {
  gistar: 'Hot spots (Getis-Ord Gi*)',
  gi: 'Hot spots (Getis-Ord Gi)',
  lisa: "Clusters and outliers (Local Moran's I)",
  count: 'Incidents per cell',
};

/** Legend lines for the robustness outlines, when the check ran and marked any cell. */
function robustLegend(result: HotspotResult) {
  const any = (flags: Uint8Array | null) => flags !== null && flags.some((f) => f === 1);
  const half = result.cellSizeMetres ? Math.round(result.cellSizeMetres / 2) : null;
  const sizes = half ? ` (${half}, ${2 * half} and ${4 * half} m cells)` : '';
  return [
    ...(any(result.robustHot)
      ? [
          {
            label: `Hot at every scale${sizes}`,
            colour: ROBUST_HOT_OUTLINE,
            shape: 'line' as const,
          },
        ]
      : []),
    ...(any(result.robustCold)
      ? [
          {
            label: `Cold at every scale${sizes}`,
            colour: ROBUST_COLD_OUTLINE,
            shape: 'line' as const,
          },
        ]
      : []),
  ];
}

export function refreshHotspotOverlay(): void {
  const result = hotspotJob.use.getState().result;
  if (!result) {
    setOverlay('hotspots', null);
    return;
  }
  const { colours, legend } = cellColours(result);
  const selected = useHotspotUi.getState().selectedCell;
  setOverlay('hotspots', {
    layers: createHotspotLayers(result, colours, selectHotspotCell, selected),
    legend: {
      title: TITLES[result.method],
      items: [
        ...legend.map((l) => ({ label: l.label, colour: l.colour, shape: 'square' as const })),
        ...robustLegend(result),
      ],
      note:
        result.method === 'gistar' || result.method === 'gi'
          ? 'With false discovery rate correction.'
          : result.method === 'lisa'
            ? `pSim from ${result.log.some((l) => l.includes('false discovery')) ? 'FDR-corrected ' : ''}permutations.`
            : undefined,
    },
    order: 10,
  });
}

export function exportHotspots(format: 'geojson' | 'csv', result: HotspotResult): void {
  downloadCells(
    format,
    result.geometry,
    hotspotColumns(result),
    result.log,
    `hotspots-${result.method}`,
  );
}
