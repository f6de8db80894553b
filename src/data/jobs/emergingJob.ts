/**
 * Emerging Hot Spot Analysis (issue 7) as a job: incidents counted in square cells of a chosen size
 * and in time steps (months, weeks or N days, chosen from the data's span unless given), space-time
 * Gi* per bin with the cube's or each slice's mean and variance, FDR-corrected bins, Mann-Kendall on
 * each cell's z series and Esri's 17 patterns (`src/analysis/emergingHotSpots.ts`). When not
 * given, the cell size is the smallest usual size at which cells with incidents average one
 * incident a step, and the distance band gives each such cell about eight neighbours (the mean
 * distance to the 8th nearest). Only cells with at least one incident are analysed and returned,
 * as in ArcGIS.
 */
import { formatIsoDate, MS_PER_DAY } from '../../analysis/calendar';
import {
  classifyEmergingPatterns,
  EMERGING_PATTERNS,
  emergingPatternName,
  emergingTimeSteps,
  spaceTimeBins,
  spaceTimeCube,
  spaceTimeGiStar,
  suggestTimeStep,
  type EmergingConfidence,
  type GlobalWindow,
  type TimeStep,
} from '../../analysis/emergingHotSpots';
import { buildGrid, DEFAULT_MAX_CELLS, type BuiltGrid } from '../../analysis/grid';
import { createLocalProjection } from '../../analysis/localProjection';
import { createPointGridIndex } from '../../analysis/pointGridIndex';
import { studyAreaFromPoints } from '../../analysis/studyArea';
import { gridGeometry, type CellGeometry } from './cellGeometry';
import type { Job } from './jobTypes';

export interface EmergingParams {
  /** Side of the square cells, metres. Undefined: chosen from the data (Optimized Hot Spot rule, at least 100 m). */
  cellSizeMetres?: number;
  /** Neighbourhood distance, metres (centre to centre, inclusive). Undefined: chosen from the data. */
  bandMetres?: number;
  /** Time step. Undefined: from the data's span (`suggestTimeStep`: months for ten months or more). */
  step?: TimeStep;
  /** Mean and variance over the whole cube ('cube', ArcGIS's default) or each time step ('slice', as R sfdep). */
  window?: GlobalWindow;
  /** Earlier time steps in each bin's neighbourhood; default 1 (ArcGIS's default). */
  timeStepNeighbours?: number;
  /** Confidence for bins and trends, per cent; default 90 (Esri's). */
  confidence?: EmergingConfidence;
  /** False Discovery Rate correction of the bins; default true (ArcGIS). */
  fdr?: boolean;
  maxCells?: number;
}

export interface EmergingPatternCount {
  code: number;
  name: string;
  cells: number;
  incidents: number;
}

export interface EmergingResult {
  /** Cells analysed: those with at least one incident in at least one step. */
  cellCount: number;
  geometry: CellGeometry;
  /** Each analysed cell's index in the full grid (a stable id within this run's grid). */
  cellIds: Int32Array;
  /** Incidents in each cell over all steps. */
  totals: Int32Array;
  /** Esri pattern code per cell (1…8 hot, −1…−8 cold, 0 none; `emergingPatternName`). */
  pattern: Int8Array;
  /** Mann-Kendall τ, two-sided p and z of each cell's Gi* z series. */
  trendTau: Float64Array;
  trendP: Float64Array;
  trendZ: Float64Array;
  stepCount: number;
  /** stepCount + 1 edges, floating epoch ms; step s is [edges[s], edges[s + 1]). */
  stepEdgesMs: Float64Array;
  /** The step in words: "month", "2 weeks", "7 days". */
  stepLabel: string;
  step: TimeStep;
  /** Cell-major series, cellCount × stepCount: Gi* z, −3…3 bin and count of each bin. */
  z: Float64Array;
  bins: Int8Array;
  counts: Int32Array;
  patternCounts: EmergingPatternCount[];
  cellSizeMetres: number;
  bandMetres: number;
  window: GlobalWindow;
  confidence: EmergingConfidence;
  fdr: boolean;
  timeStepNeighbours: number;
  studyAreaKm2: number;
  incidentsCounted: number;
  summary: string[];
  log: string[];
}

const n = (x: number) => x.toLocaleString('en-US');

