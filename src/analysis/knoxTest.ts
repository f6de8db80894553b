/**
 * The Knox test for near repeats, as Ratcliffe's Near Repeat Calculator (NRC) runs it: every pair of
 * incidents is put in a space band (how far apart) and a time band (how many days apart); the
 * observed table of pair counts is compared with tables in which the dates are shuffled over the
 * fixed locations (Monte Carlo permutation). A cell with more pairs than the shuffles produce says
 * that incidents close in space also come close in time — after one burglary, the houses nearby are
 * at raised risk for a while.
 *
 * Sources: Knox, E. G. (1964) "The detection of space-time interactions", Applied Statistics 13(1),
 * 25–30; Ratcliffe, J. H. (2009) Near Repeat Calculator 1.3, Temple University / NIJ grant
 * 2006-IJ-CX-K006 (www.jratcliffe.net); Johnson, S. D. et al. (2007) "Space–time patterns of risk: a
 * cross national assessment of residential burglary victimization", J. Quant. Criminol. 23, 201–219;
 * and the R package NearRepeat (Steenbeek, github.com/wsteenbeek/NearRepeat), whose conventions are
 * documented in `shared/reference/README.md`.
 *
 * Table layout (NRC's): rows are "same location", then `spaceBandCount` bands of `spaceBandMetres`,
 * then "more than" the last band; columns are `timeBandCount` bands of `timeBandDays`, then "more
 * than". Bands are half-open, [a, b): a pair exactly 200 m apart falls in the 200–400 m band, a pair
 * 7 days apart in the 7–13 days band. Days are counted between calendar dates (the floating
 * wall-clock day of each time), so 23:00 and 01:00 the next morning are one day apart.
 * "Same location" means at most `sameLocationMetres` apart (default 0: identical coordinates).
 *
 * NRC reads coordinates as single-precision floats; `singlePrecision` (default true) rounds them the
 * same way (`Math.fround`), which reproduces NRC's observed tables exactly — on the Chicago arson
 * file one pair 399.96 m apart becomes 400.0 m and a pair 0.56 m apart stays outside "same location".
 * Set it to false, with `sameLocationMetres: 0.1`, to reproduce the R package NearRepeat instead.
 *
 * Statistics: Knox ratio = observed / mean of the simulated counts (NaN when that mean is 0, where NRC
 * leaves the cell blank); p = (number of simulations ≥ observed + 1) / (permutations + 1), so 999
 * permutations can show p = 0.001 at best. A cell is significant when p ≤ `alpha` (default 0.05) and
 * its ratio exceeds 1.
 *
 * Speed: the pairs closer than the last finite space band are found once with a uniform grid index;
 * each permutation recounts only those pairs' day differences. The "more than" space row does not
 * need the far pairs: shuffling dates over locations keeps the multiset of all pairwise day
 * differences, so its histogram (from a count of incidents per day) is the same in every shuffle,
 * and the far row is that histogram minus the near rows. Time O(n log n + D·K + P·m), where m is the
 * number of near pairs, D the span in days, K = timeBandCount·timeBandDays, P the permutations;
 * memory O(n + m). All pairs in every permutation would be O(P·n²).
 *
 * @example
 * // Three burglaries: two next door on consecutive days, one far away a month later.
 * const xy = new Float64Array([0, 0, 50, 0, 5000, 0]);
 * const day = 86_400_000;
 * const r = knoxTest(xy, [0, day, 31 * day], {
 *   spaceBandMetres: 100, spaceBandCount: 1, timeBandDays: 7, timeBandCount: 1, permutations: 99,
 * });
 * r.observed; // [[0, 0], [1, 0], [0, 2]] — same location; 0–100 m; 100 m or more × 0–6 days; 7+ days
 */
import { civilFromDays, MS_PER_DAY } from './calendar';
import { createPointGridIndex } from './pointGridIndex';
import { createRandom, shuffleInPlace } from './random';

export type KnoxDistanceMetric = 'manhattan' | 'euclidean';

