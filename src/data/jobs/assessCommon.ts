/**
 * Pieces the assessment jobs share (density, point pattern, concentration, rates): the study area
 * from the user's polygons or the incidents, the analysed period in years, metres → lon/lat for
 * GeoJSON, and number formatting for summaries.
 */
import type { FeatureCollection, Position } from 'geojson';
import { formatIsoDate, MS_PER_DAY } from '../../analysis/calendar';
import type { LocalProjection } from '../../analysis/localProjection';
import type { PlanarPolygon } from '../../analysis/pointInPolygon';
import {
  studyAreaFromPoints,
  studyAreaFromPolygons,
  type StudyArea,
} from '../../analysis/studyArea';
import { featuresToPlanar } from '../geojsonPolygons';
import type { JobInput } from '../jobInput';

/** The user's polygons (a boundary layer of the page, or a file on the command line). */
export interface AreasParam {
  geojson: FeatureCollection;
  /** A name for logs and summaries ("Beats"). */
  name?: string;
  /** The property that names each polygon; default its row number. */
  idField?: string;
}

export const MS_PER_YEAR = 365.25 * MS_PER_DAY;

export const n = (x: number): string => x.toLocaleString('en-US');

/** A share as people read it: "31%", "4.2%", "0.35%". */
export function pct(share: number): string {
  const p = 100 * share;
  if (p === 0 || p >= 10) return `${Math.round(p)}%`;
  if (p >= 1) return `${p.toFixed(1)}%`;
  return `${p.toPrecision(2)}%`;
}

/**
 * The study area: the union of the user's polygons, else the convex hull of the incidents without
 * locational outliers. Null (with the reason) when the incidents are too few or on one line.
 */
export function jobStudyArea(
  input: JobInput,
  projection: LocalProjection,
  areas: AreasParam | null | undefined,
): { studyArea: StudyArea | null; polygons: PlanarPolygon[] | null; note: string } {
  if (areas) {
    const polygons = featuresToPlanar(areas.geojson, projection);
    const studyArea = studyAreaFromPolygons(polygons);
    return {
      studyArea,
      polygons,
      note: areas.name ? `${studyArea.description} (${areas.name})` : studyArea.description,
    };
  }
  try {
    const studyArea = studyAreaFromPoints(input.xy);
    return { studyArea, polygons: null, note: studyArea.description };
  } catch (error) {
    return {
      studyArea: null,
      polygons: null,
      note: `No study area: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * The period the analysis covers: the filter's date range where set, clipped to the data set's
 * first and last days (whole days), in floating ms and years.
 */
export function analysedPeriod(input: JobInput): {
  startMs: number;
  endMs: number;
  years: number;
  words: string;
} {
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < input.allTimeMs.length; i++) {
    const t = input.allTimeMs[i];
    if (t < first) first = t;
    if (t > last) last = t;
  }
  if (!Number.isFinite(first)) return { startMs: NaN, endMs: NaN, years: NaN, words: 'unknown' };
  let startMs = Math.floor(first / MS_PER_DAY) * MS_PER_DAY;
  let endMs = Math.floor(last / MS_PER_DAY) * MS_PER_DAY + MS_PER_DAY;
  const range = input.filter.dateRange;
  if (range) {
    startMs = Math.max(startMs, range[0]);
    endMs = Math.min(endMs, range[1]);
  }
  const years = (endMs - startMs) / MS_PER_YEAR;
  return { startMs, endMs, years, words: periodWords(startMs, endMs) };
}

/** "2023-01-01 to 2025-12-31 (3.00 years)" for [startMs, endMs). */
export function periodWords(startMs: number, endMs: number): string {
  if (!(endMs > startMs)) return 'an empty period';
  return `${formatIsoDate(startMs)} to ${formatIsoDate(endMs - 1)} (${((endMs - startMs) / MS_PER_YEAR).toFixed(2)} years)`;
}

/** A ring in metres ([x, y] pairs) as GeoJSON positions in lon/lat. */
export function ringToLonLat(ring: readonly number[][], projection: LocalProjection): Position[] {
  return ring.map(([x, y]) => projection.inverse(x, y));
}

/** A flat ring in metres ([x0, y0, x1, y1, …]) as lon/lat positions. */
export function flatRingToLonLat(ring: Float64Array, projection: LocalProjection): Position[] {
  const out: Position[] = [];
  for (let k = 0; k < ring.length; k += 2) out.push(projection.inverse(ring[k], ring[k + 1]));
  return out;
}

/** West, south, east, north of some lon/lat positions. */
export function boundsOf(positions: Iterable<Position>): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let no = -Infinity;
  for (const p of positions) {
    w = Math.min(w, p[0]);
    e = Math.max(e, p[0]);
    s = Math.min(s, p[1]);
    no = Math.max(no, p[1]);
  }
  return [w, s, e, no];
}

/** Each polygon's label: its id field, else its row number (1-based). */
export function polygonLabels(geojson: FeatureCollection, idField: string | undefined): string[] {
  return geojson.features.map((f, i) => {
    const v = idField ? f.properties?.[idField] : undefined;
    return v === undefined || v === null ? String(i + 1) : String(v);
  });
}

/** Centre of each polygon (vertex mean of its first ring, metres), as interleaved lon/lat. */
export function polygonCentresLonLat(
  polygons: readonly PlanarPolygon[],
  projection: LocalProjection,
): Float64Array {
  const out = new Float64Array(2 * polygons.length);
  polygons.forEach((rings, i) => {
    const r = rings[0];
    if (!r || r.length < 2) {
      out[2 * i] = out[2 * i + 1] = NaN;
      return;
    }
    let x = 0;
    let y = 0;
    const m = r.length / 2;
    for (let k = 0; k < m; k++) {
      x += r[2 * k];
      y += r[2 * k + 1];
    }
    const [lon, lat] = projection.inverse(x / m, y / m);
    out[2 * i] = lon;
    out[2 * i + 1] = lat;
  });
  return out;
}
