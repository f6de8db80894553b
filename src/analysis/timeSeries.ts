/**
 * Incident counts by day, week (Monday start) or month, with the data's coverage — where it is
 * complete, where the last period is still filling, where the extract has a hole — and the trend of
 * the complete periods (Mann-Kendall test and Sen's slope per period).
 *
 * Coverage is decided from the whole data set (every incident in `startMs`), never from the filtered
 * incidents, so that "the filter selects nothing this month" (a count of 0) stays distinct from "the
 * extract has nothing this month" (missing). The rules:
 * - **Complete through** (`completeThroughMs`, an exclusive end: the last complete day is the day
 *   before it, `formatIsoDate(completeThroughMs - 1)`). Portals publish with a lag, so the last day
 *   with records is usually still filling. Minute precision: the last day counts as complete only when
 *   the data reach its last hour (a record at 23:00 or later). Day precision: the last day never
 *   counts (a date alone cannot show the day was over). Month precision (police.uk): the last month
 *   present is complete, because such extracts are published a whole month at a time. With
 *   `extractedAtMs` (when the extract was taken), every day (month) that ended by then, up to the last
 *   one with records, is complete.
 * - **Coverage start**: 00:00 of the first day (the 1st of the first month) with a record.
 * - **Partial**: a period that coverage (or the caller's `rangeStartMs`/`rangeEndMs`, e.g. a brushed
 *   date filter) covers only in part. Partial periods are shown but left out of the trend test.
 * - **Missing**: a period inside the range with no record at all in the whole data set, when such a
 *   gap cannot be chance: the data set averages at least `gapMinMeanPerPeriod` records a period
 *   (default 5, where a Poisson zero has probability e⁻⁵ < 0.7%). A daily series of a rare crime
 *   therefore has zeros, not gaps. Missing periods have count 0, are flagged, and are left out of the
 *   trend test (Sen's slope keeps the time index of the periods after them).
 *
 * Trend: `mannKendall` and `senSlope` (pyMannKendall conventions, see those files) on the counts of
 * the complete, non-missing periods, in time order. The Sen slope is in incidents per period (per
 * day, week or month); its intercept is the fitted count at the first period of `series`.
 *
 * Units: times are floating wall-clock epoch ms (see calendar.ts); weeks start Monday 00:00.
 * Complexity: O(n + d + P²) for n incidents, d days spanned and P periods (the trend tests), per
 * category O(n + P²) more.
 *
 * @example
 * // Three records: Mon 1 Jan 2024 09:00, Tue 2 Jan 10:00 and Tue 2 Jan 23:30 (the data reach the
 * // last hour of 2 January, so it is complete), by day:
 * timeSeries(Float64Array.of(floatingMs(2024, 1, 1, 9), floatingMs(2024, 1, 2, 10), floatingMs(2024, 1, 2, 23, 30)),
 *   { by: 'day', precision: 'minute' });
 * // series: [{ startMs: 1 Jan, count: 1 }, { startMs: 2 Jan, count: 2 }], neither partial nor missing;
 * // coverage.completeThroughMs = floatingMs(2024, 1, 3)
 */
import {
  MS_PER_DAY,
  addMonths,
  civilFromDays,
  dayNumber,
  floatingMs,
  formatIsoDate,
  formatIsoMonth,
  hourOfDay,
  monthIndex,
  startOfDay,
  startOfMonth,
} from './calendar';
import { mannKendall, type MannKendallResult } from './mannKendall';
import { senSlope, type SenSlopeResult } from './senSlope';

export type TimePrecision = 'minute' | 'day' | 'month';
export type TimeBin = 'day' | 'week' | 'month';

/**
 * Which incidents count: a `Uint8Array` is a mask over all incidents (non-zero = selected); a
 * `Uint32Array` or `Int32Array` lists the selected incidents' indices.
 */
export type IncidentSelection = Uint8Array | Uint32Array | Int32Array;

