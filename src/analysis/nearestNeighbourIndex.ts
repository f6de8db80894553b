/**
 * The nearest neighbour index of Clark & Evans: the incidents' mean distance to their nearest
 * neighbour, against the mean expected if the same number were scattered at random (a Poisson
 * process) over the study area.
 *
 *   observed  D̄o = Σ dᵢ / n
 *   expected  D̄e = 0.5 / √(n / A)
 *   index     R  = D̄o / D̄e          (< 1 clustered, 1 random, > 1 dispersed; at most 2.1491)
 *   SE        = 0.26136 / √(n² / A)
 *   z         = (D̄o − D̄e) / SE,  p two-sided from the standard normal
 *
 * Source: Clark, P. J. & Evans, F. C. (1954) "Distance to nearest neighbor as a measure of spatial
 * relationships in populations", Ecology 35(4) 445–453; the same formulas as ArcGIS Pro "How
 * Average Nearest Neighbor works" and spatstat's `clarkevans(X, correction = "none")` (whose
 * z-test uses the unrounded √((4 − π)/4π) = 0.2613616, moving p by about 1e-4 of itself). No
 * edge correction, as in ArcGIS.
 *
 * The answer depends on the area A: the same incidents look clustered in a large study area and
 * dispersed in a small one, so the area and where it came from are part of the result. Without a
 * given area this uses the incidents' bounding rectangle (ArcGIS uses the minimum enclosing
 * rectangle, which is smaller when the incidents lie along a diagonal). Incidents at exactly the
 * same coordinates have a nearest-neighbour distance of 0 — snapped data (police.uk, block-level
 * geocoding) therefore read as clustered whatever their pattern — so they are counted and a
 * warning is given when many share coordinates.
 *
 * Units: metres, m². Complexity O(n) expected (grid nearest neighbours, hashing).
 *
 * @example
 * // the corners of a 10 m square, A = 100 m²: D̄o = 10, D̄e = 0.5·√(100/4) = 2.5, R = 4,
 * // SE = 0.26136/√(16/100) = 0.6534, z = 7.5/0.6534 = 11.48
 * nearestNeighbourIndex(new Float64Array([0, 0, 10, 0, 10, 10, 0, 10])).ratio; // 4
 */
import { distinctLocations } from './distinctLocations';
import { nearestNeighbourDistances } from './nearestNeighbourDistances';
import { twoSidedP } from './normal';

export interface NearestNeighbourIndexOptions {
  /** Study area in m². Default: the bounding rectangle of the selected incidents. */
  areaSquareMetres?: number;
  /** What the given area is (e.g. "city boundary, 3 polygons"), for the summary. */
  areaDescription?: string;
  /** Selection mask, one entry an incident; non-zero = include. Default: all. */
  mask?: Uint8Array;
  /** Warn when at least this share of incidents shares its coordinates with another; default 0.05. */
  duplicateWarningShare?: number;
}

export interface NearestNeighbourIndex {
  count: number;
  observedMeanDistanceMetres: number;
  expectedMeanDistanceMetres: number;
  /** Clark–Evans R = observed / expected. */
  ratio: number;
  standardErrorMetres: number;
  zScore: number;
  /** Two-sided p-value (normal approximation). */
  pValue: number;
  studyArea: {
    areaSquareMetres: number;
    source: 'given' | 'bounding rectangle';
    description: string;
  };
  /** Incidents whose exact coordinates are shared with at least one other incident. */
  incidentsSharingCoordinates: number;
  distinctLocations: number;
  /** Set when many incidents share coordinates. */
  warning?: string;
  /** A sentence for a non-statistician. */
  summary: string;
}

export function nearestNeighbourIndex(
  xy: Float64Array,
  options: NearestNeighbourIndexOptions = {},
): NearestNeighbourIndex {
  const mask = options.mask;
  const total = xy.length >> 1;
  if (mask && mask.length !== total)
    throw new Error(`mask has ${mask.length} entries but there are ${total} incidents`);
  let selected = xy;
  if (mask) {
    let k = 0;
    for (let i = 0; i < total; i++) if (mask[i] !== 0) k++;
    selected = new Float64Array(2 * k);
    k = 0;
    for (let i = 0; i < total; i++)
      if (mask[i] !== 0) {
        selected[2 * k] = xy[2 * i];
        selected[2 * k + 1] = xy[2 * i + 1];
        k++;
      }
  }
  const n = selected.length >> 1;
  if (n < 2) throw new Error(`The nearest neighbour index needs at least 2 incidents (got ${n}).`);

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = selected[2 * i];
    const y = selected[2 * i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const given = options.areaSquareMetres;
  const area = given ?? (maxX - minX) * (maxY - minY);
  if (!(area > 0))
    throw new Error(
      given === undefined
        ? 'The incidents lie on a line or at one point, so their bounding rectangle has no area; give the study area.'
        : `The study area must be positive (got ${given} m²).`,
    );
  const source = given === undefined ? 'bounding rectangle' : 'given';
  const description =
    options.areaDescription ??
    (given === undefined
      ? `bounding rectangle of the incidents, ${((maxX - minX) / 1000).toFixed(2)} × ${((maxY - minY) / 1000).toFixed(2)} km`
      : 'study area given by the user');

  const distances = nearestNeighbourDistances(selected);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += distances[i];
  const observed = sum / n;
  const expected = 0.5 / Math.sqrt(n / area);
  const standardError = 0.26136 / Math.sqrt((n * n) / area);
  const zScore = (observed - expected) / standardError;
  const pValue = twoSidedP(zScore);
  const ratio = observed / expected;

  const locations = distinctLocations(selected);
  let sharing = 0;
  for (const m of locations.multiplicity) if (m > 1) sharing += m;
  const threshold = options.duplicateWarningShare ?? 0.05;
  const share = sharing / n;
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const warning =
    sharing > 0 && share >= threshold
      ? `${sharing.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} incidents (${pct(share)}) share exact coordinates with another incident, at ${locations.xy.length / 2} distinct locations — typical of data snapped to streets or block centroids (police.uk, Chicago). Their nearest-neighbour distance is 0, which makes the pattern look more clustered than it is.`
      : undefined;
  const pattern =
    pValue >= 0.05 ? 'not distinguishable from random' : ratio < 1 ? 'clustered' : 'dispersed';
  const summary = `Incidents are on average ${observed.toFixed(1)} m from their nearest neighbour, against ${expected.toFixed(1)} m expected if they were scattered at random over the ${(area / 1e6).toFixed(2)} km² study area (${description}): index ${ratio.toFixed(2)}, z = ${zScore.toFixed(2)}, p ${pValue < 0.001 ? '< 0.001' : `= ${pValue.toFixed(3)}`} — ${pattern}.`;
  return {
    count: n,
    observedMeanDistanceMetres: observed,
    expectedMeanDistanceMetres: expected,
    ratio,
    standardErrorMetres: standardError,
    zScore,
    pValue,
    studyArea: { areaSquareMetres: area, source, description },
    incidentsSharingCoordinates: sharing,
    distinctLocations: locations.xy.length / 2,
    warning,
    summary,
  };
}
