/**
 * Sen's slope: the median of the slopes (x_j − x_i)/(j − i) over every pair i < j of a series, a
 * trend size that one outlier cannot move (the companion of the Mann-Kendall test).
 *
 * Source: P. K. Sen (1968) "Estimates of the regression coefficient based on Kendall's tau", JASA
 * 63(324), 1379–1389. Follows pyMannKendall `sens_slope` and `seasonal_sens_slope` (Hussain &
 * Mahmud 2019, JOSS 4(39), 1556) number for number:
 * - NaN values keep their place, so the time index of every value is its position in the input;
 *   pairs with a NaN are left out of the median.
 * - intercept = median(non-NaN x) − median(indices of the non-NaN x) · slope, i.e. the fitted
 *   value at index 0 of a line through the middle of the data.
 * - With `period` (e.g. 12 for months), only pairs in the same season (i ≡ j mod period) count,
 *   the slope is per cycle (per year for monthly data) and the index median is divided by `period`.
 *   A series with fewer than two usable values has slope NaN and intercept NaN.
 *
 * Units: slope in the values' unit per index step (per period: per day, week or month of a count
 * series) or per cycle with `period`; intercept in the values' unit.
 * Complexity: O(n²) time for the n(n−1)/2 slopes, median by selection (not by sorting). Memory
 * O(n²) up to 2²¹ slopes (16 MB); beyond that (a daily series of more than ~2,000 days) the median
 * is found in a few streaming passes over the pairs with O(n) memory plus a fixed 16 MB buffer, so
 * a daily series over ten years costs seconds' fraction, not gigabytes.
 *
 * @example
 * // 1, 3, 2, 5: slopes 2, 0.5, 4/3, −1, 1, 3 → sorted −1, 0.5, 1, 4/3, 2, 3 → median (1 + 4/3)/2 = 7/6;
 * // intercept = median(1, 3, 2, 5) − median(0, 1, 2, 3) · 7/6 = 2.5 − 1.5 · 7/6 = 0.75
 * senSlope([1, 3, 2, 5]); // { slope: 1.1667, intercept: 0.75 }
 */

export interface SenSlopeResult {
  /** Median pairwise slope, per index step (per cycle with `period`). */
  slope: number;
  /** Value of the fitted line at index 0. */
  intercept: number;
}

let slopeBuffer = new Float64Array(2048);

/**
 * Up to this many slopes are held in memory at once (16 MB). Longer series — a daily series over
 * years has tens of millions of pairs — find the median by streaming instead (`streamedMedianSlope`).
 */
const MAX_HELD_SLOPES = 1 << 21;
const BUCKETS = 4096;

/** Sen's slope and intercept of `values` (index = time; NaN = no value at that index). */
export function senSlope(
  values: ArrayLike<number>,
  options: { period?: number } = {},
): SenSlopeResult {
  const period = options.period ?? 1;
  if (!(period >= 1) || !Number.isInteger(period)) {
    throw new RangeError(`senSlope: period must be a whole number ≥ 1, got ${period}`);
  }
  const n = values.length;
  const x = Float64Array.from(values);

  let pairs = 0;
  for (let s = 0; s < period; s++) {
    const valid = countValid(x, s, period);
    pairs += (valid * (valid - 1)) / 2;
  }
  if (pairs === 0) return { slope: NaN, intercept: NaN };

  let slope: number;
  if (pairs <= MAX_HELD_SLOPES) {
    if (slopeBuffer.length < pairs) slopeBuffer = new Float64Array(pairs);
    const m = collectSlopes(x, period, [], slopeBuffer);
    slope = medianInPlace(slopeBuffer, m);
  } else {
    slope = streamedMedianSlope(x, period, pairs);
  }

  let valid = 0;
  const present = new Float64Array(n);
  const indices = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (x[i] === x[i]) {
      present[valid] = x[i];
      indices[valid] = i;
      valid++;
    }
  }
  const valueMedian = medianInPlace(present, valid);
  const indexMedian = medianInPlace(indices, valid);
  return { slope, intercept: valueMedian - (indexMedian / period) * slope };
}

function countValid(x: Float64Array, season: number, period: number): number {
  let valid = 0;
  for (let i = season; i < x.length; i += period) if (x[i] === x[i]) valid++;
  return valid;
}

/** A narrowing step: keep the slopes in bucket `bucket` of BUCKETS equal parts of [min, max]. */
interface SlopeFilter {
  min: number;
  /** BUCKETS / (max − min), or 0 when max = min (everything in bucket 0). */
  scale: number;
  bucket: number;
}

function filterOver(min: number, max: number, bucket: number): SlopeFilter {
  return { min, scale: max > min ? BUCKETS / (max - min) : 0, bucket };
}

/** The same expression in every pass, so a slope always lands in the same bucket. */
function bucketOf(s: number, min: number, scale: number): number {
  const b = Math.floor((s - min) * scale);
  return b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b;
}

interface Histogram {
  over: SlopeFilter;
  counts: Float64Array;
  mins: Float64Array;
  maxs: Float64Array;
}

/**
 * One pass over the slopes of every same-season pair i < j (all pairs when period = 1), in steps of
 * `period` — the slope as pyMannKendall computes it, (x_j − x_i) / ((j − i) / period) — copying
 * those that pass every filter into `out` while there is room; returns how many passed.
 */