export interface DataCoverage {
  precision: TimePrecision;
  /** Earliest and latest record of the whole data set (NaN when there is none). */
  firstMs: number;
  lastMs: number;
  /** 00:00 of the first day (1st of the first month at month precision) with a record. */
  coverageStartMs: number;
  /** Exclusive end of the last complete day (month at month precision). */
  completeThroughMs: number;
  /** The rule that set `completeThroughMs`, in words, for the methods log. */
  rule: string;
}

export interface TimeSeriesPeriod {
  startMs: number;
  /** Exclusive end. */
  endMs: number;
  /** Selected incidents starting in the period. */
  count: number;
  /** Coverage or the range takes in only part of the period. */
  partial: boolean;
  /** The whole data set has no record in the period (a hole in the extract), so 0 means "unknown". */
  missing: boolean;
}

export interface CategorySeries {
  code: number;
  /** Selected incidents of this category in the range. */
  total: number;
  /** Counts aligned with `TimeSeriesResult.series` (same periods, same partial/missing flags). */
  counts: Float64Array;
  trend: MannKendallResult;
  senSlope: SenSlopeResult;
}

export interface TimeSeriesResult {
  by: TimeBin;
  coverage: DataCoverage;
  series: TimeSeriesPeriod[];
  /** Mann-Kendall on the complete, non-missing periods. */
  trend: MannKendallResult;
  /** Sen's slope in incidents per period; intercept = fitted count at `series[0]`. */
  senSlope: SenSlopeResult;
  /** Present when `categories` was given: one entry per category with a selected incident. */
  byCategory?: CategorySeries[];
  /** Why no series was made (day or week bins on month-only dates). */
  declined?: string;
}

export interface TimeSeriesOptions {
  /** Period length; defaults to 'month'. */
  by?: TimeBin;
  /** How precise the data's times are; defaults to 'minute'. */
  precision?: TimePrecision;
  /** The filtered incidents (mask or indices); defaults to all. */
  selection?: IncidentSelection;
  /** Category code per incident, for a series per category. */
  categories?: Uint16Array;
  /** Start of the time range wanted (floating ms), e.g. a brushed date filter; defaults to the data's. */
  rangeStartMs?: number;
  /** Exclusive end of the time range wanted; defaults to the data's. */
  rangeEndMs?: number;
  /** When the extract was taken (floating ms); days (months) that ended by then are complete. */
  extractedAtMs?: number;
  /** Fewest records a period the whole data set must average before an empty period is a gap; 5. */
  gapMinMeanPerPeriod?: number;
  /** Significance level of the trend label; 0.05. */
  alpha?: number;
}

/** The indices a selection picks out of `count` incidents, in increasing order for a mask. */
export function selectedIndices(
  selection: IncidentSelection | undefined,
  count: number,
): Uint32Array | Int32Array {
  if (selection === undefined) {
    const all = new Uint32Array(count);
    for (let i = 0; i < count; i++) all[i] = i;
    return all;
  }
  if (!(selection instanceof Uint8Array)) return selection;
  if (selection.length !== count) {
    throw new RangeError(
      `selection mask has ${selection.length} entries for ${count} incidents; a Uint8Array is a mask, pass indices as Uint32Array`,
    );
  }
  let n = 0;
  for (let i = 0; i < count; i++) if (selection[i] !== 0) n++;
  const out = new Uint32Array(n);
  n = 0;
  for (let i = 0; i < count; i++) if (selection[i] !== 0) out[n++] = i;
  return out;
}