export interface KnoxOptions {
  /** Width of each space band, in metres (required). */
  spaceBandMetres: number;
  /** Number of finite space bands after "same location" (required, ≥ 1). */
  spaceBandCount: number;
  /** Width of each time band, in whole days (required, ≥ 1). */
  timeBandDays: number;
  /** Number of finite time bands (required, ≥ 1). */
  timeBandCount: number;
  /** Distance between incidents; defaults to 'manhattan' (NRC's and NearRepeat's default). */
  metric?: KnoxDistanceMetric;
  /** Monte Carlo permutations of the dates; defaults to 999. 0 gives the observed table only. */
  permutations?: number;
  /** Seed for `createRandom`; defaults to 1. */
  seed?: number;
  /** Pairs at most this far apart are "same location", in metres; defaults to 0 (identical points). */
  sameLocationMetres?: number;
  /** Round coordinates to single precision as NRC does; defaults to true. */
  singlePrecision?: boolean;
  /** Significance level for `significantCells` and the summary; defaults to 0.05. */
  alpha?: number;
  /** Called every few permutations with (done, total), for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export interface KnoxCell {
  /** Row: 0 = same location, 1…spaceBandCount = the finite bands. */
  spaceBand: number;
  /** Column: 0…timeBandCount − 1. */
  timeBand: number;
  observed: number;
  ratio: number;
  p: number;
  /** True when every earlier time band of the same row is significant too (NRC's "for up to N days"). */
  fromFirstTimeBand: boolean;
}

export interface KnoxResult {
  /** Row labels: "Same location", the bands, "… or more". */
  spaceBands: string[];
  /** Column labels: the bands, "… or more". */
  timeBands: string[];
  /** Row r covers distances [spaceEdgesMetres[r - 1], spaceEdgesMetres[r]) for r ≥ 1 (edge 0 = 0). */
  spaceEdgesMetres: number[];
  /** Column c covers day differences [timeEdgesDays[c], timeEdgesDays[c + 1]). */
  timeEdgesDays: number[];
  /** Pair counts, (spaceBandCount + 2) rows × (timeBandCount + 1) columns. */
  observed: number[][];
  /** Mean of the simulated tables (same shape); NaN when there were no permutations. */
  expected: number[][];
  /** observed / expected; NaN where expected is 0. */
  ratio: number[][];
  /** (simulations ≥ observed + 1) / (permutations + 1); NaN when there were no permutations. */
  p: number[][];
  /** Finite cells (not the "more than" row or column) with p ≤ alpha and ratio > 1. */
  significantCells: KnoxCell[];
  /** Plain-language findings, one sentence each, in the spirit of NRC's summary page. */
  summary: string[];
  incidents: number;
  totalPairs: number;
  /** Pairs closer than the last finite space band (the ones each permutation recounts). */
  nearPairs: number;
  permutations: number;
  seed: number;
  metric: KnoxDistanceMetric;
  alpha: number;
  sameLocationMetres: number;
  singlePrecision: boolean;
}

interface Resolved {
  spaceBandMetres: number;
  spaceBandCount: number;
  timeBandDays: number;
  timeBandCount: number;
  metric: KnoxDistanceMetric;
  permutations: number;
  seed: number;
  sameLocationMetres: number;
  singlePrecision: boolean;
  alpha: number;
}

function resolveOptions(options: KnoxOptions): Resolved {
  const r: Resolved = {
    spaceBandMetres: options.spaceBandMetres,
    spaceBandCount: options.spaceBandCount,
    timeBandDays: options.timeBandDays,
    timeBandCount: options.timeBandCount,
    metric: options.metric ?? 'manhattan',
    permutations: options.permutations ?? 999,
    seed: options.seed ?? 1,
    sameLocationMetres: options.sameLocationMetres ?? 0,
    singlePrecision: options.singlePrecision ?? true,
    alpha: options.alpha ?? 0.05,
  };
  if (!(r.spaceBandMetres > 0))
    throw new Error('spaceBandMetres must be a positive number of metres');
  if (!Number.isInteger(r.spaceBandCount) || r.spaceBandCount < 1)
    throw new Error('spaceBandCount must be a whole number of at least 1');
  if (!Number.isInteger(r.timeBandDays) || r.timeBandDays < 1)
    throw new Error('timeBandDays must be a whole number of days, at least 1');
  if (!Number.isInteger(r.timeBandCount) || r.timeBandCount < 1)
    throw new Error('timeBandCount must be a whole number of at least 1');
  if (!Number.isInteger(r.permutations) || r.permutations < 0)
    throw new Error('permutations must be a whole number, 0 or more');
  if (!(r.sameLocationMetres >= 0) || r.sameLocationMetres >= r.spaceBandMetres)
    throw new Error('sameLocationMetres must be at least 0 and less than spaceBandMetres');
  if (r.metric !== 'manhattan' && r.metric !== 'euclidean')
    throw new Error(`metric must be 'manhattan' or 'euclidean', not '${String(r.metric)}'`);
  return r;
}