function collectSlopes(
  x: Float64Array,
  period: number,
  filters: SlopeFilter[],
  out: Float64Array,
): number {
  const n = x.length;
  const room = out.length;
  const levels = filters.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (xi !== xi) continue;
    for (let j = i + period; j < n; j += period) {
      const xj = x[j];
      if (xj !== xj) continue;
      const s = (xj - xi) / ((j - i) / period);
      if (levels > 0 && !passes(s, filters, levels)) continue;
      if (count < room) out[count] = s;
      count++;
    }
  }
  return count;
}

/** The same pass as `collectSlopes`, adding the slopes to a histogram (count, min, max a bucket). */
function histogramSlopes(
  x: Float64Array,
  period: number,
  filters: SlopeFilter[],
  histogram: Histogram,
): void {
  const n = x.length;
  const levels = filters.length;
  const { counts, mins, maxs } = histogram;
  const { min, scale } = histogram.over;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (xi !== xi) continue;
    for (let j = i + period; j < n; j += period) {
      const xj = x[j];
      if (xj !== xj) continue;
      const s = (xj - xi) / ((j - i) / period);
      if (levels > 0 && !passes(s, filters, levels)) continue;
      const b = bucketOf(s, min, scale);
      counts[b]++;
      if (s < mins[b]) mins[b] = s;
      if (s > maxs[b]) maxs[b] = s;
    }
  }
}

function passes(s: number, filters: SlopeFilter[], levels: number): boolean {
  for (let f = 0; f < levels; f++) {
    const filter = filters[f];
    if (bucketOf(s, filter.min, filter.scale) !== filter.bucket) return false;
  }
  return true;
}

/**
 * numpy's median of the `pairs` slopes without holding them all: each pass splits the slopes still
 * in play into BUCKETS equal-width buckets (count, min, max of each) and keeps the bucket holding the
 * middle rank(s), until the bucket's slopes are all equal or fit in memory (then select among them).
 * Each pass is O(P²) for P values; a handful of passes; O(P + MAX_HELD_SLOPES) memory.
 */
function streamedMedianSlope(x: Float64Array, period: number, pairs: number): number {
  const upper = Math.floor(pairs / 2);
  const lower = pairs % 2 === 1 ? upper : upper - 1;
  // No slope is steeper than the spread of the values over one step.
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < xMin) xMin = x[i];
    if (x[i] > xMax) xMax = x[i];
  }
  if (xMax === xMin) return 0;
  let range = { min: xMin - xMax, max: xMax - xMin };
  const filters: SlopeFilter[] = [];
  let below = 0; // slopes ranked under every slope still in play
  for (;;) {
    const histogram: Histogram = {
      over: filterOver(range.min, range.max, -1),
      counts: new Float64Array(BUCKETS),
      mins: new Float64Array(BUCKETS).fill(Infinity),
      maxs: new Float64Array(BUCKETS).fill(-Infinity),
    };
    histogramSlopes(x, period, filters, histogram);
    let bucket = 0;
    while (below + histogram.counts[bucket] <= lower) below += histogram.counts[bucket++];
    if (below + histogram.counts[bucket] <= upper) {
      // The two middle ranks straddle buckets: the largest of this one, the smallest of the next
      // non-empty one.
      let next = bucket + 1;
      while (histogram.counts[next] === 0) next++;
      return (histogram.maxs[bucket] + histogram.mins[next]) / 2;
    }
    const { mins, maxs, counts } = histogram;
    filters.push(filterOver(range.min, range.max, bucket));
    if (mins[bucket] === maxs[bucket]) return mins[bucket];
    if (counts[bucket] <= MAX_HELD_SLOPES) {
      const held = new Float64Array(counts[bucket]);
      const m = collectSlopes(x, period, filters, held);
      const hi = selectInPlace(held, m, upper - below);
      if (lower === upper) return hi;
      let lo = held[0];
      for (let i = 1; i < upper - below; i++) if (held[i] > lo) lo = held[i];
      return (lo + hi) / 2;
    }
    range = { min: mins[bucket], max: maxs[bucket] };
  }
}

/**
 * Median of the first `count` entries of `a` as numpy's median (mean of the two middle values when
 * `count` is even), reordering them. Hoare's quickselect with a median-of-three pivot, O(count).
 */
function medianInPlace(a: Float64Array, count: number): number {
  const upper = count >> 1;
  const hi = selectInPlace(a, count, upper);
  if (count % 2 === 1) return hi;
  // After selection every entry below `upper` is ≤ a[upper]: the lower middle is their maximum.
  let lo = a[0];
  for (let i = 1; i < upper; i++) if (a[i] > lo) lo = a[i];
  return (lo + hi) / 2;
}

/** Puts the k-th smallest of a[0 … count) at a[k], smaller ones before it, larger after. */
function selectInPlace(a: Float64Array, count: number, k: number): number {
  let left = 0;
  let right = count - 1;
  while (right > left) {
    const mid = (left + right) >> 1;
    // median of three as the pivot, moved to a[left]
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    swap(a, left, mid);
    const pivot = a[left];
    let i = left;
    let j = right + 1;
    for (;;) {
      do i++;
      while (i <= right && a[i] < pivot);
      do j--;
      while (a[j] > pivot);
      if (i >= j) break;
      swap(a, i, j);
    }
    swap(a, left, j);
    if (j === k) return a[k];
    if (j < k) left = j + 1;
    else right = j - 1;
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
