/**
 * The CompStat change table: for the whole selection, every category and every group of categories
 * (optionally inside one area), the incidents of the last 7, 28 and 365 days up to the data's
 * complete-through date, against the period just before and the same period a year earlier — the
 * count, the % change, and whether the change is larger than chance.
 *
 * Method: the weekly CompStat report of the NYPD (W. J. Bratton & P. Knobler 1998, Turnaround,
 * Random House; V. E. Henry 2002, The COMPSTAT Paradigm, Looseleaf Law) — week-to-date, 28-day and
 * year-to-date counts with % change. The chance test is `poissonRateTest` (R's `poisson.test`,
 * the exact conditional binomial test of two Poisson counts), with each period's length in days as
 * its exposure.
 *
 * Periods (E = `completeThroughMs`, the end of the last complete day; every period ends before it, so
 * a portal's lag never reads as a fall):
 * - current: [E − W days, E); previous: [E − 2W, E − W);
 * - a year earlier: the current period moved back 364 days (52 weeks), so that a 7- or 28-day period
 *   is compared with the same weekdays; for windows of 364 days or more the year earlier is the
 *   previous period itself (the same numbers appear in both columns).
 * - Month-only dates (police.uk): a day count cannot be formed, so the 7-day window is declined with a
 *   reason, the 28-day window becomes the last complete month (against the month before and the same
 *   month a year earlier) and the 365-day window the last twelve months; months of different lengths
 *   are tested with their days as exposures.
 * - A comparison period is unavailable (count NaN, with the reason) when the data do not reach back to
 *   its start, or when it holds a gap: a day (a month, for month-only dates; and for day-level data a
 *   whole calendar month too) with no record at all in the whole data set, although the data set
 *   averages at least `gapMinMeanPerPeriod` records a day (a month) — the rule of `timeSeries`.
 *
 * Change: changePercent = (current − earlier) / earlier · 100 on counts. When the earlier count is 0
 * and the current one is not, changePercent is NaN and `isNew` is true (print "new"); 0 against 0 is
 * 0 %. p-values are per comparison, not corrected for the number of rows (30 categories with two
 * comparisons each give about three "significant" rows at α = 0.05 by chance alone).
 *
 * Sort key (within each window): first the rows with a real change — the smaller p of their two
 * comparisons below α — by the size of that change in incidents, |current − earlier|, largest
 * first (ties: smaller p first); then the other rows by that smaller p, smallest first. The total
 * (every selected incident) is kept apart in `total`.
 *
 * Units: times are floating wall-clock ms (calendar.ts); counts are incidents; rate ratios are per
 * day. Complexity: O(n · windows) for n incidents plus O(rows) tests.
 *
 * @example
 * // Complete through Monday 8 January 2024; 5 burglaries from 1 to 7 January (current 7 days),
 * // 1 from 25 to 31 December (previous): change +400 %, p = poisson.test(c(5, 1))$p.value = 0.21875
 * compstat(times, { categories, categoryNames, completeThroughMs: floatingMs(2024, 1, 8) });
 */
import {
  MS_PER_DAY,
  addMonths,
  dayNumber,
  formatIsoDate,
  formatIsoMonth,
  startOfMonth,
} from './calendar';
import { poissonRateTest } from './poissonRateTest';
import {
  dataCoverage,
  selectedIndices,
  type DataCoverage,
  type IncidentSelection,
  type TimePrecision,
} from './timeSeries';

export interface CompstatOptions {
  /** How precise the data's times are; defaults to 'minute'. */
  precision?: TimePrecision;
  /** The filtered incidents (mask or indices); defaults to all. */
  selection?: IncidentSelection;
  /** Incidents inside the chosen area (non-zero = inside); defaults to everywhere. */
  areaMask?: Uint8Array;
  /** Category code per incident; without it the table has only the total. */
  categories?: Uint16Array;
  /** Names of the category codes (index = code), for row labels. */
  categoryNames?: readonly string[];
  /** Named groups of category codes (e.g. "Property crime"), each a row. */
  groups?: readonly { name: string; codes: readonly number[] }[];
  /** Window lengths in days; defaults to [7, 28, 365]. */
  windowsDays?: readonly number[];
  /** End (exclusive) of the last complete day; defaults to `dataCoverage(…).completeThroughMs`. */
  completeThroughMs?: number;
  /** When the extract was taken, for the default complete-through date. */
  extractedAtMs?: number;
  /** Significance level; defaults to 0.05. */
  alpha?: number;
  /** Fewest records a day (month) the data set must average before an empty day (month) is a gap; 5. */
  gapMinMeanPerPeriod?: number;
}

