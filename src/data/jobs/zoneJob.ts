/**
 * Figures for the plan's zones (issue 8) on the filtered incidents: for each zone its area, the
 * incidents inside, their share of all, the density, PAI (Chainey, Tompson & Uhlig 2008), the top
 * categories, offence groups and location types, the hour × weekday profile with the hours that
 * hold half its incidents (patrolHours.ts), and the monthly series with its Mann-Kendall trend and
 * Sen's slope. Also the incidents inside any of the zones (for a strategy's baseline over several
 * zones). Zones arrive as GeoJSON in longitude/latitude and are projected once to the data set's
 * local metres.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { civilFromDays, dayNumber, daysInMonth, monthIndex } from '../../analysis/calendar';
import { createLocalProjection, type LocalProjection } from '../../analysis/localProjection';
import { mannKendall } from '../../analysis/mannKendall';
import { patrolHours, type DailyPattern } from '../../analysis/patrolHours';
import { senSlope } from '../../analysis/senSlope';
import { studyAreaFromPoints } from '../../analysis/studyArea';
import { zoneStatistics, type ZoneGeometryMetres } from '../../analysis/zoneStatistics';
import { OFFENCE_GROUPS, type OffenceGroup } from '../incidentTable';
import type { Job } from './jobTypes';

export interface ZoneJobZone {
  id: string;
  name: string;
  /** [longitude, latitude] degrees. */
  geometry: Polygon | MultiPolygon;
}

export interface ZoneParams {
  zones: ZoneJobZone[];
  /** Only the counts (for a baseline): no profiles, trends or categories. Default false. */
  countsOnly?: boolean;
  /** Share of a zone's incidents its patrol hours must hold, 0–1; default 0.5. */
  patrolShare?: number;
}

export interface ZoneTrend {
  /** Complete months tested. */
  months: number;
  firstMonth: string;
  lastMonth: string;
  S: number;
  z: number;
  p: number;
  /** Sen's slope, incidents a month. */
  slopePerMonth: number;
  direction: 'rising' | 'falling' | 'no trend';
  sentence: string;
}

export interface ZoneFigures {
  id: string;
  name: string;
  areaKm2: number;
  incidents: number;
  shareOfIncidents: number;
  shareOfArea: number;
  incidentsPerKm2: number;
  pai: number;
  topCategories: { name: string; count: number; share: number }[];
  byOffenceGroup: Record<OffenceGroup, number>;
  /** Location types, most incidents first (up to 12). */
  locationTypes: { name: string; count: number }[];
  /** 168 counts, weekday × 24 + hour, Monday = 0; null without times of day. */
  hourWeekday: Int32Array | null;
  /** The shift that holds `patrolShare` of the incidents, with its sentence; null without times. */
  patrol: { sentence: string; pattern: DailyPattern | null } | null;
  monthly: { months: string[]; counts: Int32Array } | null;
  trend: ZoneTrend | null;
  /** Why there is no trend, when there is none. */
  trendNote: string;
}

export interface ZoneResult {
  zones: ZoneFigures[];
  totalIncidents: number;
  /** Incidents inside at least one zone (overlaps counted once). */
  incidentsInAnyZone: number;
  studyAreaKm2: number;
  summary: string[];
  log: string[];
}

const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;
const MIN_TREND_MONTHS = 6;

