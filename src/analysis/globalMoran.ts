/**
 * Global Moran's I: one number for "are similar values near each other across the whole area?",
 * with its expectation, variance, z-score and two-sided p-value under both the normality and the
 * randomisation assumptions, and a permutation p-value.
 *
 * Source: A. D. Cliff & J. K. Ord (1981) Spatial Processes: Models & Applications, Pion,
 * eqs. 1.35–1.38 (moments under normality N and randomisation R) — as PySAL esda `Moran`,
 * R spdep `moran.test` and ArcGIS's Spatial Autocorrelation tool (which reports the randomisation
 * z-score):
 *
 *   I = (n / S0) · Σᵢ Σⱼ wᵢⱼ zᵢ zⱼ / Σᵢ zᵢ²,  zᵢ = xᵢ − x̄,  E[I] = −1 / (n − 1),
 *   S0 = Σᵢⱼ wᵢⱼ, S1 = ½ Σᵢⱼ (wᵢⱼ + wⱼᵢ)², S2 = Σᵢ (wᵢ. + w.ᵢ)²,
 *   Var_N = (n² S1 − n S2 + 3 S0²) / ((n² − 1) S0²) − E[I]²,
 *   Var_R = [n((n² − 3n + 3) S1 − n S2 + 3 S0²) − b₂((n² − n) S1 − 2n S2 + 6 S0²)]
 *           / ((n − 1)(n − 2)(n − 3) S0²) − E[I]²,  b₂ = n Σ zᵢ⁴ / (Σ zᵢ²)².
 *
 * p-values are two-sided (esda's default two_tailed=True). The permutation p-value follows esda's
 * `p_sim`: the values are shuffled over the features `permutations` times (seeded, through
 * `createRandom`), and pSim = (number of permuted I at least as extreme as the observed one, on
 * its side of the permutation distribution, + 1) / (permutations + 1).
 *
 * `globalMoranGrid` gives the analytic part for a binary distance band on a square or hexagonal
 * grid through band sums (`gridDiscSums`), for the incremental spatial autocorrelation of large
 * grids: there S1 = 2 S0 and S2 = 4 Σ Wᵢ² because the band is symmetric.
 *
 * Complexity: O(n + nnz) for the moments, O(permutations · (n + nnz)) for pSim.
 *
 * @example
 * // 3 × 3 lattice, values 1…9 row by row, rook contiguity, binary weights (libpysal lat2W(3, 3)):
 * // I = 0.5, E[I] = −0.125, Var_N = 0.053125, Var_R = 0.0596875 (esda test_moran.py)
 */
import type { Grid } from './grid';
import { gridDiscSums } from './gridDiscSums';
import { twoSidedP } from './normal';
import { createRandom, shuffleInPlace } from './random';
import type { SpatialWeights } from './spatialWeights';

export interface GlobalMoranResult {
  I: number;
  expected: number;
  varianceNormality: number;
  zNormality: number;
  pNormality: number;
  varianceRandomisation: number;
  zRandomisation: number;
  pRandomisation: number;
  /** Permutation p-value; NaN when `permutations` is 0. */
  pSim: number;
  permutations: number;
  n: number;
  S0: number;
  S1: number;
  S2: number;
}

export interface GlobalMoranOptions {
  /** Number of random permutations for pSim; default 999 (0 skips them). */
  permutations?: number;
  /** Seed of the permutations; default 1. */
  seed?: number;
}

