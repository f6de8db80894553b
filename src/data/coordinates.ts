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

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
  const centreLon = median(lons);
  const centreLat = median(lats);
  const d = new Float64Array(n);
  for (let k = 0; k < n; k++) d[k] = distanceKm(centreLon, centreLat, lons[k], lats[k]);
  d.sort();
  const medianKm = n % 2 ? d[(n - 1) / 2] : (d[n / 2 - 1] + d[n / 2]) / 2;
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
