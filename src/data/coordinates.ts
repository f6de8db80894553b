/**
 * Coordinates as portals write them, and the checks an import applies to them.
 */

/** The Chicago portal's "no geocode" point (in Missouri), written on rows it could not geocode. */
export const CHICAGO_SENTINEL = { lat: 36.619446395, lon: -91.686565684 };

/**
 * Reads one point column: WKT `POINT (lon lat)` (Socrata, SF) or a parenthesised `(lat, lon)` pair
 * (Chicago `Location`, NYC `Lat_Lon`). Returns [lon, lat] or null.
 */
export function readPointText(text: string): [number, number] | null {
  const wkt =
    /^\s*POINT\s*Z?\s*\(\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s+([-+]?[\d.]+(?:[eE][-+]?\d+)?)/i.exec(
      text,
    );
  if (wkt) return [Number(wkt[1]), Number(wkt[2])];
  const pair = /^\s*\(?\s*([-+]?[\d.]+)\s*,\s*([-+]?[\d.]+)\s*\)?\s*$/.exec(text);
  if (pair) return [Number(pair[2]), Number(pair[1])];
  return null;
}

/** Is this a portal's "no geocode" placeholder rather than a place? */
export function isSentinel(lon: number, lat: number): boolean {
  if (lon === 0 && lat === 0) return true;
  return Math.abs(lat - CHICAGO_SENTINEL.lat) < 1e-6 && Math.abs(lon - CHICAGO_SENTINEL.lon) < 1e-6;
}

/** Are these valid WGS 84 degrees? */
export function inRange(lon: number, lat: number): boolean {
  return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

/**
 * The rule for locational outliers: a point farther from the median centre than
 * max(`OUTLIER_MIN_KM`, `OUTLIER_MEDIAN_FACTOR` × the median distance to that centre) lies far
 * outside the bulk of the data (a geocoding error, a headquarters address, another portal's
 * sentinel). Medians, not a high percentile, so that even a few per cent of stray points cannot
 * raise the threshold to reach themselves (a median breaks down only past half the data).
 */
export const OUTLIER_MIN_KM = 20;
export const OUTLIER_MEDIAN_FACTOR = 10;

export interface OutlierRule {
  centreLon: number;
  centreLat: number;
  thresholdKm: number;
}

const KM_PER_DEGREE = 111.195;

/** Equirectangular distance in km, accurate to well under 1% over city scales. */
export function distanceKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const x = (lon2 - lon1) * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  const y = lat2 - lat1;
  return Math.sqrt(x * x + y * y) * KM_PER_DEGREE;
}

/**
 * The median of `values` (the mean of the two middle values for an even count; NaN when empty),
 * exactly as a full sort would give it, for values that are not NaN. Found by Hoare's selection (quickselect, Hoare 1961) with
 * a median-of-three pivot: O(n) on average instead of a sort's O(n log n). Reorders `values`.
 *
 * @example
 * median(Float64Array.of(5, 1, 4, 2)); // 3, the mean of 2 and 4
 */
export function median(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  const half = n >> 1;
  const upper = select(values, half);
  let m = upper;
  if (n % 2 === 0) {
    // After selection every value left of `half` is ≤ the upper middle: the lower one is their max.
    let lower = values[0];
    for (let i = 1; i < half; i++) if (values[i] > lower) lower = values[i];
    m = (lower + upper) / 2;
  }
  // A sort puts -0 before +0, which `<` cannot tell apart: a zero median is left to a sort.
  if (m === 0) {
    values.sort();
    return n % 2 ? values[half] : (values[half - 1] + values[half]) / 2;
  }
  return m;
}

/** Reorders `a` so that `a[k]` holds the k-th smallest value, the smaller ones left of it. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot (guards against already sorted or reversed input).
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // Now a[lo..j] ≤ pivot, a[i..hi] ≥ pivot, and anything between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Fits the outlier rule to interleaved [lon, lat] positions (a sample of up to 100,000 evenly
 * spaced points is used for the medians). Null when there are no points.
 */
export function fitOutlierRule(positions: Float64Array, count: number): OutlierRule | null {
  if (count === 0) return null;
  const step = Math.max(1, Math.floor(count / 100_000));
  const n = Math.ceil(count / step);
  const lons = new Float64Array(n);
  const lats = new Float64Array(n);
  for (let k = 0, i = 0; i < count; i += step, k++) {
    lons[k] = positions[2 * i];
    lats[k] = positions[2 * i + 1];
  }
  // Copies: `lons[k]` and `lats[k]` must stay paired for the distances.
  const centreLon = median(lons.slice());
  const centreLat = median(lats.slice());
  const d = new Float64Array(n);
  for (let k = 0; k < n; k++) d[k] = distanceKm(centreLon, centreLat, lons[k], lats[k]);
  const medianKm = median(d);
  return {
    centreLon,
    centreLat,
    thresholdKm: Math.max(OUTLIER_MIN_KM, OUTLIER_MEDIAN_FACTOR * medianKm),
  };
}

export function isOutlier(rule: OutlierRule, lon: number, lat: number): boolean {
  return distanceKm(rule.centreLon, rule.centreLat, lon, lat) > rule.thresholdKm;
}

/**
 * Counts incidents that share exact coordinates with at least one other, and the distinct points,
 * in O(n) with an open-addressing table over the raw float bits.
 */
export function countSharedCoordinates(
  positions: Float64Array,
  count: number,
): { sharing: number; distinct: number } {
  let size = 1024;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  const first = new Int32Array(size).fill(-1);
  const hits = new Uint32Array(size);
  const bits = new Uint32Array(positions.buffer, positions.byteOffset, positions.length * 2);
  let distinct = 0;
  for (let i = 0; i < count; i++) {
    const a = bits[4 * i] ^ bits[4 * i + 1];
    const b = bits[4 * i + 2] ^ bits[4 * i + 3];
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
    for (;;) {
      const j = first[slot];
      if (j === -1) {
        first[slot] = i;
        hits[slot] = 1;
        distinct++;
        break;
      }
      if (positions[2 * j] === positions[2 * i] && positions[2 * j + 1] === positions[2 * i + 1]) {
        hits[slot]++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  let sharing = 0;
  for (let s = 0; s < size; s++) if (hits[s] >= 2) sharing += hits[s];
  return { sharing, distinct };
}
