/**
 * GeoJSON boundary files (beats, wards, neighbourhoods, tracts) to planar polygons in metres for
 * the analysis code, with the checks a user needs when a file is not what it should be.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { LocalProjection } from '../analysis/localProjection';
import type { PlanarPolygon } from '../analysis/pointInPolygon';

function ringToPlanar(ring: Position[], projection: LocalProjection): Float64Array {
  const out = new Float64Array(ring.length * 2);
  ring.forEach((p, k) => {
    const [x, y] = projection.forward(p[0], p[1]);
    out[2 * k] = x;
    out[2 * k + 1] = y;
  });
  return out;
}

/** One planar polygon (all rings flattened, even–odd) per feature; null geometry → no rings. */
export function featuresToPlanar(
  fc: FeatureCollection,
  projection: LocalProjection,
): PlanarPolygon[] {
  return fc.features.map((f) => {
    const g = f.geometry;
    if (!g) return [];
    if (g.type === 'Polygon') return g.coordinates.map((r) => ringToPlanar(r, projection));
    if (g.type === 'MultiPolygon')
      return g.coordinates.flat().map((r) => ringToPlanar(r, projection));
    return [];
  });
}

const isPolygonal = (g: Geometry | null): boolean =>
  g !== null && (g.type === 'Polygon' || g.type === 'MultiPolygon');

/**
 * Reads a boundary file's text. Returns the polygons and a suggested label property, or an error a
 * person can act on.
 */
export function parseBoundaryFile(
  name: string,
  text: string,
):
  | { ok: true; geojson: FeatureCollection; labelField: string; fields: string[] }
  | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: `"${name}" is not valid JSON, so it cannot be a GeoJSON boundary file.`,
    };
  }
  const obj = raw as { type?: unknown; features?: unknown };
  let features: Feature[];
  if (obj.type === 'FeatureCollection' && Array.isArray(obj.features))
    features = obj.features as Feature[];
  else if (obj.type === 'Feature') features = [raw as Feature];
  else
    return {
      ok: false,
      error: `"${name}" is JSON but not GeoJSON (no FeatureCollection). Export the boundaries from your GIS as GeoJSON (EPSG:4326).`,
    };
  const polygons = features.filter((f) => f && isPolygonal(f.geometry));
  if (polygons.length === 0)
    return {
      ok: false,
      error: `"${name}" holds no polygons: boundaries must be Polygon or MultiPolygon features.`,
    };
  const first = polygons[0].geometry as Exclude<Geometry, { type: 'GeometryCollection' }>;
  const sample = JSON.stringify(first)
    .match(/-?\d+\.?\d*/g)
    ?.slice(0, 2)
    .map(Number) ?? [0, 0];
  if (Math.abs(sample[0]) > 180 || Math.abs(sample[1]) > 90)
    return {
      ok: false,
      error: `"${name}" has coordinates like ${sample.join(', ')}, which are not longitude/latitude degrees. Re-export it in WGS 84 (EPSG:4326), as RFC 7946 requires.`,
    };
  const fields = [...new Set(polygons.flatMap((f) => Object.keys(f.properties ?? {})))];
  const preferred = ['name', 'NAME', 'beat', 'beat_num', 'district', 'ward', 'id', 'label'];
  const labelField = preferred.find((p) => fields.includes(p)) ?? fields[0] ?? '';
  return {
    ok: true,
    geojson: { type: 'FeatureCollection', features: polygons },
    labelField,
    fields,
  };
}