/** Coverage of the whole data set: first and last record, coverage start, complete-through time. */
export function dataCoverage(
  startMs: Float64Array,
  options: { precision?: TimePrecision; extractedAtMs?: number } = {},
): DataCoverage {
  const precision = options.precision ?? 'minute';
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (let i = 0; i < startMs.length; i++) {
    const t = startMs[i];
    if (t < firstMs) firstMs = t;
    if (t > lastMs) lastMs = t;
  }
  if (firstMs === Infinity) {
    return {
      precision,
      firstMs: NaN,
      lastMs: NaN,
      coverageStartMs: NaN,
      completeThroughMs: NaN,
      rule: 'no records',
    };
  }
  const extracted = options.extractedAtMs;
  if (precision === 'month') {
    const coverageStartMs = startOfMonth(firstMs);
    const endOfLastMonth = addMonths(startOfMonth(lastMs), 1);
    if (extracted !== undefined && startOfMonth(extracted) < endOfLastMonth) {
      const completeThroughMs = startOfMonth(extracted);
      return {
        precision,
        firstMs,
        lastMs,
        coverageStartMs,
        completeThroughMs,
        rule: `months that ended before the extract (${formatIsoDate(extracted)}) are complete: through ${formatIsoMonth(completeThroughMs - 1)}`,
      };
    }
    return {
      precision,
      firstMs,
      lastMs,
      coverageStartMs,
      completeThroughMs: endOfLastMonth,
      rule: `month-only dates are published a whole month at a time: the last month present (${formatIsoMonth(lastMs)}) is complete`,
    };
  }
  const coverageStartMs = startOfDay(firstMs);
  const lastDay = startOfDay(lastMs);
  if (extracted !== undefined) {
    const completeThroughMs = Math.min(lastDay + MS_PER_DAY, startOfDay(extracted));
    return {
      precision,
      firstMs,
      lastMs,
      coverageStartMs,
      completeThroughMs,
      rule: `days that ended by the extract (${formatIsoDate(extracted)}), up to the last day with records, are complete: through ${formatIsoDate(completeThroughMs - 1)}`,
    };
  }
  if (precision === 'minute' && hourOfDay(lastMs) === 23) {
    return {
      precision,
      firstMs,
      lastMs,
      coverageStartMs,
      completeThroughMs: lastDay + MS_PER_DAY,
      rule: `the data reach the last hour of their last day (${formatIsoDate(lastMs)}), so that day is complete`,
    };
  }
  return {
    precision,
    firstMs,
    lastMs,
    coverageStartMs,
    completeThroughMs: lastDay,
    rule:
      precision === 'day'
        ? `dates without times cannot show the last day (${formatIsoDate(lastMs)}) was over: complete through the day before`
        : `the data stop before the last hour of their last day (${formatIsoDate(lastMs)}), portals lag: complete through the day before`,
  };
}

/** Period number of a day number: days, Monday-start weeks since 1969-12-29, or months since 1970-01. */
function periodOfDay(day: number, by: TimeBin): number {
  if (by === 'day') return day;
  if (by === 'week') return Math.floor((day + 3) / 7); // day 4 (1970-01-05) was a Monday
  const { year, month } = civilFromDays(day);
  return (year - 1970) * 12 + month - 1;
}

/** Start (floating ms) of a period number. */
export function periodStartMs(period: number, by: TimeBin): number {
  if (by === 'day') return period * MS_PER_DAY;
  if (by === 'week') return (period * 7 - 3) * MS_PER_DAY;
  const year = 1970 + Math.floor(period / 12);
  return floatingMs(year, period - (year - 1970) * 12 + 1, 1);
}

/** Period number of a floating time. */
export function periodOf(ms: number, by: TimeBin): number {
  return by === 'month' ? monthIndex(ms) : periodOfDay(dayNumber(ms), by);
}

