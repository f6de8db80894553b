/**
 * The default kernel density bandwidth (search radius) and output cell size, by the rule ArcGIS Pro
 * documents for its Kernel Density tool (Spatial Analyst, since 10.2.1):
 *
 *   searchRadius = 0.9 · min(SD, √(1/ln 2) · Dm) · n^−0.2
 *
 * where SD is the standard distance of the points about their mean centre, Dm the median distance
 * from the mean centre, and n the number of points. It is Silverman's (1986, eq. 3.31) rule of
 * thumb, 0.9 · min(σ̂, IQR/1.34) · n^−1/5, carried to two dimensions: for an isotropic normal
 * cloud both SD and √(1/ln 2) · Dm estimate √2 σ, and the smaller of the two resists outliers.
 * The default output cell is the shorter side of the points' extent divided by 250.
 *
 * Sources: Esri, ArcGIS Pro "How Kernel Density works", section "Default search radius
 * (bandwidth) algorithm" (https://pro.arcgis.com/en/pro-app/latest/tool-reference/spatial-analyst/how-kernel-density-works.htm;
 * same text in ArcMap 10.3+ help); Esri, "Kernel Density" tool reference, Output cell size
 * ("the shorter of the width or height of the output extent … divided by 250"). Standard distance
 * as in ArcGIS "How Standard Distance works": √(Σ(x−x̄)²/n + Σ(y−ȳ)²/n). Silverman, B. W. (1986)
 * Density Estimation for Statistics and Data Analysis, Chapman & Hall, §3.4.2.
 *
 * Choices the ArcGIS text leaves open: the median of an even count is the mean of the two middle
 * distances; no population (weight) field.
 *
 * Units: metres in, metres out. Complexity O(n) (median by quickselect).
 *
 * @example
 * // the corners of a 10 m square: SD = Dm = √50 ≈ 7.071 m, n^−0.2 = 4^−0.2 ≈ 0.7579
 * kdeBandwidth(new Float64Array([-5, -5, 5, -5, 5, 5, -5, 5])).searchRadiusMetres; // ≈ 4.823
 */
import { median } from 'simple-statistics';

export interface KdeBandwidthOptions {
  /** Selection mask, one entry a point; non-zero = include. Default: every point. */
  mask?: Uint8Array;
}

export interface KdeBandwidth {
  /** ArcGIS's default search radius (metres); 0 when every point is at one place. */
  searchRadiusMetres: number;
  /** Standard distance SD (metres). */
  standardDistanceMetres: number;
  /** Median distance Dm from the mean centre (metres). */
  medianDistanceMetres: number;
  meanCentreXMetres: number;
  meanCentreYMetres: number;
  /** Points used (those the mask selects). */
  count: number;
  /** Default output cell: min(width, height) / 250 of the points' extent (metres). */
  cellSizeMetres: number;
  extent: { minXMetres: number; minYMetres: number; maxXMetres: number; maxYMetres: number };
  /** Sentences a person can act on, when the defaults are degenerate. */
  warnings: string[];
}

/** The number a methods log quotes: √(1/ln 2). */
export const SQRT_ONE_OVER_LN2 = Math.sqrt(1 / Math.LN2);

export function kdeBandwidth(xy: Float64Array, options: KdeBandwidthOptions = {}): KdeBandwidth {
  const { mask } = options;
  const total = xy.length >> 1;
  if (mask && mask.length !== total)
    throw new Error(`mask has ${mask.length} entries but there are ${total} points`);
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < total; i++) {
    if (mask && mask[i] === 0) continue;
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    count++;
    sumX += x;
    sumY += y;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (count === 0)
    throw new Error('No incidents are selected, so there is no bandwidth to compute.');
  const cx = sumX / count;
  const cy = sumY / count;
  // Step 2–4 of the ArcGIS algorithm: distances to the mean centre, their median and the
  // standard distance (population form, divided by n).
  const distances: number[] = new Array<number>(count);
  let sumSquares = 0;
  let k = 0;
  for (let i = 0; i < total; i++) {
    if (mask && mask[i] === 0) continue;
    const dx = xy[2 * i] - cx;
    const dy = xy[2 * i + 1] - cy;
    const d2 = dx * dx + dy * dy;
    sumSquares += d2;
    distances[k++] = Math.sqrt(d2);
  }
  const standardDistanceMetres = Math.sqrt(sumSquares / count);
  const medianDistanceMetres = median(distances);
  // Step 5: the bandwidth formula.
  const searchRadiusMetres =
    0.9 *
    Math.min(standardDistanceMetres, SQRT_ONE_OVER_LN2 * medianDistanceMetres) *
    Math.pow(count, -0.2);

  const warnings: string[] = [];
  const width = maxX - minX;
  const height = maxY - minY;
  let cellSizeMetres = Math.min(width, height) / 250;
  if (!(cellSizeMetres > 0)) {
    cellSizeMetres = Math.max(width, height) / 250;
    if (cellSizeMetres > 0)
      warnings.push(
        'The selected incidents lie on one straight line, so the output cell is the longer side of their extent divided by 250.',
      );
  }
  if (!(searchRadiusMetres > 0))
    warnings.push(
      `All ${count.toLocaleString('en-US')} selected incidents are at the same place, so no bandwidth can be derived from them; enter a search radius by hand.`,
    );
  return {
    searchRadiusMetres,
    standardDistanceMetres,
    medianDistanceMetres,
    meanCentreXMetres: cx,
    meanCentreYMetres: cy,
    count,
    cellSizeMetres,
    extent: { minXMetres: minX, minYMetres: minY, maxXMetres: maxX, maxYMetres: maxY },
    warnings,
  };
}
