/**
 * A local metric projection for a city-sized study area: the spherical transverse Mercator centred
 * on the data's centre (the same construction as a UTM zone, on a sphere of the WGS 84 mean radius,
 * with scale factor 1 on the central meridian). Over 50 km from the centre the scale error is below
 * 0.01%, far under the positional error of geocoded incidents, so analysis can work in metres
 * without choosing a zone. Named in every methods log as `describeProjection(p)`.
 *
 * Source: Snyder, J. P. (1987) Map Projections — A Working Manual, USGS Professional Paper 1395,
 * equations 8-1 to 8-7 (spherical transverse Mercator) and their inverses 8-8 to 8-9.
 *
 * @example
 * const p = createLocalProjection(-87.65, 41.85);
 * p.forward(-87.65, 41.85); // [0, 0]
 * p.forward(-87.65, 41.859); // ≈ [0, 1000.8] — 0.009° of latitude is about 1 km
 */
export const EARTH_RADIUS_METRES = 6_371_008.8;

export interface LocalProjection {
  readonly centreLon: number;
  readonly centreLat: number;
  /** Degrees → metres east and north of the centre. */
  forward(lon: number, lat: number): [number, number];
  /** Metres → degrees. */
  inverse(x: number, y: number): [number, number];
}

const DEG = Math.PI / 180;

export function createLocalProjection(centreLon: number, centreLat: number): LocalProjection {
  const lon0 = centreLon * DEG;
  const lat0 = centreLat * DEG;
  const R = EARTH_RADIUS_METRES;
  return {
    centreLon,
    centreLat,
    forward(lon, lat) {
      const phi = lat * DEG;
      const dLambda = lon * DEG - lon0;
      const b = Math.cos(phi) * Math.sin(dLambda);
      const x = 0.5 * R * Math.log((1 + b) / (1 - b));
      const y = R * (Math.atan2(Math.tan(phi), Math.cos(dLambda)) - lat0);
      return [x, y];
    },
    inverse(x, y) {
      const D = y / R + lat0;
      const xr = x / R;
      const phi = Math.asin(Math.sin(D) / Math.cosh(xr));
      const lambda = lon0 + Math.atan2(Math.sinh(xr), Math.cos(D));
      return [lambda / DEG, phi / DEG];
    },
  };
}

/** Projects interleaved [lon, lat, …] degrees into new interleaved [x, y, …] metres. O(n). */
export function projectPositions(
  positions: Float64Array,
  projection: LocalProjection,
): Float64Array {
  const out = new Float64Array(positions.length);
  for (let i = 0; i < positions.length; i += 2) {
    const [x, y] = projection.forward(positions[i], positions[i + 1]);
    out[i] = x;
    out[i + 1] = y;
  }
  return out;
}

/** One line for a methods log. */
export function describeProjection(p: LocalProjection): string {
  return `spherical transverse Mercator centred on ${p.centreLat.toFixed(5)}°N ${p.centreLon.toFixed(5)}°E (R = ${EARTH_RADIUS_METRES} m, k0 = 1)`;
}
