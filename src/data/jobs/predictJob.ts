/**
 * "Which method predicts best, on this data" (issue 7) as a job: draw hot spots from a training
 * period four ways — kernel density, Getis-Ord Gi* hot cells, the training period's busiest cells,
 * and Emerging Hot Spot Analysis's hot outcomes — rank the same grid of cells by each, and score the
 * rankings against where the next (test) period's incidents fell: hit rate, PAI (Chainey, Tompson &
 * Uhlig 2008) and PEI (Hunt 2016) at 1, 2, 5, 10 and 20% of the study area
 * (`predictionAccuracy`), with the hit-rate curves.
 */
import { addMonths, formatIsoDate, MS_PER_DAY, startOfMonth } from '../../analysis/calendar';
import {
  emergingHotSpots,
  emergingPatternName,
  emergingTimeSteps,
  spaceTimeCube,
  suggestTimeStep,
} from '../../analysis/emergingHotSpots';
import { getisOrdGiStarGrid } from '../../analysis/getisOrdGiStar';
import { buildGrid, type BuiltGrid } from '../../analysis/grid';
import { kdeBandwidth } from '../../analysis/kdeBandwidth';
import { kernelDensityAt } from '../../analysis/kernelDensity';
import { createLocalProjection } from '../../analysis/localProjection';
import { normalCdf } from '../../analysis/normal';
import { predictionAccuracy, type PredictionAtShare } from '../../analysis/predictionAccuracy';
import { studyAreaFromPoints } from '../../analysis/studyArea';
import { gridGeometry, type CellGeometry } from './cellGeometry';
import type { Job } from './jobTypes';

export type PredictMethodId = 'kde' | 'gistar' | 'previous' | 'ehsa';

export interface PredictParams {
  /** Training period [start, end), floating epoch ms. Default: the 12 months before the test period. */
  trainStartMs?: number;
  trainEndMs?: number;
  /** Test period [start, end). Default: the calendar month of the last incident. */
  testStartMs?: number;
  testEndMs?: number;
  /** Side of the square cells every method is scored on, metres; default 150. */
  cellSizeMetres?: number;
  /** KDE quartic search radius, metres; default ArcGIS's rule on the training incidents. */
  kdeBandwidthMetres?: number;
  /** Gi* and EHSA neighbourhood distance, metres; default 2 × the cell size. */
  bandMetres?: number;
  /** Area shares to report (fractions); default 1, 2, 5, 10 and 20%. */
  areaShares?: number[];
}

export interface PredictMethodResult {
  id: PredictMethodId;
  label: string;
  /** How the cells were ranked, one sentence. */
  description: string;
  /** False when the method could not run on the training period (then `reason` says why). */
  available: boolean;
  reason: string | null;
  atShares: PredictionAtShare[];
  curveAreaShare: Float64Array;
  curveHitRate: Float64Array;
  /** The hit-rate curve sampled at `PredictResult.curveGrid` (for charts with one x axis). */
  curveSampled: Float64Array;
  /** Each cell's score (higher = more expected). */
  scores: Float64Array;
}

export interface PredictResult {
  methods: PredictMethodResult[];
  areaShares: number[];
  bestCurveAreaShare: Float64Array;
  bestCurveHitRate: Float64Array;
  /** Area shares at which every curve is sampled: every 0.25% up to 30%, then every 5%. */
  curveGrid: Float64Array;
  bestCurveSampled: Float64Array;
  geometry: CellGeometry;
  cellCount: number;
  trainCounts: Int32Array;
  testCounts: Int32Array;
  trainIncidents: number;
  testIncidents: number;
  /** The periods as `YYYY-MM-DD` first and last days (inclusive). */
  train: [string, string];
  test: [string, string];
  trainStartMs: number;
  trainEndMs: number;
  testStartMs: number;
  testEndMs: number;
  cellSizeMetres: number;
  bandMetres: number;
  kdeBandwidthMetres: number;
  studyAreaKm2: number;
  summary: string[];
  log: string[];
}

const DEFAULT_SHARES = [0.01, 0.02, 0.05, 0.1, 0.2];
const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;

export const PREDICT_METHOD_LABELS: Record<PredictMethodId, string> = {
  kde: 'Kernel density (KDE)',
  gistar: 'Gi* hot cells',
  previous: 'Previous period’s top cells',
  ehsa: 'Emerging hot spots (EHSA)',
};

