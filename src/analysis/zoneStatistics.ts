/**
 * Figures for one patrol zone: its area, the incidents inside it, their share of all incidents, the
 * density, the Predictive Accuracy Index, the top categories, the hour × weekday profile and the
 * monthly series (for a trend test such as Mann-Kendall).
 *
 * PAI (Predictive Accuracy Index) = (n / N) / (a / A): the zone's share of the incidents over its
 * share of the study area. Source: Chainey, Tompson & Uhlig (2008) "The utility of hotspot mapping
 * for predicting spatial patterns of crime", Security Journal 21(1–2), 4–28. PAI 1 means the zone
 * holds incidents in proportion to its size; PAI 2 twice that.
 *
 * Point in polygon: the crossing-number (even–odd) rule of W. R. Franklin's PNPOLY, so holes need no
 * special case; a point exactly on an edge may fall either side. Area: the shoelace formula, holes
 * subtracted.
 *
 * Units: coordinates in metres on a local projection (see localProjection.ts), areas in km², times
 * as floating wall-clock ms (see calendar.ts). Monday = 0 in the profile; index = weekday × 24 + hour.
 * Complexity: O(n · v) for n incidents and v vertices (a bounding-box test rejects most points first).
 *
 * @example
 * // A 1 km square holding 10 of 100 incidents in a 20 km² study area:
 * // share 10/100 = 0.1, share of area 1/20 = 0.05, PAI = 0.1 / 0.05 = 2.
 * zoneStatistics({ type: 'Polygon', coordinates: [[[0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]]] },
 *   xy, 20).pai; // 2
 */
import { monthIndex, dayOfWeek, hourOfDay } from './calendar';

/** A GeoJSON-shaped polygon whose positions are [x, y] metres, not degrees. */
export interface PolygonMetres {
  type: 'Polygon';
  coordinates: number[][][];
}

/** A GeoJSON-shaped multipolygon whose positions are [x, y] metres, not degrees. */
export interface MultiPolygonMetres {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}

export type ZoneGeometryMetres = PolygonMetres | MultiPolygonMetres;

export interface ZoneStatisticsOptions {
  /** 1 where the incident passes the current filters. Default: every incident counts. */
  selection?: Uint8Array;
  /** Floating wall-clock ms of each incident: needed for the hour × weekday profile and the months. */
  timesMs?: Float64Array;
  /**
   * How precise the times are. 'time' (default) gives both the profile and the months; 'day' and
   * 'month' give no hour × weekday profile, because the hour (and for 'month' the day) is not known.
   */
  timePrecision?: 'time' | 'day' | 'month';
  /** Category code of each incident, and the name of each code. Default: no top categories. */
  categories?: { codes: ArrayLike<number>; names: readonly string[] };
  /** How many top categories to list; default 5. */
  topCategoryCount?: number;
  /**
   * Months of the series, as months since January 1970 (calendar.ts `monthIndex`), inclusive.
   * Default: the first to the last month among all selected incidents (not only the zone's), so that
   * zones are compared over the same months and empty months count as zero.
   */
  monthRange?: { firstMonthIndex: number; lastMonthIndex: number };
}

export interface CategoryCount {
  code: number;
  name: string;
  count: number;
  /** Share of the zone's incidents, 0–1. */
  share: number;
}

export interface MonthlySeries {
  /** Months since January 1970 of `counts[0]`. */
  firstMonthIndex: number;
  /** `YYYY-MM` of each month. */
  months: string[];
  counts: Int32Array;
}

export interface ZoneStatistics {
  areaKm2: number;
  studyAreaKm2: number;
  /** Selected incidents inside the zone. */
  incidents: number;
  /** Selected incidents in the whole study area. */
  totalIncidents: number;
  /** incidents / totalIncidents (0 when there are none). */
  shareOfIncidents: number;
  /** areaKm2 / studyAreaKm2. */
  shareOfArea: number;
  incidentsPerKm2: number;
  /** shareOfIncidents / shareOfArea; NaN for a zone of no area. */
  pai: number;
  /** Indices of the selected incidents inside the zone, ascending. */
  indices: Int32Array;
  topCategories: CategoryCount[];
  /** 168 counts, index weekday × 24 + hour (Monday = 0); null without times of day. */
  hourWeekday: Int32Array | null;
  /** null without times. */
  monthly: MonthlySeries | null;
}

/** Planar area of a zone in square metres (shoelace; holes subtracted). O(v). */
export function zoneAreaSquareMetres(zone: ZoneGeometryMetres): number {
  const polygons = zone.type === 'Polygon' ? [zone.coordinates] : zone.coordinates;
  let area = 0;
  for (const rings of polygons) {
    rings.forEach((ring, r) => {
      const a = Math.abs(signedRingArea(ring));
      area += r === 0 ? a : -a;
    });
  }
  return area;
}

function signedRingArea(ring: number[][]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    twice += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return twice / 2;
}