function projectGeometry(g: Polygon | MultiPolygon, p: LocalProjection): ZoneGeometryMetres {
  const ring = (r: number[][]) => r.map(([lon, lat]) => p.forward(lon, lat));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

/**
 * The whole months inside both the data set's span and the filter's date range: a first or last
 * month that the data or the filter cuts short would bias a trend test, so it is left out.
 */
function completeMonths(
  allTimeMs: Float64Array,
  dateRange: [number, number] | null,
): { first: number; last: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const t of allTimeMs) {
    if (!Number.isFinite(t)) continue;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (!Number.isFinite(min)) return null;
  let start = min;
  let end = max;
  if (dateRange) {
    start = Math.max(start, dateRange[0]);
    end = Math.min(end, dateRange[1] - 1);
  }
  if (!(end >= start)) return null;
  const startDay = civilFromDays(dayNumber(start));
  const first = monthIndex(start) + (startDay.day === 1 ? 0 : 1);
  const endDay = civilFromDays(dayNumber(end));
  const last = monthIndex(end) - (endDay.day === daysInMonth(endDay.year, endDay.month) ? 0 : 1);
  return last >= first ? { first, last } : null;
}

function trendOf(monthly: { months: string[]; counts: Int32Array }, placeName: string): ZoneTrend {
  const mk = mannKendall(monthly.counts);
  const sen = senSlope(monthly.counts);
  const months = monthly.counts.length;
  const direction: ZoneTrend['direction'] =
    mk.p < 0.05 ? (mk.S > 0 ? 'rising' : 'falling') : 'no trend';
  const slope = sen.slope;
  const span = `${monthly.months[0]} to ${monthly.months[months - 1]}`;
  const pText = mk.p < 0.001 ? 'p < 0.001' : `p = ${mk.p.toFixed(mk.p < 0.01 ? 3 : 2)}`;
  const sentence =
    direction === 'no trend'
      ? `No clear trend in ${placeName} over the ${months} whole months ${span} (Mann-Kendall ${pText}).`
      : `Incidents in ${placeName} are ${direction}: about ${slope > 0 ? '+' : ''}${Math.abs(slope) < 1 ? slope.toFixed(2) : slope.toFixed(1)} a month (Sen's slope) over the ${months} whole months ${span} (Mann-Kendall ${pText}).`;
  return {
    months,
    firstMonth: monthly.months[0],
    lastMonth: monthly.months[months - 1],
    S: mk.S,
    z: mk.z,
    p: mk.p,
    slopePerMonth: slope,
    direction,
    sentence,
  };
}

export const zoneJob: Job<ZoneParams, ZoneResult> = (input, params, progress) => {
  const projection = createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]);
  const log = [...input.logHeader];
  const countsOnly = params.countsOnly ?? false;
  const patrolShare = params.patrolShare ?? 0.5;
  const timed = input.timePrecision === 'time';

  // The study area for PAI: the hull of the filtered incidents without locational outliers, as the
  // hot spot analysis uses; too few locations leave PAI undefined rather than failing the job.
  let studyAreaKm2 = NaN;
  if (!countsOnly) {
    try {
      const area = studyAreaFromPoints(input.xy);
      studyAreaKm2 = area.areaSquareMetres / 1e6;
      log.push(
        area.description,
        'PAI = (zone incidents / all incidents) / (zone area / study area) (Chainey, Tompson & Uhlig 2008).',
      );
    } catch (error) {
      log.push(
        `No study area: ${error instanceof Error ? error.message : String(error)} PAI is not given.`,
      );
    }
  }

  const months = countsOnly ? null : completeMonths(input.allTimeMs, input.filter.dateRange);
  if (!countsOnly)
    log.push(
      months
        ? `Trend: Mann-Kendall test (α = 0.05) and Sen's slope on monthly counts over the ${months.last - months.first + 1} whole months the data and the filter cover; a first or last month cut short is left out.`
        : 'Trend: the data and the filter cover no whole month, so no trend is tested.',
      timed
        ? `Patrol hours: the repeating daily shift (one window, a run of days) with the fewest weekly hours that holds ${Math.round(patrolShare * 100)}% of the zone's incidents (weekday and hour of each incident's start time).`
        : `Patrol hours: not given — the data record ${input.timePrecision === 'day' ? 'dates without times' : 'months only'}.`,
    );

  const inAny = new Uint8Array(input.count);
  const zones: ZoneFigures[] = params.zones.map((zone, z) => {
    progress(z / Math.max(1, params.zones.length), `zone ${z + 1} of ${params.zones.length}`);
    const metres = projectGeometry(zone.geometry, projection);
    const stats = zoneStatistics(
      metres,
      input.xy,
      Number.isFinite(studyAreaKm2) ? studyAreaKm2 : 1,
      {
        timesMs: countsOnly ? undefined : input.timeMs,
        timePrecision: input.timePrecision,
        categories: countsOnly ? undefined : { codes: input.category, names: input.categoryNames },
        topCategoryCount: 5,
        monthRange: months
          ? { firstMonthIndex: months.first, lastMonthIndex: months.last }
          : undefined,
      },
    );
    for (const i of stats.indices) inAny[i] = 1;
    const byOffenceGroup = Object.fromEntries(OFFENCE_GROUPS.map((g) => [g, 0])) as Record<
      OffenceGroup,
      number
    >;
    const locationCounts = new Map<number, number>();
    if (!countsOnly)
      for (const i of stats.indices) {
        const group = OFFENCE_GROUPS[input.categoryGroup[input.category[i]]] ?? 'other';
        byOffenceGroup[group]++;
        const loc = input.locationType[i];
        locationCounts.set(loc, (locationCounts.get(loc) ?? 0) + 1);
      }
    const locationTypes = [...locationCounts.entries()]
      .map(([code, count]) => ({ name: input.locationTypeNames[code] ?? '', count }))
      .filter((l) => l.name !== '')
      .sort((a, b) => b.count - a.count)
      .slice(0, 12);
    const hourWeekday = timed && !countsOnly ? stats.hourWeekday : null;
    const patrol = hourWeekday
      ? (() => {
          const ph = patrolHours(hourWeekday, { share: patrolShare });
          return { sentence: ph.sentence, pattern: ph.pattern };
        })()
      : null;
    let trend: ZoneTrend | null = null;
    let trendNote = '';
    const monthly =
      stats.monthly && months
        ? { months: stats.monthly.months, counts: stats.monthly.counts }
        : null;
    if (countsOnly) trendNote = '';
    else if (!monthly) trendNote = 'No trend: the data and the filter cover no whole month.';
    else if (monthly.counts.length < MIN_TREND_MONTHS)
      trendNote = `No trend tested: only ${monthly.counts.length} whole month${monthly.counts.length === 1 ? '' : 's'} (at least ${MIN_TREND_MONTHS} needed).`;
    else if (stats.incidents === 0) trendNote = 'No trend: no incidents in this zone.';
    else trend = trendOf(monthly, 'this zone');
    return {
      id: zone.id,
      name: zone.name,
      areaKm2: stats.areaKm2,
      incidents: stats.incidents,
      shareOfIncidents: stats.shareOfIncidents,
      shareOfArea: Number.isFinite(studyAreaKm2) ? stats.shareOfArea : NaN,
      incidentsPerKm2: stats.incidentsPerKm2,
      pai: Number.isFinite(studyAreaKm2) ? stats.pai : NaN,
      topCategories: stats.topCategories.map((c) => ({
        name: c.name,
        count: c.count,
        share: c.share,
      })),
      byOffenceGroup,
      locationTypes,
      hourWeekday,
      patrol,
      monthly,
      trend,
      trendNote,
    };
  });
  let incidentsInAnyZone = 0;
  for (let i = 0; i < inAny.length; i++) incidentsInAnyZone += inAny[i];
  progress(1, 'done');

  const summary =
    zones.length === 0
      ? ['The plan has no zones yet.']
      : [
          `${zones.length === 1 ? 'The zone holds' : `The ${zones.length} zones together hold`} ${n(incidentsInAnyZone)} of the ${n(input.count)} incidents the filters keep (${pct(incidentsInAnyZone / Math.max(1, input.count))}).`,
        ];
  log.push(
    `Zones: ${zones.map((z) => `"${z.name}" ${z.areaKm2.toFixed(3)} km², ${n(z.incidents)} incidents`).join('; ') || 'none'}.`,
    'Point in zone: crossing-number rule (PNPOLY); areas by the shoelace formula on the local projection.',
  );
  return {
    zones,
    totalIncidents: input.count,
    incidentsInAnyZone,
    studyAreaKm2,
    summary,
    log,
  };
};
