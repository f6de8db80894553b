/**
 * Zone geometry for the plan: any polygonal GeoJSON made fit for the plan document (rounded,
 * closed, degenerate rings dropped), circles recognised and redrawn by radius, buffers and unions
 * (Turf), all in [longitude, latitude] degrees (RFC 7946).
 */
import { buffer, circle, feature, featureCollection, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { ZoneGeometry } from './planSchema';

export type Pos = [number, number];
const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;

function cleanRing(ring: number[][]): Pos[] | null {
  const out: Pos[] = [];
  for (const p of ring) {
    const q: Pos = [round7(p[0]), round7(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length > 1) {
    const [f, l] = [out[0], out[out.length - 1]];
    if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
  }
  return out.length >= 4 ? out : null;
}

/**
 * A plan zone geometry from any polygonal GeoJSON: positions rounded to 7 decimals (about 1 cm),
 * repeated points dropped, rings closed, degenerate rings removed. Null when nothing is left.
 */
export function toZoneGeometry(g: Polygon | MultiPolygon): ZoneGeometry | null {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const cleaned: Pos[][][] = [];
  for (const rings of polys) {
    const outer = cleanRing(rings[0] ?? []);
    if (!outer) continue;
    const holes = rings
      .slice(1)
      .map(cleanRing)
      .filter((r): r is Pos[] => r !== null);
    cleaned.push([outer, ...holes]);
  }
  if (cleaned.length === 0) return null;
  return cleaned.length === 1
    ? ({ type: 'Polygon', coordinates: cleaned[0] } as ZoneGeometry)
    : ({ type: 'MultiPolygon', coordinates: cleaned } as ZoneGeometry);
}

/** A zone geometry as plain GeoJSON (the plan's positions are [lon, lat] tuples). */
export const asGeoJson = (g: ZoneGeometry): Polygon | MultiPolygon => g as Polygon | MultiPolygon;

/** Centre and radius (metres) when a zone is a circle (a ring of ≥ 16 vertices all about equally far from their mean). */
export function circleOf(g: ZoneGeometry): { centre: Pos; radiusMetres: number } | null {
  if (g.type !== 'Polygon' || g.coordinates.length !== 1) return null;
  const ring = g.coordinates[0].slice(0, -1);
  if (ring.length < 16) return null;
  const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const k = (Math.PI / 180) * 6_371_008.8;
  const cos = Math.cos((lat * Math.PI) / 180);
  const d = ring.map((p) => Math.hypot((p[0] - lon) * k * cos, (p[1] - lat) * k));
  const mean = d.reduce((s, v) => s + v, 0) / d.length;
  if (!(mean > 0) || d.some((v) => Math.abs(v - mean) > 0.01 * mean)) return null;
  return { centre: [lon, lat], radiusMetres: mean };
}

/** A 64-sided circle of `radiusMetres` around `centre` (turf circle: geodesic). */
export function circleGeometry(centre: Pos, radiusMetres: number): ZoneGeometry {
  const c = circle(centre, radiusMetres / 1000, { steps: 64, units: 'kilometers' });
  return toZoneGeometry(c.geometry) as ZoneGeometry;
}

/**
 * Grows (or, with a negative distance, shrinks) a zone by `metres` on every side (turf buffer, 16
 * steps a quarter circle). Null when nothing is left.
 */
export function bufferZoneGeometry(g: ZoneGeometry, metres: number): ZoneGeometry | null {
  const result = buffer(feature(asGeoJson(g)), metres, { units: 'meters', steps: 16 });
  const out = result?.geometry;
  if (!out || (out.type !== 'Polygon' && out.type !== 'MultiPolygon')) return null;
  return toZoneGeometry(out);
}

/** One geometry from several polygons (turf union); a single polygon is returned as it is. */
export function unionGeometries(
  features: Feature<Polygon | MultiPolygon>[],
): Polygon | MultiPolygon | null {
  if (features.length === 0) return null;
  if (features.length === 1) return features[0].geometry;
  return union(featureCollection(features))?.geometry ?? null;
}