/** The calendar day number of each floating wall-clock time. */
function dayNumbers(timesMs: ArrayLike<number>): Int32Array {
  const days = new Int32Array(timesMs.length);
  for (let i = 0; i < timesMs.length; i++) {
    const t = timesMs[i];
    if (!Number.isFinite(t)) throw new Error(`incident ${i} has no valid time (${String(t)})`);
    days[i] = Math.floor(t / MS_PER_DAY);
  }
  return days;
}

function preparedCoordinates(xy: Float64Array, singlePrecision: boolean): Float64Array {
  const out = new Float64Array(xy.length);
  for (let i = 0; i < xy.length; i++) {
    const v = xy[i];
    if (!Number.isFinite(v)) throw new Error(`incident ${i >> 1} has no valid coordinates`);
    out[i] = singlePrecision ? Math.fround(v) : v;
  }
  return out;
}

/** Row of a distance: 0 same location, 1…S the finite bands, S + 1 "more than". */
function spaceRowOf(distance: number, r: Resolved): number {
  if (distance <= r.sameLocationMetres) return 0;
  const band = Math.floor(distance / r.spaceBandMetres) + 1;
  return band > r.spaceBandCount ? r.spaceBandCount + 1 : band;
}

function pairDistance(xy: Float64Array, i: number, j: number, metric: KnoxDistanceMetric): number {
  const dx = Math.abs(xy[2 * i] - xy[2 * j]);
  const dy = Math.abs(xy[2 * i + 1] - xy[2 * j + 1]);
  return metric === 'manhattan' ? dx + dy : Math.sqrt(dx * dx + dy * dy);
}

/**
 * Histogram of the day differences of all n(n − 1)/2 pairs, for differences below `limitDays`,
 * from the number of incidents on each day: pairs d days apart = Σ_k count[k] · count[k + d].
 */
function allPairsDayHistogram(days: Int32Array, limitDays: number): Float64Array {
  const hist = new Float64Array(limitDays);
  if (days.length === 0) return hist;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < days.length; i++) {
    if (days[i] < minDay) minDay = days[i];
    if (days[i] > maxDay) maxDay = days[i];
  }
  const span = maxDay - minDay + 1;
  const perDay = new Float64Array(span);
  for (let i = 0; i < days.length; i++) perDay[days[i] - minDay]++;
  for (let k = 0; k < span; k++) {
    const c = perDay[k];
    if (c === 0) continue;
    hist[0] += (c * (c - 1)) / 2;
    const top = Math.min(limitDays - 1, span - 1 - k);
    for (let d = 1; d <= top; d++) hist[d] += c * perDay[k + d];
  }
  return hist;
}

interface NearPairs {
  first: Int32Array;
  second: Int32Array;
  /** Space row 0…S of each near pair. */
  row: Uint8Array;
  count: number;
  /** Near pairs per space row 0…S. */
  rowTotals: Float64Array;
}

/** The pairs closer than the last finite band edge, each with its space row, via the grid index. */
function findNearPairs(xy: Float64Array, r: Resolved): NearPairs {
  const n = xy.length / 2;
  const limit = r.spaceBandMetres * r.spaceBandCount;
  let capacity = Math.max(1024, n * 4);
  let first = new Int32Array(capacity);
  let second = new Int32Array(capacity);
  let row = new Uint8Array(capacity);
  let count = 0;
  const rowTotals = new Float64Array(r.spaceBandCount + 1);
  if (n === 0) return { first, second, row, count, rowTotals };
  // Euclidean ≤ Manhattan, so a disc of radius `limit` holds every pair nearer than `limit`.
  const index = createPointGridIndex(xy, limit);
  for (let i = 0; i < n; i++) {
    index.forEachWithinRadius(xy[2 * i], xy[2 * i + 1], limit, (j) => {
      if (j <= i) return;
      const distance = pairDistance(xy, i, j, r.metric);
      if (!(distance < limit)) return;
      if (count === capacity) {
        capacity *= 2;
        const f = new Int32Array(capacity);
        f.set(first);
        first = f;
        const s = new Int32Array(capacity);
        s.set(second);
        second = s;
        const w = new Uint8Array(capacity);
        w.set(row);
        row = w;
      }
      const band = spaceRowOf(distance, r);
      first[count] = i;
      second[count] = j;
      row[count] = band;
      rowTotals[band]++;
      count++;
    });
  }
  return { first, second, row, count, rowTotals };
}

