/**
 * When in the year crime happens: the month-of-year profile (the mean count of each calendar month
 * over the years the data cover completely, with how many years stand behind each mean) and
 * year-over-year lines (one line a year, by month or by ISO week), drawn from a `timeSeries` result.
 *
 * Only whole-year means are comparable: a data set from March 2019 to July 2023 with a rising trend
 * would otherwise average January–July over five years and August–December over four earlier ones.
 * So the default basis is complete calendar years (all twelve months present, none partial or
 * missing), each month then backed by the same number of years. Where no year is complete (the
 * police.uk extract of 2017 misses January, October and November), the profile falls back to every
 * complete, present month and says so in `note`; `yearsByMonth` then differs between months.
 * The seasonal index is each month's mean over the mean of the twelve means (1 = an average month),
 * as in the classical ratio-to-moving-average decomposition (Hyndman & Athanasopoulos, Forecasting:
 * Principles and Practice, 3rd ed., §3.4), without the moving average: counts, not a trend-adjusted
 * series.
 *
 * Year-over-year lines put each year on the same axis: months 1–12, or ISO 8601 weeks 1–53 (Monday
 * start; week 1 holds the year's first Thursday; a week belongs to the year of its Thursday, so the
 * days of a week are never split between two lines). Partial and missing periods are NaN, never 0,
 * so a line stops where the data stop.
 *
 * Units: counts of incidents a month (a week); times are floating wall-clock ms (calendar.ts).
 * Complexity: O(P) for P periods.
 *
 * @example
 * // Two complete years with 10 incidents every January and 20 every other month (and nothing
 * // partial): meanByMonth = [10, 20, 20, …, 20], yearsByMonth = [2, 2, …, 2],
 * // index[0] = 10 / ((10 + 11·20)/12) = 0.5217
 * seasonalProfile(timeSeries(times, { by: 'month' }).series);
 */
import {
  MS_PER_DAY,
  addMonths,
  civilFromDays,
  dayNumber,
  daysFromCivil,
  startOfMonth,
  startOfWeek,
} from './calendar';

/** The fields of a `TimeSeriesPeriod` this module reads. */
export interface SeasonalPeriod {
  startMs: number;
  count: number;
  partial: boolean;
  missing: boolean;
}

export interface SeasonalProfileResult {
  /** Which periods the means use: whole calendar years, or every complete month (fallback). */
  basis: 'completeYears' | 'completeMonths';
  /** The complete calendar years behind the means (basis 'completeYears'). */
  years: number[];
  /** Mean count of each month of the year, January first; NaN where no year stands behind it. */
  meanByMonth: Float64Array;
  /** How many years each mean rests on. */
  yearsByMonth: Int32Array;
  /** meanByMonth over the mean of the twelve means (1 = an average month); NaN if any month lacks data. */
  index: Float64Array;
  /** Why the basis is not the one asked for, for the methods log. */
  note?: string;
}

export interface SeasonalProfileOptions {
  /** 'completeYears' (default) falls back to 'completeMonths' when no calendar year is complete. */
  basis?: 'completeYears' | 'completeMonths';
}

export interface YearOverYearLine {
  /** The calendar year (ISO week-year for weekly lines). */
  year: number;
  /** Counts by month (12) or ISO week (53) of that year; NaN where partial, missing or not covered. */
  counts: Float64Array;
}

function checkMonthly(series: readonly SeasonalPeriod[]): void {
  for (let k = 0; k < series.length; k++) {
    const t = series[k].startMs;
    const consecutive = k === 0 || addMonths(series[k - 1].startMs, 1) === t;
    if (startOfMonth(t) !== t || !consecutive) {
      throw new RangeError(
        'seasonalProfile needs a monthly series (timeSeries with by: "month"): consecutive periods starting on the 1st',
      );
    }
  }
}

function yearMonth(ms: number): { year: number; month: number } {
  const { year, month } = civilFromDays(dayNumber(ms));
  return { year, month };
}