export interface CompstatPeriod {
  startMs: number;
  /** Exclusive end. */
  endMs: number;
  /** Length in days (the exposure of the Poisson test). */
  days: number;
  available: boolean;
  /** Why the period is unavailable. */
  reason?: string;
}

export interface CompstatComparison {
  /** Incidents in the earlier period; NaN when the period is unavailable. */
  count: number;
  /** (current − earlier) / earlier · 100; NaN when new or unavailable. */
  changePercent: number;
  /** Earlier count 0, current count above 0: print "new". */
  isNew: boolean;
  /** Current rate over earlier rate, per day. */
  rateRatio: number;
  /** Two-sided p of the exact Poisson rate test; NaN when unavailable. */
  p: number;
  significant: boolean;
}

export interface CompstatRow {
  kind: 'all' | 'category' | 'group';
  /** Category code, or index into `groups`; −1 for the total. */
  code: number;
  label: string;
  current: number;
  previous: CompstatComparison;
  yearEarlier: CompstatComparison;
}

export interface CompstatWindow {
  /** '7 days', '28 days', '365 days'; '1 month', '12 months' for month-only dates. */
  label: string;
  /** Why this window has no rows (7 days on month-only dates, data too short). */
  declined?: string;
  current: CompstatPeriod;
  previous: CompstatPeriod;
  yearEarlier: CompstatPeriod;
  total: CompstatRow;
  /** Categories and groups with an incident in any of the three periods, sorted (see the doc block). */
  rows: CompstatRow[];
}

export interface CompstatResult {
  coverage: DataCoverage;
  completeThroughMs: number;
  windows: CompstatWindow[];
  /** The sort rule in words, for the table's footnote. */
  sortRule: string;
}

const YEAR_SHIFT_DAYS = 364;

export const COMPSTAT_SORT_RULE =
  'Rows whose change is larger than chance (p < α in either comparison) come first, largest change in incidents first; then the rest by p, smallest first.';

interface Window {
  label: string;
  declined?: string;
  current: [number, number];
  previous: [number, number];
  yearEarlier: [number, number];
}

function windowsFor(
  precision: TimePrecision,
  windowsDays: readonly number[],
  end: number,
): Window[] {
  return windowsDays.map((w) => {
    if (precision !== 'month') {
      const shift = w >= YEAR_SHIFT_DAYS ? w : YEAR_SHIFT_DAYS;
      return {
        label: `${w} days`,
        current: [end - w * MS_PER_DAY, end],
        previous: [end - 2 * w * MS_PER_DAY, end - w * MS_PER_DAY],
        yearEarlier: [end - (shift + w) * MS_PER_DAY, end - shift * MS_PER_DAY],
      };
    }
    const months = Math.max(1, Math.round(w / 30.4375));
    const label = months === 1 ? '1 month' : `${months} months`;
    const shift = Math.max(12, months);
    const window: Window = {
      label,
      current: [addMonths(end, -months), end],
      previous: [addMonths(end, -2 * months), addMonths(end, -months)],
      yearEarlier: [addMonths(end, -shift - months), addMonths(end, -shift)],
    };
    if (w < 28) {
      window.label = `${w} days`;
      window.declined = `The dates are months only (as police.uk publishes them), so a ${w}-day count cannot be formed; compare months instead.`;
    }
    return window;
  });
}