/**
 * Fills `table` ((S + 2) × (T + 1), row-major) with the pair counts for the dates `days`, from the
 * near pairs and the all-pairs day histogram.
 */
function fillTable(
  table: Float64Array,
  near: NearPairs,
  days: Int32Array,
  bandOfDiff: Int8Array,
  allPairsBandTotals: Float64Array,
  totalPairs: number,
  r: Resolved,
): void {
  const cols = r.timeBandCount + 1;
  const S = r.spaceBandCount;
  const T = r.timeBandCount;
  const limitDays = bandOfDiff.length;
  table.fill(0);
  const { first, second, row, count } = near;
  for (let k = 0; k < count; k++) {
    const d = days[first[k]] - days[second[k]];
    const diff = d < 0 ? -d : d;
    if (diff < limitDays) table[row[k] * cols + bandOfDiff[diff]]++;
  }
  // "More than" column of the near rows: the row's pairs not in a finite time band.
  for (let s = 0; s <= S; s++) {
    let finite = 0;
    for (let c = 0; c < T; c++) finite += table[s * cols + c];
    table[s * cols + T] = near.rowTotals[s] - finite;
  }
  // "More than" row: all pairs in each time band minus the near ones.
  const far = (S + 1) * cols;
  for (let c = 0; c <= T; c++) {
    let nearInBand = 0;
    for (let s = 0; s <= S; s++) nearInBand += table[s * cols + c];
    const all = c < T ? allPairsBandTotals[c] : totalPairs - sumOf(allPairsBandTotals);
    table[far + c] = all - nearInBand;
  }
}

function sumOf(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

function spaceLabels(r: Resolved): string[] {
  const labels = ['Same location'];
  for (let b = 1; b <= r.spaceBandCount; b++) {
    const lo = (b - 1) * r.spaceBandMetres;
    const hi = b * r.spaceBandMetres;
    labels.push(
      b === 1 ? `Up to ${formatMetres(hi)} m` : `${formatMetres(lo)}–${formatMetres(hi)} m`,
    );
  }
  labels.push(`${formatMetres(r.spaceBandCount * r.spaceBandMetres)} m or more`);
  return labels;
}

function timeLabels(r: Resolved): string[] {
  const labels: string[] = [];
  for (let b = 0; b < r.timeBandCount; b++) labels.push(dayRangeLabel(b, r.timeBandDays));
  const top = r.timeBandCount * r.timeBandDays;
  labels.push(`${top} ${top === 1 ? 'day' : 'days'} or more`);
  return labels;
}

function dayRangeLabel(band: number, width: number): string {
  const lo = band * width;
  const hi = lo + width - 1;
  if (lo === hi) return `${lo} ${lo === 1 ? 'day' : 'days'}`;
  return `${lo}–${hi} days`;
}

function formatMetres(m: number): string {
  return Number.isInteger(m) ? m.toLocaleString('en-US') : m.toFixed(1);
}

function toRows(flat: Float64Array, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) out.push(Array.from(flat.subarray(r * cols, (r + 1) * cols)));
  return out;
}