export function globalMoran(
  values: ArrayLike<number>,
  weights: SpatialWeights,
  options: GlobalMoranOptions = {},
): GlobalMoranResult {
  const permutations = options.permutations ?? 999;
  const n = values.length;
  if (weights.n !== n)
    throw new Error(`The weights are for ${weights.n} features but there are ${n} values.`);
  const z = centred(values);
  const { offsets, neighbours, weights: w } = weights;

  // S0, S2 from row and column sums; S1 = Σ wᵢⱼ² + Σ wᵢⱼ wⱼᵢ, with wⱼᵢ looked up in row j.
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(n);
  let S0 = 0;
  let S1 = 0;
  const lookup = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const j = neighbours[k];
      rowSum[i] += w[k];
      colSum[j] += w[k];
      S0 += w[k];
      S1 += w[k] * w[k];
      lookup.set(i * n + j, (lookup.get(i * n + j) ?? 0) + w[k]);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      S1 += w[k] * (lookup.get(neighbours[k] * n + i) ?? 0);
    }
  }
  let S2 = 0;
  for (let i = 0; i < n; i++) S2 += (rowSum[i] + colSum[i]) ** 2;

  const cross = (v: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let lag = 0;
      for (let k = offsets[i]; k < offsets[i + 1]; k++) lag += w[k] * v[neighbours[k]];
      sum += v[i] * lag;
    }
    return sum;
  };
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    m2 += z[i] * z[i];
    m4 += z[i] ** 4;
  }
  const I = ((n / S0) * cross(z)) / m2;
  const result = moranMoments(I, n, S0, S1, S2, (n * m4) / (m2 * m2));

  let pSim = NaN;
  if (permutations > 0) {
    const rng = createRandom(options.seed ?? 1);
    const shuffled = Float64Array.from(z);
    let above = 0;
    let below = 0;
    for (let p = 0; p < permutations; p++) {
      shuffleInPlace(shuffled, rng);
      const Ip = ((n / S0) * cross(shuffled)) / m2;
      if (Ip >= I) above++;
      if (Ip <= I) below++;
    }
    pSim = (Math.min(above, below) + 1) / (permutations + 1);
  }
  return { ...result, pSim, permutations, n, S0, S1, S2 };
}

/** Analytic Global Moran's I for a binary distance band (metres) on a square or hex grid. */
export function globalMoranGrid(
  grid: Grid,
  values: ArrayLike<number>,
  bandMetres: number,
  options: { tolerance?: number } = {},
): GlobalMoranResult {
  const n = grid.cellCount;
  const z = centred(values);
  const { sums, counts } = gridDiscSums(grid, z, bandMetres, options);
  let S0 = 0;
  let sumW2 = 0;
  let crossSum = 0;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const W = counts[i] - 1;
    S0 += W;
    sumW2 += W * W;
    crossSum += z[i] * (sums[i] - z[i]);
    m2 += z[i] * z[i];
    m4 += z[i] ** 4;
  }
  const S1 = 2 * S0;
  const S2 = 4 * sumW2;
  const I = ((n / S0) * crossSum) / m2;
  const result = moranMoments(I, n, S0, S1, S2, (n * m4) / (m2 * m2));
  return { ...result, pSim: NaN, permutations: 0, n, S0, S1, S2 };
}

function moranMoments(I: number, n: number, S0: number, S1: number, S2: number, b2: number) {
  const expected = -1 / (n - 1);
  const S02 = S0 * S0;
  const varianceNormality =
    (n * n * S1 - n * S2 + 3 * S02) / ((n * n - 1) * S02) - expected * expected;
  const varianceRandomisation =
    (n * ((n * n - 3 * n + 3) * S1 - n * S2 + 3 * S02) -
      b2 * ((n * n - n) * S1 - 2 * n * S2 + 6 * S02)) /
      ((n - 1) * (n - 2) * (n - 3) * S02) -
    expected * expected;
  const zNormality = (I - expected) / Math.sqrt(varianceNormality);
  const zRandomisation = (I - expected) / Math.sqrt(varianceRandomisation);
  return {
    I,
    expected,
    varianceNormality,
    zNormality,
    pNormality: twoSidedP(zNormality),
    varianceRandomisation,
    zRandomisation,
    pRandomisation: twoSidedP(zRandomisation),
  };
}

function centred(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = values[i] - mean;
  return z;
}