/** The change table (see the doc block). */
export function compstat(startMs: Float64Array, options: CompstatOptions = {}): CompstatResult {
  const precision = options.precision ?? 'minute';
  const alpha = options.alpha ?? 0.05;
  const gapMinMean = options.gapMinMeanPerPeriod ?? 5;
  const coverage = dataCoverage(startMs, { precision, extractedAtMs: options.extractedAtMs });
  const end = options.completeThroughMs ?? coverage.completeThroughMs;
  const windows = windowsFor(precision, options.windowsDays ?? [7, 28, 365], end);

  // Whole-data-set counts by day (by month: the 1st of each month), for the gap rule.
  const gaps = gapFinder(startMs, precision, coverage, gapMinMean);
  const periodOf = (range: [number, number], what: string): CompstatPeriod => {
    const [startMsOf, endMsOf] = range;
    const days = Math.round((endMsOf - startMsOf) / MS_PER_DAY);
    let reason: string | undefined;
    if (Number.isNaN(coverage.coverageStartMs)) reason = 'There are no records.';
    else if (startMsOf < coverage.coverageStartMs) {
      reason = `The data start on ${formatIsoDate(coverage.coverageStartMs)}, after the ${what} period begins (${formatIsoDate(startMsOf)}).`;
    } else {
      const gap = gaps(startMsOf, endMsOf);
      if (gap !== undefined)
        reason = `The data set has no records at all in ${gap}: a gap in the extract.`;
    }
    return {
      startMs: startMsOf,
      endMs: endMsOf,
      days,
      available: reason === undefined,
      ...(reason === undefined ? {} : { reason }),
    };
  };

  // counts[(window · 3 + slot) · codeCount + code], slot 0 current, 1 previous, 2 a year earlier
  const categories = options.categories;
  let codeCount = 1;
  if (categories) {
    for (let i = 0; i < categories.length; i++)
      if (categories[i] + 1 > codeCount) codeCount = categories[i] + 1;
    codeCount = Math.max(codeCount, options.categoryNames?.length ?? 0);
  }
  const slotBounds = new Float64Array(windows.length * 6);
  windows.forEach((w, k) => {
    [w.current, w.previous, w.yearEarlier].forEach(([a, b], slot) => {
      slotBounds[(k * 3 + slot) * 2] = a;
      slotBounds[(k * 3 + slot) * 2 + 1] = b;
    });
  });
  const slots = windows.length * 3;
  const counts = new Float64Array(slots * codeCount);
  const indices = selectedIndices(options.selection, startMs.length);
  const area = options.areaMask;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (area && area[i] === 0) continue;
    const t = startMs[i];
    const code = categories ? categories[i] : 0;
    for (let s = 0; s < slots; s++) {
      if (t >= slotBounds[2 * s] && t < slotBounds[2 * s + 1]) counts[s * codeCount + code]++;
    }
  }

  const allCodes = Array.from({ length: codeCount }, (_, c) => c);

  const result: CompstatWindow[] = windows.map((w, k) => {
    const current = periodOf(w.current, 'current');
    const previous = periodOf(w.previous, 'previous');
    const yearEarlier = periodOf(w.yearEarlier, 'year-earlier');
    const sum = (slot: number, codes: readonly number[]) => {
      let total = 0;
      for (const c of codes) total += counts[(k * 3 + slot) * codeCount + c];
      return total;
    };
    const rowOf = (
      kind: CompstatRow['kind'],
      code: number,
      label: string,
      codes: readonly number[],
    ): CompstatRow => {
      const now = sum(0, codes);
      return {
        kind,
        code,
        label,
        current: now,
        previous: compare(now, current, sum(1, codes), previous, alpha),
        yearEarlier: compare(now, current, sum(2, codes), yearEarlier, alpha),
      };
    };
    const declined =
      w.declined ??
      (current.available
        ? undefined
        : `The ${w.label} up to ${formatIsoDate(end - 1)} are not covered: ${current.reason}`);
    const total: CompstatRow = declined
      ? {
          kind: 'all',
          code: -1,
          label: 'All selected incidents',
          current: NaN,
          previous: UNAVAILABLE,
          yearEarlier: UNAVAILABLE,
        }
      : rowOf('all', -1, 'All selected incidents', allCodes);
    const rows: CompstatRow[] = [];
    if (!declined) {
      for (let c = 0; categories && c < codeCount; c++) {
        const row = rowOf('category', c, options.categoryNames?.[c] ?? `Category ${c}`, [c]);
        if (row.current > 0 || row.previous.count > 0 || row.yearEarlier.count > 0) rows.push(row);
      }
      (options.groups ?? []).forEach((g, gi) => {
        const codes = [...new Set(g.codes)].filter((c) => c < codeCount);
        const row = rowOf('group', gi, g.name, codes);
        if (row.current > 0 || row.previous.count > 0 || row.yearEarlier.count > 0) rows.push(row);
      });
      rows.sort(byRealChange);
    }
    return {
      label: w.label,
      ...(declined === undefined ? {} : { declined }),
      current,
      previous,
      yearEarlier,
      total,
      rows,
    };
  });
  return { coverage, completeThroughMs: end, windows: result, sortRule: COMPSTAT_SORT_RULE };
}