/** Runs the Knox test; see the file's doc block for conventions and sources. */
export function knoxTest(
  xy: Float64Array,
  timesMs: ArrayLike<number>,
  options: KnoxOptions,
): KnoxResult {
  const r = resolveOptions(options);
  const n = timesMs.length;
  if (xy.length !== 2 * n)
    throw new Error(`xy holds ${xy.length / 2} points but there are ${n} times; they must match`);
  const coords = preparedCoordinates(xy, r.singlePrecision);
  const days = dayNumbers(timesMs);
  const S = r.spaceBandCount;
  const T = r.timeBandCount;
  const rows = S + 2;
  const cols = T + 1;
  const limitDays = T * r.timeBandDays;
  const bandOfDiff = new Int8Array(limitDays);
  for (let d = 0; d < limitDays; d++) bandOfDiff[d] = Math.floor(d / r.timeBandDays);

  const totalPairs = (n * (n - 1)) / 2;
  const dayHistogram = allPairsDayHistogram(days, limitDays);
  const allPairsBandTotals = new Float64Array(T);
  for (let d = 0; d < limitDays; d++) allPairsBandTotals[bandOfDiff[d]] += dayHistogram[d];

  const near = findNearPairs(coords, r);
  const observed = new Float64Array(rows * cols);
  fillTable(observed, near, days, bandOfDiff, allPairsBandTotals, totalPairs, r);

  const sums = new Float64Array(rows * cols);
  const atLeast = new Float64Array(rows * cols);
  const simulated = new Float64Array(rows * cols);
  const shuffled = days.slice();
  const rng = createRandom(r.seed);
  const progressEvery = Math.max(1, Math.floor(r.permutations / 100));
  for (let k = 0; k < r.permutations; k++) {
    shuffleInPlace(shuffled, rng);
    fillTable(simulated, near, shuffled, bandOfDiff, allPairsBandTotals, totalPairs, r);
    for (let c = 0; c < simulated.length; c++) {
      sums[c] += simulated[c];
      if (simulated[c] >= observed[c]) atLeast[c]++;
    }
    if (options.onProgress && (k + 1) % progressEvery === 0)
      options.onProgress(k + 1, r.permutations);
  }

  const expected = new Float64Array(rows * cols);
  const ratio = new Float64Array(rows * cols);
  const p = new Float64Array(rows * cols);
  for (let c = 0; c < observed.length; c++) {
    if (r.permutations === 0) {
      expected[c] = ratio[c] = p[c] = NaN;
      continue;
    }
    expected[c] = sums[c] / r.permutations;
    ratio[c] = expected[c] > 0 ? observed[c] / expected[c] : NaN;
    p[c] = (atLeast[c] + 1) / (r.permutations + 1);
  }

  const significantCells: KnoxCell[] = [];
  for (let s = 0; s <= S; s++) {
    let run = true;
    for (let t = 0; t < T; t++) {
      const c = s * cols + t;
      const significant = p[c] <= r.alpha && ratio[c] > 1;
      if (!significant) {
        run = false;
        continue;
      }
      significantCells.push({
        spaceBand: s,
        timeBand: t,
        observed: observed[c],
        ratio: ratio[c],
        p: p[c],
        fromFirstTimeBand: run,
      });
    }
  }

  const spaceBands = spaceLabels(r);
  const timeBands = timeLabels(r);
  const spaceEdgesMetres = [0];
  for (let b = 1; b <= S; b++) spaceEdgesMetres.push(b * r.spaceBandMetres);
  spaceEdgesMetres.push(Infinity);
  const timeEdgesDays: number[] = [];
  for (let b = 0; b <= T; b++) timeEdgesDays.push(b * r.timeBandDays);
  timeEdgesDays.push(Infinity);

  const result: KnoxResult = {
    spaceBands,
    timeBands,
    spaceEdgesMetres,
    timeEdgesDays,
    observed: toRows(observed, rows, cols),
    expected: toRows(expected, rows, cols),
    ratio: toRows(ratio, rows, cols),
    p: toRows(p, rows, cols),
    significantCells,
    summary: [],
    incidents: n,
    totalPairs,
    nearPairs: near.count,
    permutations: r.permutations,
    seed: r.seed,
    metric: r.metric,
    alpha: r.alpha,
    sameLocationMetres: r.sameLocationMetres,
    singlePrecision: r.singlePrecision,
  };
  result.summary = knoxSummary(result);
  return result;
}

/**
 * The plain-language reading of a Knox table, after NRC's summary page: which distance bands show
 * raised risk right after an incident and for how long, the strongest significant cell as "about X%
 * more than expected", and whether repeats at the same location cluster in time. Only runs of
 * significant time bands that start at the first band count as a pattern, as in NRC's "for up to N
 * days"; an isolated significant cell further out is reported as such.
 */