export function timeStepLabel(step: TimeStep): string {
  const count = step.count ?? 1;
  return count === 1 ? step.unit : `${count} ${step.unit}s`;
}

/** What each pattern means, in a few plain words (after Esri's definitions). */
export const PATTERN_MEANING: Record<number, string> = {
  1: 'hot in the latest step for the first time',
  2: 'hot for the latest steps in a row, never before',
  3: 'hot almost throughout, and getting hotter',
  4: 'hot almost throughout, with no clear trend',
  5: 'hot almost throughout, but cooling',
  6: 'hot now, and on and off before',
  7: 'hot now, but a cold spot at some earlier time',
  8: 'hot almost throughout, but not in the latest step',
  [-1]: 'cold in the latest step for the first time',
  [-2]: 'cold for the latest steps in a row, never before',
  [-3]: 'cold almost throughout, and getting colder',
  [-4]: 'cold almost throughout, with no clear trend',
  [-5]: 'cold almost throughout, but warming',
  [-6]: 'cold now, and on and off before',
  [-7]: 'cold now, but a hot spot at some earlier time',
  [-8]: 'cold almost throughout, but not in the latest step',
  0: 'no hot or cold spot pattern',
};

/** The grid geometry of some of a grid's cells (those analysed), in lon/lat. */
function subsetGeometry(
  grid: BuiltGrid,
  cells: Int32Array,
  projection: ReturnType<typeof createLocalProjection>,
): CellGeometry {
  const v = grid.verticesPerCell;
  const vertices = new Float64Array(cells.length * v * 2);
  const centres = new Float64Array(cells.length * 2);
  cells.forEach((c, k) => {
    vertices.set(grid.vertices.subarray(c * v * 2, (c + 1) * v * 2), k * v * 2);
    centres[2 * k] = grid.centres[2 * c];
    centres[2 * k + 1] = grid.centres[2 * c + 1];
  });
  return gridGeometry({ ...grid, cellCount: cells.length, vertices, centres }, projection);
}

