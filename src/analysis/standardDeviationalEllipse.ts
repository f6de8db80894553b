/**
 * Mean centre and standard deviational ellipse of incidents, per category: where a kind of crime
 * is centred, how far it spreads, and in which direction it is drawn out.
 *
 * Method (ArcGIS Pro "How Directional Distribution (Standard Deviational Ellipse) works"; Yuill,
 * R. S. 1971 "The standard deviational ellipse; an updated tool for spatial description",
 * Geografiska Annaler B 53(1) 28–39): the mean centre (x̄, ȳ); the covariance of the coordinates
 * about it, divided by n; its eigenvectors give the axes and its eigenvalues λ₁ ≥ λ₂ the variances
 * along them. The semi-axes are k · c · √λ for k standard deviations.
 *
 * The √2 convention: ArcGIS (since 10.0) and Turf scale the axes by c = √2, so that for a
 * bivariate normal pattern the 1, 2 and 3 SD ellipses hold about 63%, 98% and 99.9% of incidents
 * (1 − e^(−k²) in two dimensions) — without it (c = 1) one SD holds only 39%. This module uses
 * c = √2 by default (`correction: 'none'` for c = 1) and reports the share of incidents inside.
 * Sources: Esri, ArcGIS Pro "How Directional Distribution works", table of adjustment factors
 * (1.41 / 2.83 / 4.24 for 1 / 2 / 3 SD in two dimensions); Wang, Shi & Miao (2015) "Confidence
 * analysis of standard deviational ellipse and its extension into higher dimensional Euclidean
 * space", PLoS ONE 10(3) e0118537.
 *
 * The rotation is the azimuth of the long axis, clockwise from north, in [0°, 180°), as ArcGIS's
 * Rotation field. Units: metres; degrees. Complexity O(n + categories · steps).
 *
 * @example
 * // (±10, 0) and (0, ±5): variances 50 and 12.5 m², so semi-axes √2·√50 = 10 m and √2·√12.5 = 5 m
 * const [e] = standardDeviationalEllipse(new Float64Array([10, 0, -10, 0, 0, 5, 0, -5])).ellipses;
 * [e.majorSemiAxisMetres, e.minorSemiAxisMetres, e.rotationDegrees]; // [10, 5, 90]
 */

export interface StandardDeviationalEllipseOptions {
  /** A category code an incident (dictionary-encoded); default: one group of all incidents. */
  categories?: ArrayLike<number>;
  /** Names of the codes, for the output. */
  categoryNames?: readonly string[];
  /** Selection mask, one entry an incident; non-zero = include. Default: all. */
  mask?: Uint8Array;
  /** Ellipse size in standard deviations: 1 (default), 2 or 3. */
  standardDeviations?: number;
  /** `'sqrt2'` (default, ArcGIS Pro and Turf) or `'none'`. */
  correction?: 'sqrt2' | 'none';
  /** Vertices of the outline ring; default 64. */
  steps?: number;
}

export interface DeviationalEllipse {
  /** The category code (0 when no categories were given). */
  category: number;
  name?: string;
  count: number;
  meanCentreXMetres: number;
  meanCentreYMetres: number;
  majorSemiAxisMetres: number;
  minorSemiAxisMetres: number;
  /** Azimuth of the long axis, clockwise from north, in [0, 180). */
  rotationDegrees: number;
  /** Share of the category's incidents inside or on the ellipse. */
  shareInside: number;
  /** Closed outline in metres, counter-clockwise, first point repeated at the end. */
  ring: number[][];
}

export interface StandardDeviationalEllipseResult {
  ellipses: DeviationalEllipse[];
  /** One sentence for the methods log. */
  method: string;
}