/** Counts of the selected incidents by period, coverage flags and the trend of complete periods. */
export function timeSeries(
  startMs: Float64Array,
  options: TimeSeriesOptions = {},
): TimeSeriesResult {
  const by = options.by ?? 'month';
  const precision = options.precision ?? 'minute';
  const gapMinMean = options.gapMinMeanPerPeriod ?? 5;
  const alpha = options.alpha ?? 0.05;
  const coverage = dataCoverage(startMs, { precision, extractedAtMs: options.extractedAtMs });
  const empty = (declined?: string): TimeSeriesResult => ({
    by,
    coverage,
    series: [],
    trend: mannKendall([]),
    senSlope: senSlope([]),
    ...(options.categories ? { byCategory: [] } : {}),
    ...(declined === undefined ? {} : { declined }),
  });
  if (precision === 'month' && by !== 'month') {
    return empty(
      `The dates are months only (as police.uk publishes them): counting by ${by} would put every record on the 1st of its month. Use monthly counts.`,
    );
  }
  if (Number.isNaN(coverage.firstMs)) return empty();

  const rangeStart = Math.max(coverage.firstMs, options.rangeStartMs ?? -Infinity);
  const rangeEnd = Math.min(coverage.lastMs + 1, options.rangeEndMs ?? Infinity);
  if (!(rangeEnd > rangeStart)) return empty();
  const firstPeriod = periodOf(rangeStart, by);
  const lastPeriod = periodOf(rangeEnd - 1, by);
  const periodCount = lastPeriod - firstPeriod + 1;

  // Every incident's period through a day → period table over the days in range: one civil-date
  // conversion a day instead of one an incident.
  const firstDay = dayNumber(periodStartMs(firstPeriod, by));
  const dayCount = dayNumber(periodStartMs(lastPeriod + 1, by)) - firstDay;
  const periodOfDayTable = new Int32Array(dayCount);
  for (let d = 0; d < dayCount; d++)
    periodOfDayTable[d] = periodOfDay(firstDay + d, by) - firstPeriod;
  const periodIndex = (t: number): number =>
    t >= rangeStart && t < rangeEnd ? periodOfDayTable[Math.floor(t / MS_PER_DAY) - firstDay] : -1;

  const datasetCounts = new Float64Array(periodCount);
  for (let i = 0; i < startMs.length; i++) {
    const p = periodIndex(startMs[i]);
    if (p >= 0) datasetCounts[p]++;
  }
  const indices = selectedIndices(options.selection, startMs.length);
  const counts = new Float64Array(periodCount);
  const categories = options.categories;
  let categoryCounts: Map<number, Float64Array> | undefined;
  if (categories) categoryCounts = new Map();
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    const p = periodIndex(startMs[i]);
    if (p < 0) continue;
    counts[p]++;
    if (categories && categoryCounts) {
      const code = categories[i];
      let row = categoryCounts.get(code);
      if (!row) {
        row = new Float64Array(periodCount);
        categoryCounts.set(code, row);
      }
      row[p]++;
    }
  }

  const effectiveStart = Math.max(coverage.coverageStartMs, options.rangeStartMs ?? -Infinity);
  const effectiveEnd = Math.min(coverage.completeThroughMs, options.rangeEndMs ?? Infinity);
  let datasetTotal = 0;
  for (let p = 0; p < periodCount; p++) datasetTotal += datasetCounts[p];
  const gapsPossible = datasetTotal / periodCount >= gapMinMean;

  const series: TimeSeriesPeriod[] = [];
  const usable = new Uint8Array(periodCount);
  for (let p = 0; p < periodCount; p++) {
    const start = periodStartMs(firstPeriod + p, by);
    const end = periodStartMs(firstPeriod + p + 1, by);
    const partial = start < effectiveStart || end > effectiveEnd;
    const missing = gapsPossible && datasetCounts[p] === 0;
    usable[p] = partial || missing ? 0 : 1;
    series.push({ startMs: start, endMs: end, count: counts[p], partial, missing });
  }
  const trendOf = (c: Float64Array) => {
    const values = new Float64Array(periodCount);
    for (let p = 0; p < periodCount; p++) values[p] = usable[p] ? c[p] : NaN;
    return { trend: mannKendall(values, { alpha }), senSlope: senSlope(values) };
  };

  const result: TimeSeriesResult = { by, coverage, series, ...trendOf(counts) };
  if (categoryCounts) {
    result.byCategory = [...categoryCounts.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([code, c]) => {
        let total = 0;
        for (let p = 0; p < periodCount; p++) total += c[p];
        return { code, total, counts: c, ...trendOf(c) };
      });
  }
  return result;
}