/** Mean count by month of year over complete years (or complete months), with a seasonal index. */
export function seasonalProfile(
  series: readonly SeasonalPeriod[],
  options: SeasonalProfileOptions = {},
): SeasonalProfileResult {
  checkMonthly(series);
  const usable = (p: SeasonalPeriod) => !p.partial && !p.missing;

  // Calendar years with all twelve months usable.
  const usableMonths = new Map<number, number>();
  for (const p of series) {
    if (!usable(p)) continue;
    const { year } = yearMonth(p.startMs);
    usableMonths.set(year, (usableMonths.get(year) ?? 0) + 1);
  }
  const completeYears = [...usableMonths.entries()]
    .filter(([, months]) => months === 12)
    .map(([year]) => year)
    .sort((a, b) => a - b);

  let basis = options.basis ?? 'completeYears';
  let note: string | undefined;
  if (basis === 'completeYears' && completeYears.length === 0) {
    basis = 'completeMonths';
    note =
      'No calendar year is complete in these data, so each month of the year is averaged over the years where that month is complete; the months rest on different years and a trend can bias them.';
  }
  const inYears = new Set(completeYears);

  const sums = new Float64Array(12);
  const yearsByMonth = new Int32Array(12);
  for (const p of series) {
    if (!usable(p)) continue;
    const { year, month } = yearMonth(p.startMs);
    if (basis === 'completeYears' && !inYears.has(year)) continue;
    sums[month - 1] += p.count;
    yearsByMonth[month - 1]++;
  }
  const meanByMonth = new Float64Array(12);
  let meanOfMeans = 0;
  for (let m = 0; m < 12; m++) {
    meanByMonth[m] = yearsByMonth[m] > 0 ? sums[m] / yearsByMonth[m] : NaN;
    meanOfMeans += meanByMonth[m] / 12;
  }
  const index = meanByMonth.map((v) => v / meanOfMeans);
  return {
    basis,
    years: basis === 'completeYears' ? completeYears : [],
    meanByMonth,
    yearsByMonth,
    index,
    ...(note === undefined ? {} : { note }),
  };
}

/** ISO 8601 week-year and week number (1–53) of the Monday-start week beginning on `mondayMs`. */
export function isoWeekOf(mondayMs: number): { year: number; week: number } {
  const thursday = dayNumber(mondayMs) + 3;
  const { year } = civilFromDays(thursday);
  const janFirst = daysFromCivil(year, 1, 1);
  return { year, week: Math.floor((thursday - janFirst) / 7) + 1 };
}

/**
 * One line a year: counts by month (from a monthly series) or by ISO week (from a weekly series).
 * Periods that are partial or missing are NaN.
 */
export function yearOverYear(
  series: readonly SeasonalPeriod[],
  options: { by?: 'month' | 'week' } = {},
): { by: 'month' | 'week'; lines: YearOverYearLine[] } {
  const by = options.by ?? 'month';
  if (by === 'month') checkMonthly(series);
  else {
    for (let k = 0; k < series.length; k++) {
      const t = series[k].startMs;
      if (startOfWeek(t) !== t || (k > 0 && series[k - 1].startMs + 7 * MS_PER_DAY !== t)) {
        throw new RangeError(
          'yearOverYear by week needs a weekly series (timeSeries with by: "week"): consecutive weeks starting on Monday',
        );
      }
    }
  }
  const slots = by === 'month' ? 12 : 53;
  const lines = new Map<number, Float64Array>();
  for (const p of series) {
    let year: number;
    let slot: number;
    if (by === 'month') {
      const ym = yearMonth(p.startMs);
      year = ym.year;
      slot = ym.month - 1;
    } else {
      const yw = isoWeekOf(p.startMs);
      year = yw.year;
      slot = yw.week - 1;
    }
    let line = lines.get(year);
    if (!line) {
      line = new Float64Array(slots).fill(NaN);
      lines.set(year, line);
    }
    line[slot] = p.partial || p.missing ? NaN : p.count;
  }
  return {
    by,
    lines: [...lines.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([year, counts]) => ({ year, counts })),
  };
}
