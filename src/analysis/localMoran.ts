/**
 * Local Moran's I (LISA, Anselin 1995): for each feature, whether it sits in a cluster of similar
 * values (high–high, low–low) or is a spatial outlier (high among low, low among high).
 *
 * Source: L. Anselin (1995) "Local indicators of spatial association — LISA", Geographical
 * Analysis 27(2), 93–115; moments under conditional randomisation from R. R. Sokal, N. L. Oden &
 * B. A. Thomson (1998) "Local spatial autocorrelation in a biological model", Geographical
 * Analysis 30(4), 331–354, eqs. A7–A8 — as R spdep `localmoran` (conditional = TRUE,
 * mlvar = TRUE) computes them:
 *
 *   zᵢ = xᵢ − x̄,  m₂ = Σ zᵢ² / n,  Iᵢ = (zᵢ / m₂) · Σⱼ wᵢⱼ zⱼ              (spdep's scale)
 *   E[Iᵢ] = −zᵢ² Wᵢ / ((n − 1) m₂),  Wᵢ = Σⱼ wᵢⱼ,  W2ᵢ = Σⱼ wᵢⱼ²
 *   Var[Iᵢ] = (zᵢ / m₂)² · n / (n − 2) · (W2ᵢ − Wᵢ² / (n − 1)) · (m₂ − zᵢ² / (n − 1))
 *   z = (Iᵢ − E[Iᵢ]) / √Var[Iᵢ],  p two-sided from the normal.
 *
 * PySAL esda's `Is` is (n − 1)/n times this Iᵢ (its EIc and VIc are on this scale), GeoDa's is
 * zᵢ · lagᵢ on standardised z. Pass row-standardised weights for the usual LISA (`rowStandardise`); self
 * entries in the weights are ignored.
 *
 * pSim, by conditional permutation (Anselin 1995, §4): xᵢ is held fixed and its kᵢ neighbours'
 * values are drawn without replacement from the other n − 1 values, `permutations` times (999 by
 * default). pSim = (number of permuted Iᵢ at least as extreme as the observed one, on its side of
 * the permutation distribution, + 1) / (permutations + 1), as esda's `p_sim`. As in esda's
 * `crand`, one set of random draws (a partial Fisher–Yates shuffle of the indices 0…n − 2 for
 * each permutation) is reused for every feature, each feature mapping index k to the k-th
 * feature other than itself — a uniform draw without replacement for each feature, at a cost of
 * O(permutations · Σ kᵢ) multiply-adds and no per-feature random numbers. Seeded through
 * `createRandom`, so results are reproducible.
 *
 * Quadrants by the sign of zᵢ and of its spatial lag Σⱼ wᵢⱼ zⱼ (values > 0 are "high", as esda),
 * coded as GeoDa's cluster map: 1 HH, 2 LL, 3 LH, 4 HL. `cluster` keeps the quadrant where
 * pSim ≤ α (0.05 by default), or ≤ the Benjamini–Hochberg threshold at α with `fdr: true`, else 0.
 *
 * @example
 * // Four features in a row, values [1, 1, 5, 5], neighbours left and right, row-standardised:
 * // x̄ = 3, z = [−2, −2, 2, 2], m₂ = 4. Feature 0: lag = z₁ = −2, I₀ = (−2/4)(−2) = 1 (low–low).
 * // Feature 1: lag = (−2 + 2)/2 = 0, I₁ = 0.
 */
import { benjaminiHochbergThreshold } from './falseDiscoveryRate';
import { twoSidedP } from './normal';
import { createRandom } from './random';
import type { SpatialWeights } from './spatialWeights';

/** GeoDa's cluster-map codes. */
export const QUADRANT_LABELS = ['not significant', 'HH', 'LL', 'LH', 'HL'] as const;

export interface LocalMoranResult {
  /** Iᵢ on spdep's scale. */
  I: Float64Array;
  /** E[Iᵢ] under conditional randomisation. */
  expected: Float64Array;
  /** Var[Iᵢ] under conditional randomisation. */
  variance: Float64Array;
  /** (Iᵢ − E) / √Var, spdep's Z.Ii. */
  z: Float64Array;
  /** Two-sided normal p of z. */
  p: Float64Array;
  /** Conditional-permutation p-value (NaN when permutations = 0). */
  pSim: Float64Array;
  /** (Iᵢ − mean of permuted Iᵢ) / their SD, esda's z_sim. */
  zSim: Float64Array;
  /** 1 HH, 2 LL, 3 LH, 4 HL by sign, whatever the significance. */
  quadrant: Int8Array;
  /** The quadrant where significant (pSim ≤ threshold), else 0. */
  cluster: Int8Array;
  /** The pSim cut-off used: α, or the BH threshold at α with FDR. */
  pSimThreshold: number;
  permutations: number;
  seed: number;
}

export interface LocalMoranOptions {
  /** Conditional permutations for pSim; default 999 (0 skips them; `cluster` then uses p). */
  permutations?: number;
  /** Seed of the permutations; default 1. */
  seed?: number;
  /** Significance level for `cluster`; default 0.05. */
  alpha?: number;
  /** Apply the Benjamini–Hochberg false discovery rate at α; default false. */
  fdr?: boolean;
  /** Called now and then with the share of features done (0…1). */
  onProgress?: (fraction: number) => void;
}