export const emergingJob: Job<EmergingParams, EmergingResult> = (input, params, progress) => {
  if (input.count === 0)
    throw new Error('No incidents match the current filters: there is nothing to analyse.');
  const projection = createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]);
  const log = [...input.logHeader];
  const window = params.window ?? 'cube';
  const confidence = params.confidence ?? 90;
  const fdr = params.fdr ?? true;
  const k = params.timeStepNeighbours ?? 1;
  if (params.cellSizeMetres !== undefined && !(params.cellSizeMetres > 0))
    throw new Error(
      `The cell size must be a positive number of metres (got ${params.cellSizeMetres}).`,
    );
  if (params.bandMetres !== undefined && !(params.bandMetres > 0))
    throw new Error(
      `The distance band must be a positive number of metres (got ${params.bandMetres}).`,
    );

  // Time steps first: a bad step is cheap to report.
  const step = params.step ?? suggestTimeStep(input.timeMs);
  const [firstMs, lastMs] = spanOf(input.timeMs);
  const stepWhy = params.step
    ? 'as chosen by the user'
    : `chosen from the data's span (${formatIsoDate(firstMs)} to ${formatIsoDate(lastMs)}): months when it covers ten or more (three months beyond ten years), else weeks when ten or more, else days`;
  if (input.timePrecision === 'month' && step.unit !== 'month')
    throw new Error(
      `The dates of this data set are recorded to the month only, so steps of ${timeStepLabel(step)} would put every incident on the 1st. Use monthly steps.`,
    );
  const stepEdgesMs = emergingTimeSteps(input.timeMs, step);
  const stepCount = stepEdgesMs.length - 1;
  if (stepCount < 10)
    throw new Error(
      `Only ${stepCount} time step${stepCount === 1 ? '' : 's'} of ${timeStepLabel(step)}: the Mann-Kendall trend test needs about ten. Choose a shorter step or a longer date range.`,
    );

  // Grid and distance band.
  progress(0.02, 'study area');
  const studyArea = studyAreaFromPoints(input.xy);
  log.push(studyArea.description);
  const maxCells = params.maxCells ?? DEFAULT_MAX_CELLS;
  let cellSize: number;
  if (params.cellSizeMetres !== undefined) {
    cellSize = params.cellSizeMetres;
    log.push(`Cells: squares of ${n(cellSize)} m, as chosen by the user.`);
  } else {
    progress(0.1, 'cell size');
    const chosen = chooseCellSize(input.xy, stepCount, studyArea.areaSquareMetres, maxCells);
    cellSize = chosen.cellSizeMetres;
    log.push(
      `Cells: squares of ${n(cellSize)} m, chosen from the data: the smallest of the usual sizes (100 m upward) at which a cell with incidents holds on average at least one incident a time step (${chosen.meanPerBin.toFixed(2)} here), so that the cube is not mostly empty bins.`,
    );
  }
  progress(0.2, 'grid');
  const grid = buildGrid(input.xy, {
    shape: 'square',
    cellSizeMetres: cellSize,
    studyArea,
    maxCells,
  });
  // The cube.
  progress(0.3, 'space-time cube');
  const cube = spaceTimeCube(grid.pointCell, input.timeMs, grid.cellCount, stepEdgesMs);
  const T = stepCount;
  const active = new Uint8Array(grid.cellCount);
  let activeCount = 0;
  for (let i = 0; i < grid.cellCount; i++)
    for (let t = 0; t < T; t++)
      if (cube.counts[i * T + t] !== 0) {
        active[i] = 1;
        activeCount++;
        break;
      }
  if (activeCount < 30)
    throw new Error(
      `Only ${activeCount} cells hold an incident: Emerging Hot Spot Analysis needs at least 30 locations. Use smaller cells or more incidents.`,
    );
  let band: number;
  if (params.bandMetres !== undefined) {
    band = params.bandMetres;
    log.push(
      `Neighbourhood distance ${n(band)} m (centre to centre, inclusive), as chosen by the user.`,
    );
  } else {
    band = eighthNeighbourBand(grid, active);
    log.push(
      `Neighbourhood distance ${n(band)} m, chosen from the data: the mean distance from each cell with incidents to its 8th nearest cell with incidents, so that a location has about eight neighbours (ArcGIS's rule of thumb for Gi*: about eight neighbours each).`,
    );
  }
  log.push(
    `Time steps: ${n(T)} of one ${timeStepLabel(step)}, ${stepWhy}; aligned to end with the last incident's day (ArcGIS's "end time" alignment), from ${formatIsoDate(stepEdgesMs[0])} to ${formatIsoDate(stepEdgesMs[T] - MS_PER_DAY)}.`,
    `Space-time cube: ${n(activeCount)} locations (cells with at least one incident, as ArcGIS) × ${n(T)} steps = ${n(activeCount * T)} bins; ${n(input.count - cube.incidentsOutside)} of ${n(input.count)} incidents counted${cube.incidentsOutside > 0 ? ` (${n(cube.incidentsOutside)} fall outside the study area's cells)` : ''}.`,
  );

  // Space-time Gi* and bins.
  progress(0.4, 'space-time Gi*');
  const gi = spaceTimeGiStar(
    cube.counts,
    T,
    { kind: 'squareGrid', lattice: grid, distanceBandMetres: band },
    { timeStepNeighbours: k, window, activeCells: active },
  );
  progress(0.55, 'bins (false discovery rate)');
  const allBins = spaceTimeBins(gi, { fdr });

  // Mann-Kendall and the patterns, in blocks of cells for progress.
  const cellIds = new Int32Array(activeCount);
  for (let i = 0, a = 0; i < grid.cellCount; i++) if (active[i]) cellIds[a++] = i;
  const pattern = new Int8Array(activeCount);
  const trendTau = new Float64Array(activeCount);
  const trendP = new Float64Array(activeCount);
  const trendZ = new Float64Array(activeCount);
  const block = 4096;
  for (let first = 0; first < grid.cellCount; first += block) {
    const end = Math.min(grid.cellCount, first + block);
    const part = classifyEmergingPatterns(gi, allBins, {
      confidence,
      firstCell: first,
      endCell: end,
    });
    for (let i = first; i < end; i++) {
      if (!active[i]) continue;
      const a = lowerBound(cellIds, i);
      pattern[a] = part.pattern[i - first];
      trendTau[a] = part.trendTau[i - first];
      trendP[a] = part.trendP[i - first];
      trendZ[a] = part.trendZ[i - first];
    }
    progress(0.6 + (0.3 * end) / grid.cellCount, 'Mann-Kendall trends and patterns');
  }

  // Series of the analysed cells only.
  const z = new Float64Array(activeCount * T);
  const bins = new Int8Array(activeCount * T);
  const counts = new Int32Array(activeCount * T);
  const totals = new Int32Array(activeCount);
  cellIds.forEach((c, a) => {
    z.set(gi.z.subarray(c * T, (c + 1) * T), a * T);
    bins.set(allBins.subarray(c * T, (c + 1) * T), a * T);
    let total = 0;
    for (let t = 0; t < T; t++) {
      const v = cube.counts[c * T + t];
      counts[a * T + t] = v;
      total += v;
    }
    totals[a] = total;
  });

  progress(0.92, 'map cells');
  const geometry = subsetGeometry(grid, cellIds, projection);
  const patternCounts: EmergingPatternCount[] = EMERGING_PATTERNS.map(({ code, name }) => ({
    code,
    name,
    cells: 0,
    incidents: 0,
  }));
  const slot = new Map(patternCounts.map((p, i) => [p.code, i]));
  for (let a = 0; a < activeCount; a++) {
    const entry = patternCounts[slot.get(pattern[a]) as number];
    entry.cells++;
    entry.incidents += totals[a];
  }

  let minNeighbours = Infinity;
  let maxNeighbours = 0;
  for (const c of cellIds) {
    minNeighbours = Math.min(minNeighbours, gi.neighbourCount[c]);
    maxNeighbours = Math.max(maxNeighbours, gi.neighbourCount[c]);
  }
  const alpha = (1 - confidence / 100).toFixed(2);
  log.push(
    `Space-time Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis 1995) per bin with binary weights: the cells within ${n(Math.round(band))} m (${minNeighbours === maxNeighbours ? minNeighbours : `${minNeighbours} to ${maxNeighbours}`} cells with incidents, the cell itself included) in the same step and ${k === 0 ? 'no earlier step' : k === 1 ? 'the previous step' : `the ${k} previous steps`} (ArcGIS's Neighborhood Time Step = ${k}).`,
    window === 'cube'
      ? 'Global window: the mean and variance of the whole cube (ArcGIS’s default, "Entire cube").'
      : 'Global window: the mean and variance of each time step separately (ArcGIS’s "Individual time step"; what R sfdep’s emerging_hotspot_analysis does).',
    fdr
      ? `Bins: two-sided p from the normal distribution, corrected for ${n(activeCount * T)} tests with the False Discovery Rate (Benjamini & Hochberg 1995) at 99%, 95% and 90%, as ArcGIS does.`
      : 'Bins: two-sided p from the normal distribution, with no correction for multiple tests.',
    `Significance: a bin counts as a hot (cold) spot at ${confidence}% confidence (Esri's default is 90%), i.e. FDR-corrected p ≤ ${alpha}; a trend is significant when the Mann-Kendall test (continuity-corrected, tie-corrected variance; two-sided p) of the cell's z-scores gives p ≤ ${alpha}.`,
    'Patterns by Esri’s definitions (ArcGIS Pro, "How Emerging Hot Spot Analysis works"): New, Consecutive, Intensifying, Persistent, Diminishing, Sporadic, Oscillating, Historical hot and cold spots, and No Pattern Detected; "90 percent" of steps means at least 90%, and a location hot now with any earlier cold bin is Oscillating.',
  );
  const summary = summarise(patternCounts, activeCount, step, stepEdgesMs, totals);
  log.push(...summary.map((s) => `Result: ${s}`));
  progress(1, 'done');
  return {
    cellCount: activeCount,
    geometry,
    cellIds,
    totals,
    pattern,
    trendTau,
    trendP,
    trendZ,
    stepCount: T,
    stepEdgesMs,
    stepLabel: timeStepLabel(step),
    step,
    z,
    bins,
    counts,
    patternCounts,
    cellSizeMetres: cellSize,
    bandMetres: band,
    window,
    confidence,
    fdr,
    timeStepNeighbours: k,
    studyAreaKm2: studyArea.areaSquareMetres / 1e6,
    incidentsCounted: input.count - cube.incidentsOutside,
    summary,
    log,
  };
};

