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
 * Complexity: O(n²) time and memory for the n(n−1)/2 slopes (median by selection, not by sorting).
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
    const m = Math.ceil((n - s) / period);
    pairs += (m * (m - 1)) / 2;
  }
  if (slopeBuffer.length < pairs) slopeBuffer = new Float64Array(pairs);
  const slopes = slopeBuffer;

  // Slopes of every same-season pair i < j (all pairs when period = 1), in index steps of `period`.
  let m = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (xi !== xi) continue;
    for (let j = i + period; j < n; j += period) {
      const xj = x[j];
      if (xj !== xj) continue;
      slopes[m++] = ((xj - xi) * period) / (j - i);
    }
  }
  if (m === 0) return { slope: NaN, intercept: NaN };
  const slope = medianInPlace(slopes, m);

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