/**
 * Whether (x, y) lies inside the zone, by the crossing-number rule over every ring of a polygon
 * (PNPOLY), so a point in a hole is outside. O(v).
 */
export function pointInZone(zone: ZoneGeometryMetres, x: number, y: number): boolean {
  const polygons = zone.type === 'Polygon' ? [zone.coordinates] : zone.coordinates;
  for (const rings of polygons) {
    let inside = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const xi = ring[i][0];
        const yi = ring[i][1];
        const xj = ring[j][0];
        const yj = ring[j][1];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    if (inside) return true;
  }
  return false;
}

function boundingBox(zone: ZoneGeometryMetres): [number, number, number, number] {
  const polygons = zone.type === 'Polygon' ? [zone.coordinates] : zone.coordinates;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const rings of polygons) {
    // The exterior ring bounds the polygon; holes lie inside it.
    for (const [x, y] of rings[0] ?? []) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const monthLabel = (index: number): string =>
  `${String(1970 + Math.floor(index / 12)).padStart(4, '0')}-${pad2((((index % 12) + 12) % 12) + 1)}`;

export function zoneStatistics(
  zone: ZoneGeometryMetres,
  xy: Float64Array,
  studyAreaKm2: number,
  options: ZoneStatisticsOptions = {},
): ZoneStatistics {
  if (!(studyAreaKm2 > 0)) throw new Error(`studyAreaKm2 must be positive (got ${studyAreaKm2})`);
  const count = xy.length / 2;
  const { selection, timesMs, categories } = options;
  const timePrecision = options.timePrecision ?? 'time';
  const topCategoryCount = options.topCategoryCount ?? 5;
  if (selection && selection.length !== count)
    throw new Error(`selection has ${selection.length} entries for ${count} incidents`);
  if (timesMs && timesMs.length !== count)
    throw new Error(`timesMs has ${timesMs.length} entries for ${count} incidents`);

  const areaKm2 = zoneAreaSquareMetres(zone) / 1e6;
  const [minX, minY, maxX, maxY] = boundingBox(zone);

  let totalIncidents = 0;
  let firstMonth = Infinity;
  let lastMonth = -Infinity;
  const inside: number[] = [];
  for (let i = 0; i < count; i++) {
    if (selection && selection[i] === 0) continue;
    totalIncidents++;
    if (timesMs && !options.monthRange && Number.isFinite(timesMs[i])) {
      const m = monthIndex(timesMs[i]);
      if (m < firstMonth) firstMonth = m;
      if (m > lastMonth) lastMonth = m;
    }
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    if (x < minX || x > maxX || y < minY || y > maxY) continue;
    if (pointInZone(zone, x, y)) inside.push(i);
  }
  const indices = Int32Array.from(inside);
  const incidents = indices.length;
  const shareOfIncidents = totalIncidents > 0 ? incidents / totalIncidents : 0;
  const shareOfArea = areaKm2 / studyAreaKm2;

  let topCategories: CategoryCount[] = [];
  if (categories) {
    const byCode = new Map<number, number>();
    for (const i of indices) {
      const code = categories.codes[i];
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
    }
    topCategories = [...byCode.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, topCategoryCount)
      .map(([code, n]) => ({
        code,
        name: categories.names[code] ?? `category ${code}`,
        count: n,
        share: n / incidents,
      }));
  }

  let hourWeekday: Int32Array | null = null;
  if (timesMs && timePrecision === 'time') {
    hourWeekday = new Int32Array(168);
    for (const i of indices) {
      const t = timesMs[i];
      if (Number.isFinite(t)) hourWeekday[dayOfWeek(t) * 24 + hourOfDay(t)]++;
    }
  }

  let monthly: MonthlySeries | null = null;
  if (timesMs) {
    const first = options.monthRange?.firstMonthIndex ?? firstMonth;
    const last = options.monthRange?.lastMonthIndex ?? lastMonth;
    if (Number.isFinite(first) && Number.isFinite(last) && last >= first) {
      const counts = new Int32Array(last - first + 1);
      for (const i of indices) {
        const t = timesMs[i];
        if (!Number.isFinite(t)) continue;
        const m = monthIndex(t) - first;
        if (m >= 0 && m < counts.length) counts[m]++;
      }
      const months = Array.from({ length: counts.length }, (_, k) => monthLabel(first + k));
      monthly = { firstMonthIndex: first, months, counts };
    } else {
      monthly = { firstMonthIndex: 0, months: [], counts: new Int32Array(0) };
    }
  }

  return {
    areaKm2,
    studyAreaKm2,
    incidents,
    totalIncidents,
    shareOfIncidents,
    shareOfArea,
    incidentsPerKm2: areaKm2 > 0 ? incidents / areaKm2 : NaN,
    pai: areaKm2 > 0 ? shareOfIncidents / shareOfArea : NaN,
    indices,
    topCategories,
    hourWeekday,
    monthly,
  };
}