const NICE_CELL_SIZES = [
  100, 150, 200, 250, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000, 4000, 5000,
];

/**
 * The smallest usual cell size at which the cells holding incidents average at least one incident
 * a time step (the largest when none does), skipping sizes that would exceed `maxCells`.
 */
export function chooseCellSize(
  xy: Float64Array,
  stepCount: number,
  studyAreaSquareMetres: number,
  maxCells: number,
): { cellSizeMetres: number; meanPerBin: number } {
  const points = xy.length >> 1;
  let last = { cellSizeMetres: NICE_CELL_SIZES[NICE_CELL_SIZES.length - 1], meanPerBin: 0 };
  for (const size of NICE_CELL_SIZES) {
    if (studyAreaSquareMetres / (size * size) > maxCells) continue;
    const occupied = new Set<number>();
    for (let i = 0; i < points; i++) {
      const cx = Math.floor(xy[2 * i] / size);
      const cy = Math.floor(xy[2 * i + 1] / size);
      // Cells are far fewer than 2^21 a side at these sizes, so one number keys a cell.
      occupied.add((cx + 1_048_576) * 2_097_152 + (cy + 1_048_576));
    }
    const meanPerBin = points / Math.max(1, occupied.size * stepCount);
    last = { cellSizeMetres: size, meanPerBin };
    if (meanPerBin >= 1) break;
  }
  return last;
}

