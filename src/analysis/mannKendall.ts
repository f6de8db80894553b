/**
 * The Mann-Kendall trend test: does a series tend to rise or fall, without assuming the rise is
 * linear or the values are normal?
 *
 * S = Σ_{k<j} sign(x_j − x_k) counts rising pairs minus falling pairs. Under "no trend" S has mean 0
 * and variance Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18, the sum running over groups of t tied
 * values. The continuity-corrected z = (S − sign(S)) / √Var(S) (0 when S = 0) is compared with the
 * standard normal, two-sided. τ = S / (n(n−1)/2) is Kendall's τ-a (not the tie-adjusted τ-b).
 *
 * Source: H. B. Mann (1945) "Nonparametric tests against trend", Econometrica 13(3), 245–259;
 * M. G. Kendall (1975) Rank Correlation Methods, 4th ed., Griffin. Follows pyMannKendall's
 * `original_test` (Hussain & Mahmud 2019, JOSS 4(39), 1556) number for number: NaN values are dropped
 * (the series is compacted) before S and Var(S); `trend` is 'increasing' / 'decreasing' when
 * |z| > Φ⁻¹(1 − α/2), else 'no trend'. With fewer than two values S = Var(S) = z = 0, p = 1, τ = NaN.
 *
 * Units: S and n are counts; τ is in [−1, 1]; the values may be in any unit (only their order counts).
 * Complexity: O(n log n) time by W. R. Knight (1966) "A computer method for calculating Kendall's
 * tau with ungrouped data", JASA 61(314), 436–439 (S from the inversions a merge sort counts, ties from
 * runs in the sorted copy); one allocation per call (the result object): the NaN-free copy is sorted
 * in two module-level buffers that grow to the longest series seen.
 *
 * @example
 * // 1, 3, 2, 4: pairs (1,3)+ (1,2)+ (1,4)+ (3,2)− (3,4)+ (2,4)+ → S = 4; Var(S) = 4·3·13/18 = 26/3;
 * // z = (4 − 1)/√(26/3) = 1.019, τ = 4/6 = 0.667
 * mannKendall([1, 3, 2, 4]); // { n: 4, S: 4, varS: 8.667, z: 1.019, p: 0.308, tau: 0.667, trend: 'no trend' }
 */
import { normalQuantile, twoSidedP } from './normal';

export interface MannKendallResult {
  n: number;
  S: number;
  varS: number;
  z: number;
  p: number;
  tau: number;
  trend: 'increasing' | 'decreasing' | 'no trend';
}

// Reused between calls (analysis code is single-threaded per worker), so that the 50,000 short
// series of an emerging-hot-spot run do not allocate 100,000 arrays.
let bufferA = new Float64Array(64);
let bufferB = new Float64Array(64);

/** Runs this short are sorted by insertion before merging (fewer branches than merging pairs). */
const INSERTION_RUN = 8;

let cachedAlpha = 0.05;
let cachedCritical = normalQuantile(1 - 0.05 / 2);

function criticalZ(alpha: number): number {
  if (alpha !== cachedAlpha) {
    cachedAlpha = alpha;
    cachedCritical = normalQuantile(1 - alpha / 2);
  }
  return cachedCritical;
}

/**
 * Mann-Kendall test of `values` in their order (index = time). `alpha` (default 0.05) sets only the
 * `trend` label; `p` does not depend on it.
 */
export function mannKendall(
  values: ArrayLike<number>,
  options: { alpha?: number } = {},
): MannKendallResult {
  const alpha = options.alpha ?? 0.05;
  const length = values.length;
  if (bufferA.length < length) {
    bufferA = new Float64Array(length);
    bufferB = new Float64Array(length);
  }
  let a = bufferA;
  let b = bufferB;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v === v) a[n++] = v;
  }

  // Knight's method: sort the values, counting the discordant pairs (k < j with x_k > x_j) as the
  // inversions a stable merge sort undoes. Then concordant + discordant + tied = n(n−1)/2, so
  // S = concordant − discordant = n(n−1)/2 − tied − 2 · discordant.
  let discordant = 0;
  for (let start = 0; start < n; start += INSERTION_RUN) {
    const end = Math.min(start + INSERTION_RUN, n);
    for (let i = start + 1; i < end; i++) {
      const v = a[i];
      let j = i - 1;
      while (j >= start && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      discordant += i - 1 - j;
      a[j + 1] = v;
    }
  }
  for (let width = INSERTION_RUN; width < n; width *= 2) {
    for (let start = 0; start < n; start += 2 * width) {
      const mid = Math.min(start + width, n);
      const end = Math.min(start + 2 * width, n);
      let i = start;
      let j = mid;
      let o = start;
      while (i < mid && j < end) {
        // Equal values leave from the left run first, so ties never count as discordant.
        if (a[j] < a[i]) {
          b[o++] = a[j++];
          discordant += mid - i;
        } else b[o++] = a[i++];
      }
      while (i < mid) b[o++] = a[i++];
      while (j < end) b[o++] = a[j++];
    }
    const swap = a;
    a = b;
    b = swap;
  }

  // Tie groups are runs of equal values in the sorted copy.
  let tiedPairs = 0;
  let tieTerm = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && a[i] === a[i - 1]) run++;
    else {
      if (run > 1) {
        tiedPairs += (run * (run - 1)) / 2;
        tieTerm += run * (run - 1) * (2 * run + 5);
      }
      run = 1;
    }
  }
  const S = n < 2 ? 0 : (n * (n - 1)) / 2 - tiedPairs - 2 * discordant;
  const varS = n < 2 ? 0 : (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;

  let z = 0;
  if (S > 0 && varS > 0) z = (S - 1) / Math.sqrt(varS);
  else if (S < 0 && varS > 0) z = (S + 1) / Math.sqrt(varS);
  const p = twoSidedP(z);
  const tau = n >= 2 ? S / ((n * (n - 1)) / 2) : NaN;
  const significant = Math.abs(z) > criticalZ(alpha);
  const trend = significant ? (z > 0 ? 'increasing' : 'decreasing') : 'no trend';
  return { n, S, varS, z, p, tau, trend };
}