/** Default periods: test = the calendar month of the last incident; train = the 12 months before. */
export function defaultPredictionPeriods(timesMs: ArrayLike<number>): {
  trainStartMs: number;
  trainEndMs: number;
  testStartMs: number;
  testEndMs: number;
} {
  let last = -Infinity;
  for (let i = 0; i < timesMs.length; i++) if (timesMs[i] > last) last = timesMs[i];
  if (!Number.isFinite(last)) throw new Error('No incident has a valid date.');
  const testStartMs = startOfMonth(last);
  return {
    trainStartMs: addMonths(testStartMs, -12),
    trainEndMs: testStartMs,
    testStartMs,
    testEndMs: addMonths(testStartMs, 1),
  };
}

/** EHSA patterns in the order a planner would expect next period's crime: growing and steady first. */
const EHSA_PRIORITY: Record<number, number> = { 3: 8, 4: 7, 2: 6, 1: 5, 6: 4, 7: 3, 5: 2, 8: 1 };

export const predictJob: Job<PredictParams, PredictResult> = (input, params, progress) => {
  if (input.count === 0)
    throw new Error('No incidents match the current filters: there is nothing to predict.');
  const defaults = defaultPredictionPeriods(input.timeMs);
  const trainStartMs = params.trainStartMs ?? defaults.trainStartMs;
  const trainEndMs = params.trainEndMs ?? defaults.trainEndMs;
  const testStartMs = params.testStartMs ?? defaults.testStartMs;
  const testEndMs = params.testEndMs ?? defaults.testEndMs;
  if (!(trainStartMs < trainEndMs) || !(testStartMs < testEndMs))
    throw new Error('Each period must end after it starts.');
  if (testStartMs < trainEndMs && trainStartMs < testEndMs)
    throw new Error(
      'The training and test periods overlap: a method would be scored on incidents it has seen. Choose a test period after the training period.',
    );
  const cellSize = params.cellSizeMetres ?? 150;
  const band = params.bandMetres ?? 2 * cellSize;
  const shares = params.areaShares ?? DEFAULT_SHARES;
  const log = [...input.logHeader];
  const days = (a: number, b: number) => Math.round((b - a) / MS_PER_DAY);
  const train: [string, string] = [formatIsoDate(trainStartMs), formatIsoDate(trainEndMs - 1)];
  const test: [string, string] = [formatIsoDate(testStartMs), formatIsoDate(testEndMs - 1)];

  // One grid over the study area of every filtered incident, so every method is scored on the
  // same cells and the same area.
  progress(0.02, 'grid');
  const studyArea = studyAreaFromPoints(input.xy);
  const grid = buildGrid(input.xy, { shape: 'square', cellSizeMetres: cellSize, studyArea });
  const C = grid.cellCount;
  const trainCounts = new Int32Array(C);
  const testCounts = new Int32Array(C);
  const trainIdx: number[] = [];
  let testIncidents = 0;
  for (let i = 0; i < input.count; i++) {
    const t = input.timeMs[i];
    const cell = grid.pointCell[i];
    if (t >= trainStartMs && t < trainEndMs) {
      trainIdx.push(i);
      if (cell >= 0) trainCounts[cell]++;
    } else if (t >= testStartMs && t < testEndMs && cell >= 0) {
      testCounts[cell]++;
      testIncidents++;
    }
  }
  if (trainIdx.length < 30)
    throw new Error(
      `The training period (${train[0]} to ${train[1]}) holds ${trainIdx.length} incidents; at least 30 are needed to draw hot spots. Choose a longer or earlier period.`,
    );
  if (testIncidents === 0)
    throw new Error(
      `No incident falls in the test period (${test[0]} to ${test[1]}), so there is nothing to predict. Choose a period with data.`,
    );
  const trainXY = new Float64Array(2 * trainIdx.length);
  const trainTimes = new Float64Array(trainIdx.length);
  trainIdx.forEach((i, k) => {
    trainXY[2 * k] = input.xy[2 * i];
    trainXY[2 * k + 1] = input.xy[2 * i + 1];
    trainTimes[k] = input.timeMs[i];
  });
  log.push(
    studyArea.description,
    `Grid: ${n(C)} square cells of ${n(cellSize)} m over the study area (zero-count cells included); every method ranks these cells and is scored on them.`,
    `Training period ${train[0]} to ${train[1]} (${days(trainStartMs, trainEndMs)} days, ${n(trainIdx.length)} incidents); test period ${test[0]} to ${test[1]} (${days(testStartMs, testEndMs)} days, ${n(testIncidents)} incidents in the cells).`,
  );

  const methods: PredictMethodResult[] = [];
  const score = (
    id: PredictMethodId,
    description: string,
    scores: Float64Array,
    reason: string | null = null,
  ) => {
    const r = predictionAccuracy(scores, testCounts, grid.cellAreaSquareMetres, {
      areaShares: shares,
    });
    methods.push({
      id,
      label: PREDICT_METHOD_LABELS[id],
      description,
      available: reason === null,
      reason,
      atShares: reason === null ? r.atShares : r.atShares.map(unavailable),
      curveAreaShare: reason === null ? r.curveAreaShare : new Float64Array(0),
      curveHitRate: reason === null ? r.curveHitRate : new Float64Array(0),
      curveSampled:
        reason === null
          ? sampleCurve(r.curveAreaShare, r.curveHitRate, CURVE_GRID)
          : new Float64Array(CURVE_GRID.length).fill(NaN),
      scores,
    });
    return r;
  };

  // 1. Kernel density at each cell centre (exact quartic kernel).
  progress(0.1, 'kernel density');
  const bw = params.kdeBandwidthMetres ?? kdeBandwidth(trainXY).searchRadiusMetres;
  if (!(bw > 0))
    throw new Error('Every training incident is at one place, so no density can be drawn.');
  const kde = kernelDensityAt(trainXY, grid.centres, { bandwidthMetres: bw, kernel: 'quartic' });
  const kdeWords = `quartic kernel, search radius ${n(Math.round(bw))} m${params.kdeBandwidthMetres === undefined ? ' (ArcGIS’s default rule on the training incidents)' : ''}, evaluated exactly at each cell centre`;
  const kdeResult = score(
    'kde',
    `Cells ranked by kernel density of the training incidents (${kdeWords}).`,
    kde,
  );

  // 2. Gi* z-scores of the training counts.
  progress(0.3, 'Gi*');
  const gi = getisOrdGiStarGrid(grid, trainCounts, band);
  score(
    'gistar',
    `Cells ranked by the Getis-Ord Gi* z-score of their training counts (binary weights, cells within ${n(band)} m, the cell itself included): the hottest cells of a hot spot map first.`,
    gi.z,
  );

  // 3. The training period's busiest cells.
  progress(0.4, 'previous counts');
  score(
    'previous',
    'Cells ranked by their own count of training incidents (ties share their area evenly): “last period’s top cells”.',
    Float64Array.from(trainCounts),
  );

  // 4. Emerging Hot Spot Analysis of the training period.
  progress(0.5, 'emerging hot spots');
  const ehsa = ehsaScores(grid, trainTimes, trainIdx, band);
  score('ehsa', ehsa.description, ehsa.scores, ehsa.reason);

  // The best possible curve depends on the test counts alone: the same for every method.
  const best = kdeResult;
  log.push(
    ...methods.map(
      (m) => `${m.label}: ${m.available ? m.description : `not available — ${m.reason}`}`,
    ),
  );
  log.push(
    'Scores (Chainey, Tompson & Uhlig 2008; Hunt 2016; as R ptools::pai): cells are flagged in order of each method’s ranking until they cover a share of the study area (a cell straddling the share counts in proportion; tied cells enter together); hit rate = share of the test incidents in the flagged cells; PAI = hit rate ÷ area share; PEI = hit rate ÷ the best hit rate any cells of the same area could reach (the test period’s own densest cells).',
  );
  const summary = summarise(methods, shares, testIncidents);
  log.push(...summary.map((s) => `Result: ${s}`));
  progress(1, 'done');
  return {
    methods,
    areaShares: shares,
    bestCurveAreaShare: best.bestCurveAreaShare,
    bestCurveHitRate: best.bestCurveHitRate,
    curveGrid: CURVE_GRID.slice(),
    bestCurveSampled: sampleCurve(best.bestCurveAreaShare, best.bestCurveHitRate, CURVE_GRID),
    geometry: gridGeometry(
      grid,
      createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]),
    ),
    cellCount: C,
    trainCounts,
    testCounts,
    trainIncidents: trainIdx.length,
    testIncidents,
    train,
    test,
    trainStartMs,
    trainEndMs,
    testStartMs,
    testEndMs,
    cellSizeMetres: cellSize,
    bandMetres: band,
    kdeBandwidthMetres: bw,
    studyAreaKm2: studyArea.areaSquareMetres / 1e6,
    summary,
    log,
  };
};