export function standardDeviationalEllipse(
  xy: Float64Array,
  options: StandardDeviationalEllipseOptions = {},
): StandardDeviationalEllipseResult {
  const n = xy.length >> 1;
  const { categories, mask } = options;
  if (categories && categories.length !== n)
    throw new Error(`categories has ${categories.length} entries but there are ${n} incidents`);
  if (mask && mask.length !== n)
    throw new Error(`mask has ${mask.length} entries but there are ${n} incidents`);
  const k = options.standardDeviations ?? 1;
  if (!(k > 0)) throw new Error(`standardDeviations must be positive (got ${k}).`);
  const correction = options.correction ?? 'sqrt2';
  const c = correction === 'sqrt2' ? Math.SQRT2 : 1;
  const steps = options.steps ?? 64;

  // Pass 1: counts and mean centres per category.
  let groups = 1;
  if (categories) for (let i = 0; i < n; i++) groups = Math.max(groups, categories[i] + 1);
  const count = new Float64Array(groups);
  const sumX = new Float64Array(groups);
  const sumY = new Float64Array(groups);
  const isSelected = (i: number) => mask === undefined || mask[i] !== 0;
  const groupOf = (i: number) => (categories ? categories[i] : 0);
  for (let i = 0; i < n; i++) {
    if (!isSelected(i)) continue;
    const g = groupOf(i);
    count[g]++;
    sumX[g] += xy[2 * i];
    sumY[g] += xy[2 * i + 1];
  }
  const cx = sumX.map((s, g) => s / count[g]);
  const cy = sumY.map((s, g) => s / count[g]);
  // Pass 2: covariance about the mean centre (divided by n).
  const sxx = new Float64Array(groups);
  const syy = new Float64Array(groups);
  const sxy = new Float64Array(groups);
  for (let i = 0; i < n; i++) {
    if (!isSelected(i)) continue;
    const g = groupOf(i);
    const dx = xy[2 * i] - cx[g];
    const dy = xy[2 * i + 1] - cy[g];
    sxx[g] += dx * dx;
    syy[g] += dy * dy;
    sxy[g] += dx * dy;
  }
  const axes = Array.from({ length: groups }, (_, g) => {
    const a = sxx[g] / count[g];
    const b = syy[g] / count[g];
    const d = sxy[g] / count[g];
    // Eigen-decomposition of [[a, d], [d, b]]: λ = (a + b)/2 ± √(((a − b)/2)² + d²); the long
    // axis makes angle φ = ½·atan2(2d, a − b) with the x axis (east).
    const half = Math.sqrt(((a - b) / 2) ** 2 + d * d);
    const major = Math.max(0, (a + b) / 2 + half);
    const minor = Math.max(0, (a + b) / 2 - half);
    const phi = 0.5 * Math.atan2(2 * d, a - b);
    return { major: k * c * Math.sqrt(major), minor: k * c * Math.sqrt(minor), phi };
  });
  // Pass 3: share of incidents inside.
  const inside = new Float64Array(groups);
  for (let i = 0; i < n; i++) {
    if (!isSelected(i)) continue;
    const g = groupOf(i);
    const { major, minor, phi } = axes[g];
    const dx = xy[2 * i] - cx[g];
    const dy = xy[2 * i + 1] - cy[g];
    const u = dx * Math.cos(phi) + dy * Math.sin(phi);
    const v = -dx * Math.sin(phi) + dy * Math.cos(phi);
    const q =
      (major > 0 ? (u / major) ** 2 : u === 0 ? 0 : Infinity) +
      (minor > 0 ? (v / minor) ** 2 : Math.abs(v) < 1e-9 * (major + 1) ? 0 : Infinity);
    if (q <= 1 + 1e-12) inside[g]++;
  }

  const ellipses: DeviationalEllipse[] = [];
  for (let g = 0; g < groups; g++) {
    if (count[g] === 0) continue;
    const { major, minor, phi } = axes[g];
    let rotationDegrees = 90 - (phi * 180) / Math.PI;
    rotationDegrees = ((rotationDegrees % 180) + 180) % 180;
    if (major - minor <= 1e-12 * (major + 1)) rotationDegrees = 0; // a circle has no direction
    const ring: number[][] = [];
    for (let s = 0; s < steps; s++) {
      const t = (2 * Math.PI * s) / steps;
      const u = major * Math.cos(t);
      const v = minor * Math.sin(t);
      ring.push([
        cx[g] + u * Math.cos(phi) - v * Math.sin(phi),
        cy[g] + u * Math.sin(phi) + v * Math.cos(phi),
      ]);
    }
    ring.push([ring[0][0], ring[0][1]]);
    ellipses.push({
      category: g,
      name: options.categoryNames?.[g],
      count: count[g],
      meanCentreXMetres: cx[g],
      meanCentreYMetres: cy[g],
      majorSemiAxisMetres: major,
      minorSemiAxisMetres: minor,
      rotationDegrees,
      shareInside: inside[g] / count[g],
      ring,
    });
  }
  const covers =
    correction === 'sqrt2'
      ? `${(100 * (1 - Math.exp(-k * k))).toFixed(1)}%`
      : `${(100 * (1 - Math.exp(-(k * k) / 2))).toFixed(1)}%`;
  return {
    ellipses,
    method: `Standard deviational ellipse, ${k} standard deviation${k === 1 ? '' : 's'}, axes scaled by ${correction === 'sqrt2' ? '√2 (ArcGIS Pro convention)' : '1 (no correction)'}, so that it would hold about ${covers} of a bivariate normal pattern; covariance divided by n; rotation clockwise from north.`,
  };
}