const UNAVAILABLE: CompstatComparison = Object.freeze({
  count: NaN,
  changePercent: NaN,
  isNew: false,
  rateRatio: NaN,
  p: NaN,
  significant: false,
});

function compare(
  now: number,
  currentPeriod: CompstatPeriod,
  earlier: number,
  earlierPeriod: CompstatPeriod,
  alpha: number,
): CompstatComparison {
  if (!earlierPeriod.available || !currentPeriod.available) return UNAVAILABLE;
  const test = poissonRateTest(now, earlier, {
    exposure1: currentPeriod.days,
    exposure2: earlierPeriod.days,
  });
  const isNew = earlier === 0 && now > 0;
  return {
    count: earlier,
    changePercent: earlier > 0 ? ((now - earlier) / earlier) * 100 : isNew ? NaN : 0,
    isNew,
    rateRatio: test.rateRatio,
    p: test.p,
    significant: test.p < alpha,
  };
}

/** The comparison with the smaller p (NaN-safe), which decides the row's place. */
function strongest(row: CompstatRow): CompstatComparison | undefined {
  const a = row.previous;
  const b = row.yearEarlier;
  if (Number.isNaN(a.p)) return Number.isNaN(b.p) ? undefined : b;
  if (Number.isNaN(b.p)) return a;
  return b.p < a.p ? b : a;
}

function byRealChange(x: CompstatRow, y: CompstatRow): number {
  const sx = strongest(x);
  const sy = strongest(y);
  if (!sx || !sy) return sx ? -1 : sy ? 1 : 0;
  if (sx.significant !== sy.significant) return sx.significant ? -1 : 1;
  if (sx.significant) {
    const dx = Math.abs(x.current - sx.count);
    const dy = Math.abs(y.current - sy.count);
    if (dx !== dy) return dy - dx;
  }
  return sx.p - sy.p;
}

/**
 * A function naming the first gap in [startMs, endMs) — a day (month) without any record although
 * the data set averages ≥ gapMinMean a day (month) — or undefined.
 */
function gapFinder(
  startMs: Float64Array,
  precision: TimePrecision,
  coverage: DataCoverage,
  gapMinMean: number,
): (startMs: number, endMs: number) => string | undefined {
  if (Number.isNaN(coverage.firstMs)) return () => undefined;
  const firstDay = dayNumber(coverage.coverageStartMs);
  const dayCount = dayNumber(coverage.lastMs) - firstDay + 1;
  const perDay = new Float64Array(dayCount);
  for (let i = 0; i < startMs.length; i++) {
    const d = dayNumber(startMs[i]) - firstDay;
    if (d >= 0 && d < dayCount) perDay[d]++;
  }
  const total = perDay.reduce((a, b) => a + b, 0);
  // Months: the 1st of each month → its count (whole months inside the data only).
  const perMonth = new Map<number, number>();
  const monthStarts: number[] = [];
  for (let m = startOfMonth(coverage.coverageStartMs); m <= coverage.lastMs; m = addMonths(m, 1)) {
    monthStarts.push(m);
    let c = 0;
    const a = dayNumber(m) - firstDay;
    const b = Math.min(dayNumber(addMonths(m, 1)) - firstDay, dayCount);
    for (let d = Math.max(a, 0); d < b; d++) c += perDay[d];
    perMonth.set(m, c);
  }
  const monthGapsPossible = monthStarts.length > 0 && total / monthStarts.length >= gapMinMean;
  const dayGapsPossible = precision !== 'month' && total / dayCount >= gapMinMean;
  return (from, to) => {
    if (dayGapsPossible) {
      const a = Math.max(dayNumber(from) - firstDay, 0);
      const b = Math.min(dayNumber(to - 1) - firstDay + 1, dayCount);
      for (let d = a; d < b; d++) {
        if (perDay[d] === 0) return formatIsoDate((firstDay + d) * MS_PER_DAY);
      }
    }
    if (monthGapsPossible) {
      for (const m of monthStarts) {
        if (m < to && addMonths(m, 1) > from && perMonth.get(m) === 0) return formatIsoMonth(m);
      }
    }
    return undefined;
  };
}