const CURVE_GRID = Float64Array.from(
  [
    ...Array.from({ length: 121 }, (_, k) => k * 0.0025),
    ...Array.from({ length: 14 }, (_, k) => 0.35 + k * 0.05),
  ].map((v) => Math.round(v * 1e6) / 1e6),
);

/** A piecewise-linear curve (xs ascending) read at each of `at`. */
function sampleCurve(xs: Float64Array, ys: Float64Array, at: Float64Array): Float64Array {
  const out = new Float64Array(at.length);
  let k = 0;
  for (let j = 0; j < at.length; j++) {
    const x = at[j];
    while (k + 1 < xs.length - 1 && xs[k + 1] <= x) k++;
    const span = xs[k + 1] - xs[k];
    out[j] =
      xs.length < 2
        ? NaN
        : x >= xs[xs.length - 1]
          ? ys[ys.length - 1]
          : span > 0
            ? ys[k] + ((ys[k + 1] - ys[k]) * (x - xs[k])) / span
            : ys[k + 1];
  }
  return out;
}

function unavailable(s: PredictionAtShare): PredictionAtShare {
  return { ...s, incidentsCaptured: NaN, hitRate: NaN, pai: NaN, pei: NaN };
}

/**
 * EHSA on the training period (same grid and band, steps chosen from its span): hot patterns first,
 * in `EHSA_PRIORITY` order, and within a pattern the higher final-step z first; other cells tie.
 */