/** Mean distance from each active cell centre to its 8th nearest active cell centre, metres. */
function eighthNeighbourBand(grid: BuiltGrid, active: Uint8Array): number {
  const cells: number[] = [];
  for (let i = 0; i < grid.cellCount; i++) if (active[i]) cells.push(i);
  const xy = new Float64Array(2 * cells.length);
  cells.forEach((c, k) => {
    xy[2 * k] = grid.centres[2 * c];
    xy[2 * k + 1] = grid.centres[2 * c + 1];
  });
  const index = createPointGridIndex(xy, grid.cellSizeMetres * 3);
  let sum = 0;
  let counted = 0;
  for (let k = 0; k < cells.length; k++) {
    const near = index.nearest(xy[2 * k], xy[2 * k + 1], 8, k);
    if (near.length === 0) continue;
    sum += near[near.length - 1].distance;
    counted++;
  }
  // Rounded up to the metre, so that cells exactly at the mean distance (a full lattice's
  // diagonal neighbours) stay inside the band.
  return counted > 0 ? Math.ceil(sum / counted) : Math.ceil(grid.cellSizeMetres * Math.SQRT2);
}

function spanOf(times: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < times.length; i++) {
    if (times[i] < lo) lo = times[i];
    if (times[i] > hi) hi = times[i];
  }
  return [lo, hi];
}

function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function summarise(
  patternCounts: EmergingPatternCount[],
  cells: number,
  step: TimeStep,
  edges: Float64Array,
  totals: Int32Array,
): string[] {
  let incidents = 0;
  for (let i = 0; i < totals.length; i++) incidents += totals[i];
  const unit = timeStepLabel(step);
  const lines = [
    `${n(cells)} cells with incidents, followed over ${n(edges.length - 1)} steps of one ${unit} (${formatIsoDate(edges[0])} to ${formatIsoDate(edges[edges.length - 1] - MS_PER_DAY)}).`,
  ];
  const share = (x: number) => `${((100 * x) / Math.max(1, incidents)).toFixed(1)}%`;
  const found = patternCounts.filter((p) => p.code !== 0 && p.cells > 0);
  for (const p of found)
    lines.push(
      `${n(p.cells)} ${p.cells === 1 ? emergingPatternName(p.code) : `${emergingPatternName(p.code)}s`} (${PATTERN_MEANING[p.code].replace('the latest step', `the latest ${unit}`)}), with ${share(p.incidents)} of the incidents.`,
    );
  if (found.length === 0)
    lines.push('No cell shows a hot or cold spot pattern at this confidence level.');
  const hotNow = patternCounts
    .filter((p) => p.code >= 1 && p.code <= 3)
    .reduce((a, p) => a + p.cells, 0);
  if (hotNow > 0)
    lines.push(
      `${n(hotNow)} ${hotNow === 1 ? 'cell is' : 'cells are'} new, consecutive or intensifying hot spots: places where the problem is growing, worth a look first.`,
    );
  return lines;
}