export function knoxSummary(result: KnoxResult): string[] {
  if (result.permutations === 0)
    return ['No permutations were run, so the table shows counts only and no significance.'];
  const alphaText = `p ≤ ${result.alpha}`;
  const daysUpTo = (timeBand: number) => {
    const lastDay = result.timeEdgesDays[timeBand + 1] - 1;
    return lastDay === 0
      ? 'on the same day'
      : `for up to ${lastDay} ${lastDay === 1 ? 'day' : 'days'}`;
  };
  const runEnd = new Map<number, number>();
  for (const cell of result.significantCells)
    if (cell.fromFirstTimeBand) runEnd.set(cell.spaceBand, cell.timeBand);
  const nearRows = [...runEnd.keys()].filter((s) => s > 0).sort((a, b) => a - b);
  const lines: string[] = [];
  if (nearRows.length > 0) {
    lines.push(
      'Near-repeat pattern found: after an incident, more incidents than chance would give followed nearby for a while. Extra patrols or warnings to neighbours in that window may prevent some of them.',
    );
    for (const s of nearRows)
      lines.push(
        `${capitalise(distancePhrase(result, s))} of an incident, the risk was raised ${daysUpTo(runEnd.get(s) ?? 0)}.`,
      );
  } else {
    lines.push(
      `No near-repeat pattern: incidents close to an earlier one were not more frequent than chance (${alphaText}) in the days right after it.`,
    );
  }
  const strongest = result.significantCells
    .filter((c) => c.fromFirstTimeBand && c.spaceBand > 0)
    .sort((a, b) => b.ratio - a.ratio)[0];
  if (strongest)
    lines.push(
      `The strongest significant effect is ${distancePhrase(result, strongest.spaceBand)} and ${whenPhrase(result, strongest.timeBand)}: about ${Math.round((strongest.ratio - 1) * 100)}% more incidents than if place and time were unrelated (Knox ratio ${strongest.ratio.toFixed(2)}, p = ${formatP(strongest.p)}).`,
    );
  if (runEnd.has(0)) {
    const sameCell = result.significantCells.find((c) => c.spaceBand === 0 && c.timeBand === 0);
    lines.push(
      `Repeat victimisation found: another incident at the same location followed ${daysUpTo(runEnd.get(0) ?? 0)} more often than chance${sameCell ? ` (about ${Math.round((sameCell.ratio - 1) * 100)}% more than expected)` : ''}.`,
    );
  } else {
    lines.push(
      'No sign that repeat incidents at the same location cluster in the days right after an earlier one.',
    );
  }
  const isolated = result.significantCells.filter((c) => !c.fromFirstTimeBand);
  if (isolated.length > 0)
    lines.push(
      `${isolated.length} further ${isolated.length === 1 ? 'cell is' : 'cells are'} significant although the earlier days in the same distance band are not (${isolated
        .map((c) => `${result.spaceBands[c.spaceBand]}, ${result.timeBands[c.timeBand]}`)
        .join('; ')}); with many cells tested, a few such results are expected by chance.`,
    );
  const minP = 1 / (result.permutations + 1);
  if (minP > result.alpha)
    lines.push(
      `With ${result.permutations} permutations no p-value can be below ${formatP(minP)}, so nothing can reach ${alphaText}: run more permutations.`,
    );
  return lines;
}

function distancePhrase(result: KnoxResult, spaceBand: number): string {
  if (spaceBand === 0) return 'at the same location';
  const lo = result.spaceEdgesMetres[spaceBand - 1];
  const hi = result.spaceEdgesMetres[spaceBand];
  return lo === 0
    ? `within ${formatMetres(hi)} m`
    : `between ${formatMetres(lo)} and ${formatMetres(hi)} m`;
}

function whenPhrase(result: KnoxResult, timeBand: number): string {
  const lo = result.timeEdgesDays[timeBand];
  const hi = result.timeEdgesDays[timeBand + 1] - 1;
  if (hi === 0) return 'on the same day as an incident';
  if (lo === hi) return `${lo} ${lo === 1 ? 'day' : 'days'} after an incident`;
  return `${lo}–${hi} days after an incident`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function formatP(p: number): string {
  return p >= 0.01 ? p.toFixed(2) : p.toPrecision(1);
}

/**
 * Why a set of incident times cannot support a Knox test, or null when it can. The test counts days
 * between incidents, so dates recorded only to the month (every incident on the 1st) would put every
 * pair in the wrong band.
 */
export function knoxDateProblem(timesMs: ArrayLike<number>): string | null {
  const n = timesMs.length;
  if (n < 2) return 'The Knox test needs at least two incidents with dates.';
  let onFirst = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const day = Math.floor(timesMs[i] / MS_PER_DAY);
    if (!Number.isFinite(day)) return `Incident ${i + 1} has no valid date.`;
    if (civilFromDays(day).day === 1) onFirst++;
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  // Ten dates or more, over more than a month, all on the 1st: not a coincidence.
  if (n >= 10 && maxDay - minDay >= 31 && onFirst === n)
    return `All ${n.toLocaleString('en-US')} dates fall on the 1st of a month, so they look recorded to the month only; the Knox test counts days between incidents and needs the day of each one.`;
  return null;
}