function ehsaScores(
  grid: BuiltGrid,
  trainTimes: Float64Array,
  trainIdx: number[],
  band: number,
): { scores: Float64Array; description: string; reason: string | null } {
  const C = grid.cellCount;
  const scores = new Float64Array(C);
  const step = suggestTimeStep(trainTimes);
  const edges = emergingTimeSteps(trainTimes, step);
  const T = edges.length - 1;
  const unit = (step.count ?? 1) === 1 ? step.unit : `${step.count} ${step.unit}s`;
  if (T < 10)
    return {
      scores,
      description: 'Emerging Hot Spot Analysis of the training period.',
      reason: `the training period makes only ${T} steps of one ${unit}; Emerging Hot Spot Analysis needs about ten for its trend test. Choose a longer training period.`,
    };
  const cellOf = Int32Array.from(trainIdx, (i) => grid.pointCell[i]);
  const cube = spaceTimeCube(cellOf, trainTimes, C, edges);
  const result = emergingHotSpots(cube, {
    kind: 'squareGrid',
    lattice: grid,
    distanceBandMetres: band,
  });
  const hotCounts = new Map<number, number>();
  for (let i = 0; i < C; i++) {
    const priority = EHSA_PRIORITY[result.pattern[i]] ?? 0;
    if (priority === 0) continue;
    hotCounts.set(result.pattern[i], (hotCounts.get(result.pattern[i]) ?? 0) + 1);
    // normalCdf maps the final z into (0, 1), so the pattern always outranks the z.
    scores[i] = priority + normalCdf(result.gi.z[i * T + T - 1]);
  }
  const found = [...hotCounts.entries()]
    .sort((a, b) => (EHSA_PRIORITY[b[0]] ?? 0) - (EHSA_PRIORITY[a[0]] ?? 0))
    .map(([code, cells]) => `${n(cells)} ${emergingPatternName(code)}`)
    .join(', ');
  return {
    scores,
    description: `Cells ranked by their Emerging Hot Spot Analysis pattern over ${T} steps of one ${unit} of the training period (cube window, 90% confidence, band ${n(band)} m): Intensifying, Persistent, Consecutive, New, Sporadic, Oscillating, Diminishing, then Historical hot spots, the higher final-step z first within a pattern; every other cell ties last${found ? ` (${found})` : ' (no hot pattern found)'}.`,
    reason: null,
  };
}

function summarise(
  methods: PredictMethodResult[],
  shares: number[],
  testIncidents: number,
): string[] {
  const at = shares.includes(0.05) ? 0.05 : shares[Math.floor(shares.length / 2)];
  const k = shares.indexOf(at);
  const ranked = methods
    .filter((m) => m.available && Number.isFinite(m.atShares[k].pai))
    .sort((a, b) => b.atShares[k].pai - a.atShares[k].pai);
  if (ranked.length === 0) return ['No method could be scored.'];
  const top = ranked[0];
  const s = top.atShares[k];
  const lines = [
    `Flagging ${pct(at)} of the study area, ${top.label} would have caught ${pct(s.hitRate)} of the ${n(testIncidents)} test-period incidents — ${s.pai.toFixed(1)} times what the same area picked at random catches (PAI), and ${pct(s.pei)} of the most any cells of that area could have caught (PEI).`,
  ];
  for (const m of ranked.slice(1))
    lines.push(
      `${m.label}: ${pct(m.atShares[k].hitRate)} of incidents, PAI ${m.atShares[k].pai.toFixed(1)}, PEI ${pct(m.atShares[k].pei)}.`,
    );
  for (const m of methods) if (!m.available) lines.push(`${m.label}: not available — ${m.reason}`);
  return lines;
}
