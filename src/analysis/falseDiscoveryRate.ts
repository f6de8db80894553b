/**
 * False discovery rate control for many simultaneous tests (one per cell), and ArcGIS's
 * confidence-level bins (Gi_Bin) built on it.
 *
 * Benjamini–Hochberg step-up: sort the m p-values p₍₁₎ ≤ … ≤ p₍ₘ₎; find the largest k with
 * p₍ₖ₎ ≤ (k / m) · α; every test with p ≤ p₍ₖ₎ is significant. Source: Y. Benjamini & Y. Hochberg
 * (1995) "Controlling the false discovery rate", JRSS B 57(1), 289–300. ArcGIS Pro's Hot Spot
 * Analysis applies it at α = 0.10, 0.05 and 0.01 for the 90, 95 and 99% bins ("Apply False
 * Discovery Rate (FDR) Correction"); each cell takes the highest level it passes.
 *
 * NaN p-values (a cell whose statistic is undefined) are left out of m and never significant.
 * Complexity: O(m log m).
 *
 * @example
 * benjaminiHochbergThreshold([0.001, 0.008, 0.039, 0.041, 0.27], 0.05); // 0.008
 * // 0.008 ≤ 2/5 · 0.05 = 0.02, but 0.039 > 3/5 · 0.05 = 0.03 and 0.041 > 4/5 · 0.05 = 0.04
 * confidenceBins([3, -2.2, 1.7], [0.0027, 0.028, 0.089]); // Int8Array [3, -2, 1]
 */

/** The largest p-value that passes BH step-up at `alpha`, or 0 when none passes. */
export function benjaminiHochbergThreshold(p: ArrayLike<number>, alpha: number): number {
  const values: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) values.push(p[i]);
  const sorted = Float64Array.from(values).sort();
  const m = sorted.length;
  for (let k = m; k >= 1; k--) {
    if (sorted[k - 1] <= (k / m) * alpha) return sorted[k - 1];
  }
  return 0;
}

/**
 * ArcGIS's Gi_Bin: ±3, ±2, ±1 for 99, 95 and 90% confidence (sign of z), 0 otherwise. Without
 * FDR the levels are p ≤ 0.01, 0.05, 0.10; with `fdr: true`, p ≤ the BH threshold at each α.
 */
export function confidenceBins(
  z: ArrayLike<number>,
  p: ArrayLike<number>,
  options: { fdr?: boolean } = {},
): Int8Array {
  if (z.length !== p.length)
    throw new Error(`confidenceBins needs one p per z (got ${z.length} z and ${p.length} p).`);
  const fdr = options.fdr ?? false;
  const t99 = fdr ? benjaminiHochbergThreshold(p, 0.01) : 0.01;
  const t95 = fdr ? benjaminiHochbergThreshold(p, 0.05) : 0.05;
  const t90 = fdr ? benjaminiHochbergThreshold(p, 0.1) : 0.1;
  const out = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const pi = p[i];
    if (!(pi <= t90) || !(z[i] !== 0) || Number.isNaN(z[i])) continue;
    const level = pi <= t99 ? 3 : pi <= t95 ? 2 : 1;
    out[i] = z[i] > 0 ? level : -level;
  }
  return out;
}
