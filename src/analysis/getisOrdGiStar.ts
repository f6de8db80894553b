/**
 * Getis-Ord local statistics: Gi* (the feature itself included) and Gi (itself excluded), as
 * z-scores, with two-sided p-values from the standard normal — hot spots (high values near high
 * values) and cold spots.
 *
 * Source: J. K. Ord & A. Getis (1995) "Local spatial autocorrelation statistics: distributional
 * issues and an application", Geographical Analysis 27(4), 286–306, eqs. 4.3–4.4 — the form of
 * ArcGIS Pro's Hot Spot Analysis (Getis-Ord Gi*) and R spdep `localG`:
 *
 *   Gi*ᵢ = (Σⱼ wᵢⱼ xⱼ − x̄ Wᵢ) / ( s · √((n S1ᵢ − Wᵢ²) / (n − 1)) ),
 *   Wᵢ = Σⱼ wᵢⱼ, S1ᵢ = Σⱼ wᵢⱼ², x̄ and s the mean and population standard deviation (÷ n).
 *
 * The statistic is the z-score. Gi* adds wᵢᵢ = 1 where the weights have no self entry (ArcGIS and
 * spdep `include.self`); the app passes binary weights, as ArcGIS does for a distance band. Plain
 * Gi drops wᵢᵢ and computes x̄, s and n over the other n − 1 values (spdep `localG` without self;
 * esda `G_Local(star=False)`). For binary weights these equal esda's `G_Local` Zs; with
 * row-standardised weights esda differs (see ../shared/reference/README.md).
 *
 * `getisOrdGiStarGrid` computes the same numbers for square or hexagonal grids with a binary
 * distance band, using band sums over row prefix sums (`gridDiscSums`), in O(cells · band rows)
 * instead of O(cells · neighbours). Cells outside the study area are absent from n, x̄, s and Wᵢ.
 *
 * A z-score is NaN where it is undefined: all values equal (s = 0), or a feature whose band holds
 * no other feature or every feature. Complexity: O(n + Σ neighbours).
 *
 * @example
 * // Three features in a row, values [1, 2, 9], each neighbouring the next (binary weights):
 * // n = 3, x̄ = 4, s = √(38/3) ≈ 3.559; feature 2 (value 9) has W = 2 (itself and feature 1),
 * // Σ w x = 11, so Gi* = (11 − 8) / (3.559 · √((3·2 − 4) / 2)) ≈ 0.843.
 */
import type { Grid } from './grid';
import { gridDiscSums } from './gridDiscSums';
import { twoSidedP } from './normal';
import type { SpatialWeights } from './spatialWeights';

export interface GiResult {
  /** The Gi* (or Gi) z-score of each feature. */
  z: Float64Array;
  /** Two-sided p-value of each z. */
  p: Float64Array;
  /** Neighbours each feature used (itself included for Gi*), as ArcGIS's NNeighbors. */
  neighbours: Int32Array;
}

export interface GiOptions {
  /** true (default): Gi*, the feature counts as its own neighbour; false: plain Gi. */
  star?: boolean;
}

/** Gi* or Gi on any weights. */
export function getisOrdGiStar(
  values: ArrayLike<number>,
  weights: SpatialWeights,
  options: GiOptions = {},
): GiResult {
  const star = options.star ?? true;
  const n = values.length;
  if (weights.n !== n)
    throw new Error(`The weights are for ${weights.n} features but there are ${n} values.`);
  const { mean, ss } = centredMoments(values);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const neighbours = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const xi = values[i];
    // Plain Gi: mean and spread of the other n − 1 values (removing one observation from SS).
    const m = star ? n : n - 1;
    const centre = star ? mean : mean - (xi - mean) / (n - 1);
    const ssi = star ? ss : ss - ((xi - mean) * (xi - mean) * n) / (n - 1);
    const s = Math.sqrt(Math.max(ssi, 0) / m);
    let sumW = 0;
    let sumW2 = 0;
    let sumWx = 0;
    let hasSelf = false;
    let count = 0;
    for (let k = weights.offsets[i]; k < weights.offsets[i + 1]; k++) {
      const j = weights.neighbours[k];
      if (j === i) {
        if (!star) continue;
        hasSelf = true;
      }
      const w = weights.weights[k];
      sumW += w;
      sumW2 += w * w;
      sumWx += w * (values[j] - centre);
      count++;
    }
    if (star && !hasSelf) {
      sumW += 1;
      sumW2 += 1;
      sumWx += xi - centre;
      count++;
    }
    z[i] = giZ(sumWx, sumW, sumW2, m, s);
    p[i] = twoSidedP(z[i]);
    neighbours[i] = count;
  }
  return { z, p, neighbours };
}

/** Gi* or Gi on a square or hexagonal grid with a binary distance band (metres). */
export function getisOrdGiStarGrid(
  grid: Grid,
  values: ArrayLike<number>,
  bandMetres: number,
  options: GiOptions & { tolerance?: number } = {},
): GiResult {
  const star = options.star ?? true;
  const n = grid.cellCount;
  const { sums, counts } = gridDiscSums(grid, values, bandMetres, options);
  const { mean, ss } = centredMoments(values);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const neighbours = new Int32Array(n);
  const sStar = Math.sqrt(ss / n);
  for (let i = 0; i < n; i++) {
    const xi = values[i];
    let W: number;
    let zi: number;
    if (star) {
      W = counts[i];
      zi = giZ(sums[i] - mean * W, W, W, n, sStar);
    } else {
      W = counts[i] - 1;
      const centre = mean - (xi - mean) / (n - 1);
      const ssi = ss - ((xi - mean) * (xi - mean) * n) / (n - 1);
      zi = giZ(sums[i] - xi - centre * W, W, W, n - 1, Math.sqrt(Math.max(ssi, 0) / (n - 1)));
    }
    z[i] = zi;
    p[i] = twoSidedP(zi);
    neighbours[i] = W;
  }
  return { z, p, neighbours };
}

/** Ord & Getis (1995) z from the centred weighted sum, W, S1, the count m and the SD s. */
function giZ(centredSum: number, W: number, S1: number, m: number, s: number): number {
  const varianceFactor = (m * S1 - W * W) / (m - 1);
  if (!(s > 0) || !(varianceFactor > 1e-12 * Math.max(1, W * W))) return NaN;
  return centredSum / (s * Math.sqrt(varianceFactor));
}

function centredMoments(values: ArrayLike<number>): { mean: number; ss: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  return { mean, ss };
}
