/**
 * Near repeats (issue 7) as a job: the Knox test as the Near Repeat Calculator runs it
 * (`src/analysis/knoxTest.ts`) on the filtered incidents — space bands with "same location" first
 * and "more than" last, time bands in whole calendar days, Monte Carlo permutation of the dates —
 * with the calculator's plain-language summary and a methods log. Dates recorded to the month only
 * are declined with the module's reason.
 */
import { formatIsoDate } from '../../analysis/calendar';
import {
  knoxDateProblem,
  knoxTest,
  type KnoxDistanceMetric,
  type KnoxResult,
} from '../../analysis/knoxTest';
import { createPointGridIndex } from '../../analysis/pointGridIndex';
import { createRandom } from '../../analysis/random';
import type { TimePrecision } from '../incidentTable';
import type { Job, Progress } from './jobTypes';

export interface KnoxParams {
  /** Width of each space band, metres; default 100. */
  spaceBandMetres?: number;
  /** Finite space bands after "same location"; default 4. */
  spaceBandCount?: number;
  /** Width of each time band, whole days; default 7. */
  timeBandDays?: number;
  /** Finite time bands; default 4. */
  timeBandCount?: number;
  /** Default 'manhattan' (the calculator's and the R package NearRepeat's default). */
  metric?: KnoxDistanceMetric;
  /** Monte Carlo permutations; default 999. */
  permutations?: number;
  /** Seed of the permutations; default 1. */
  seed?: number;
  /** Significance level for the summary and the colours; default 0.05. */
  alpha?: number;
  /** Pairs at most this far apart are "same location", metres; default 0 (identical points). */
  sameLocationMetres?: number;
}

export interface KnoxJobResult extends KnoxResult {
  /** First and last dates analysed, `YYYY-MM-DD`. */
  firstDate: string;
  lastDate: string;
  log: string[];
}

/** Near pairs × permutations above which a run is refused (minutes of work on a laptop). */
const MAX_PAIR_PERMUTATIONS = 4e9;

const n = (x: number) => x.toLocaleString('en-US');

/**
 * Roughly how many pairs lie within `radiusMetres`, from the neighbours of up to 2,000 incidents
 * drawn at random (seeded), so a run that would take far too long is refused before it starts.
 */
export function estimateNearPairs(xy: Float64Array, radiusMetres: number): number {
  const count = xy.length >> 1;
  if (count < 2) return 0;
  const index = createPointGridIndex(xy, Math.max(radiusMetres, 1));
  const sample = Math.min(count, 2000);
  const random = createRandom(7);
  let neighbours = 0;
  for (let s = 0; s < sample; s++) {
    const i = sample === count ? s : random.int(count);
    index.forEachWithinRadius(xy[2 * i], xy[2 * i + 1], radiusMetres, () => neighbours++);
    neighbours--; // itself
  }
  return ((neighbours / sample) * count) / 2;
}

/** The Knox test on planar points and times, with its methods log: shared by the job and the CLI. */
export function runKnox(
  xy: Float64Array,
  timesMs: Float64Array,
  timePrecision: TimePrecision,
  params: KnoxParams,
  progress: Progress,
  logHeader: readonly string[],
): KnoxJobResult {
  const count = timesMs.length;
  const problem = knoxDateProblem(timesMs);
  if (problem) throw new Error(problem);
  if (timePrecision === 'month')
    throw new Error(
      'The dates of this data set are recorded to the month only; the Knox test counts days between incidents and needs the day of each one.',
    );
  const options = {
    spaceBandMetres: params.spaceBandMetres ?? 100,
    spaceBandCount: params.spaceBandCount ?? 4,
    timeBandDays: params.timeBandDays ?? 7,
    timeBandCount: params.timeBandCount ?? 4,
    metric: params.metric ?? 'manhattan',
    permutations: params.permutations ?? 999,
    seed: params.seed ?? 1,
    alpha: params.alpha ?? 0.05,
    sameLocationMetres: params.sameLocationMetres ?? 0,
  };
  const reach = options.spaceBandMetres * options.spaceBandCount;
  progress(0.01, 'counting nearby pairs');
  const nearPairs = estimateNearPairs(xy, reach);
  if (nearPairs * Math.max(1, options.permutations) > MAX_PAIR_PERMUTATIONS)
    throw new Error(
      `About ${n(Math.round(nearPairs))} pairs of incidents lie within ${n(reach)} m of each other; ${n(options.permutations)} permutations of them would take too long. Filter to one offence (near repeats are studied per crime type, e.g. burglary), narrow the dates or the bands, or run fewer permutations.`,
    );
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < count; i++) {
    if (timesMs[i] < first) first = timesMs[i];
    if (timesMs[i] > last) last = timesMs[i];
  }
  const result = knoxTest(xy, timesMs, {
    ...options,
    onProgress: (done, total) =>
      progress(0.05 + (0.95 * done) / total, `permutation ${n(done)} of ${n(total)}`),
  });
  const log = [
    ...logHeader,
    `Knox test for near repeats (Knox 1964), as the Near Repeat Calculator runs it (Ratcliffe 2009, NRC 1.3): ${n(count)} incidents, ${formatIsoDate(first)} to ${formatIsoDate(last)}, all ${n(result.totalPairs)} pairs.`,
    `Space bands: same location (${options.sameLocationMetres === 0 ? 'identical coordinates' : `at most ${n(options.sameLocationMetres)} m apart`}), then ${options.spaceBandCount} bands of ${n(options.spaceBandMetres)} m, then more than ${n(reach)} m; ${options.metric === 'manhattan' ? 'Manhattan (city-block) distance |dx| + |dy|' : 'Euclidean (straight-line) distance'}; coordinates rounded to single precision as the calculator reads them; bands half-open [a, b).`,
    `Time bands: ${options.timeBandCount} bands of ${options.timeBandDays} ${options.timeBandDays === 1 ? 'day' : 'days'}, then more than ${options.timeBandCount * options.timeBandDays - 1} days; days counted between calendar dates (an incident at 23:00 and one at 01:00 the next morning are one day apart).`,
    `Significance: ${n(options.permutations)} Monte Carlo permutations of the dates over the fixed locations (seed ${options.seed}); Knox ratio = observed / mean of the simulated counts; p = (simulations ≥ observed + 1) / (permutations + 1); a cell is significant when p ≤ ${options.alpha} and its ratio exceeds 1.`,
    `${n(result.nearPairs)} pairs lie within ${n(reach)} m and were recounted in each permutation; the "more than" row follows from the all-pairs day histogram, which shuffling does not change.`,
    ...result.summary.map((s) => `Result: ${s}`),
  ];
  progress(1, 'done');
  return { ...result, firstDate: formatIsoDate(first), lastDate: formatIsoDate(last), log };
}

export const knoxJob: Job<KnoxParams, KnoxJobResult> = (input, params, progress) => {
  if (input.count < 2)
    throw new Error('The Knox test needs at least two incidents; widen the filters.');
  return runKnox(input.xy, input.timeMs, input.timePrecision, params, progress, input.logHeader);
};