export function localMoran(
  values: ArrayLike<number>,
  weights: SpatialWeights,
  options: LocalMoranOptions = {},
): LocalMoranResult {
  const permutations = options.permutations ?? 999;
  const seed = options.seed ?? 1;
  const alpha = options.alpha ?? 0.05;
  const n = values.length;
  if (weights.n !== n)
    throw new Error(`The weights are for ${weights.n} features but there are ${n} values.`);
  if (n < 3) throw new Error(`Local Moran's I needs at least 3 features (got ${n}).`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  const z = new Float64Array(n);
  let m2 = 0;
  let maxAbsZ = 0;
  for (let i = 0; i < n; i++) {
    z[i] = values[i] - mean;
    m2 += z[i] * z[i];
    maxAbsZ = Math.max(maxAbsZ, Math.abs(z[i]));
  }
  m2 /= n;

  const { offsets, neighbours, weights: w } = weights;
  let kMax = 0;
  for (let i = 0; i < n; i++) kMax = Math.max(kMax, offsets[i + 1] - offsets[i]);
  kMax = Math.min(kMax, n - 1);

  // One draw of kMax indices from 0…n − 2 without replacement per permutation (partial
  // Fisher–Yates, undone after each permutation so the pool stays 0…n − 2).
  const draws = new Int32Array(permutations * kMax);
  if (permutations > 0 && kMax > 0) {
    const rng = createRandom(seed);
    const pool = new Int32Array(n - 1);
    for (let k = 0; k < n - 1; k++) pool[k] = k;
    const swaps = new Int32Array(kMax);
    for (let p = 0; p < permutations; p++) {
      for (let m = 0; m < kMax; m++) {
        const j = m + rng.int(n - 1 - m);
        swaps[m] = j;
        const t = pool[m];
        pool[m] = pool[j];
        pool[j] = t;
        draws[p * kMax + m] = pool[m];
      }
      for (let m = kMax - 1; m >= 0; m--) {
        const j = swaps[m];
        const t = pool[m];
        pool[m] = pool[j];
        pool[j] = t;
      }
    }
  }

  const I = new Float64Array(n);
  const expected = new Float64Array(n);
  const variance = new Float64Array(n);
  const zScore = new Float64Array(n);
  const p = new Float64Array(n);
  const pSim = new Float64Array(n).fill(NaN);
  const zSim = new Float64Array(n).fill(NaN);
  const quadrant = new Int8Array(n);
  const rowWeights = new Float64Array(kMax);
  const progressEvery = Math.max(1, Math.floor(n / 100));

  for (let i = 0; i < n; i++) {
    const zi = z[i];
    let lag = 0;
    let W = 0;
    let W2 = 0;
    let absW = 0;
    let k = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const j = neighbours[e];
      if (j === i) continue;
      lag += w[e] * z[j];
      W += w[e];
      W2 += w[e] * w[e];
      absW += Math.abs(w[e]);
      rowWeights[k++] = w[e];
    }
    const scale = zi / m2;
    I[i] = scale * lag;
    expected[i] = (-zi * zi * W) / ((n - 1) * m2);
    variance[i] =
      scale * scale * (n / (n - 2)) * (W2 - (W * W) / (n - 1)) * (m2 - (zi * zi) / (n - 1));
    zScore[i] = (I[i] - expected[i]) / Math.sqrt(variance[i]);
    p[i] = twoSidedP(zScore[i]);
    quadrant[i] = zi > 0 ? (lag > 0 ? 1 : 4) : lag > 0 ? 3 : 2;

    if (permutations > 0) {
      if (k === 0 || zi === 0) {
        pSim[i] = 1; // every permutation gives the observed Iᵢ
        continue;
      }
      // Compare permuted lags with the observed lag (Iᵢ is the lag times zᵢ/m₂); a tolerance
      // scaled to the sums makes equal sums in another order count as ties.
      const eps = 1e-10 * absW * maxAbsZ;
      let atLeast = 0;
      let atMost = 0;
      let sum = 0;
      let sumSq = 0;
      for (let q = 0; q < permutations; q++) {
        const base = q * kMax;
        let s = 0;
        for (let m = 0; m < k; m++) {
          const idx = draws[base + m];
          s += rowWeights[m] * z[idx < i ? idx : idx + 1];
        }
        if (s >= lag - eps) atLeast++;
        if (s <= lag + eps) atMost++;
        sum += s;
        sumSq += s * s;
      }
      pSim[i] = (Math.min(atLeast, atMost) + 1) / (permutations + 1);
      const simMean = sum / permutations;
      const simSD = Math.sqrt(Math.max(sumSq / permutations - simMean * simMean, 0));
      zSim[i] = ((lag - simMean) / simSD) * Math.sign(scale);
    }
    if (options.onProgress && i % progressEvery === 0) options.onProgress(i / n);
  }

  const significance = permutations > 0 ? pSim : p;
  const pSimThreshold = options.fdr ? benjaminiHochbergThreshold(significance, alpha) : alpha;
  const cluster = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    if (significance[i] <= pSimThreshold) cluster[i] = quadrant[i];
  }
  options.onProgress?.(1);
  return {
    I,
    expected,
    variance,
    z: zScore,
    p,
    pSim,
    zSim,
    quadrant,
    cluster,
    pSimThreshold,
    permutations,
    seed,
  };
}
