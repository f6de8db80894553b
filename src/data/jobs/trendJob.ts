/**
 * Trend job (issue 6, "when crime happens and how it is changing"): counts by day, week or month of
 * the filtered incidents (or one category or offence group of them), with the data's
 * complete-through date, partial and missing periods, the Mann-Kendall test and Sen's slope on the
 * complete periods in words, the month-of-year profile and year-over-year lines, and a table of
 * every category's and group's monthly trend (which types are rising).
 *
 * The page runs it on the filter without its date range, so brushing the chart or playing the map
 * through time never recomputes the series that drew them (the range is shaded instead).
 */
import { formatIsoDate, formatIsoMonth } from '../../analysis/calendar';
import type { MannKendallResult } from '../../analysis/mannKendall';
import {
  seasonalProfile,
  yearOverYear,
  type SeasonalProfileResult,
  type YearOverYearLine,
} from '../../analysis/seasonalProfile';
import type { SenSlopeResult } from '../../analysis/senSlope';
import {
  timeSeries,
  type DataCoverage,
  type TimeBin,
  type TimeSeriesResult,
} from '../../analysis/timeSeries';
import { OFFENCE_GROUPS, type TimePrecision } from '../incidentTable';
import type { Job } from './jobTypes';
import {
  ALL_SUBJECT,
  analysisPrecision,
  fullLengthCodes,
  groupLabel,
  n,
  subjectOf,
  trendSentence,
  type SubjectKind,
} from './timeCommon';

export interface TrendParams {
  /** Period length; defaults to 'month'. */
  by?: TimeBin;
  /** The series to describe: 'all' (default), 'category:NAME' or 'group:NAME'. */
  focus?: string;
  /** Significance level of the trend test; defaults to 0.05. */
  alpha?: number;
  /** Fewest records a period the data set must average before an empty period is a gap; 5. */
  gapMinMeanPerPeriod?: number;
}

/** The monthly trend of one category or group (the "what is changing" table). */
export interface TrendChange {
  key: string;
  kind: SubjectKind;
  label: string;
  total: number;
  /** Mean count a complete month. */
  meanPerMonth: number;
  trend: MannKendallResult;
  /** Sen's slope, incidents a month. */
  slopePerMonth: number;
  sentence: string;
}

export interface TrendResult {
  by: TimeBin;
  precision: TimePrecision;
  /** Why no series at this period length (days or weeks of month-only data). */
  declined: string | null;
  coverage: DataCoverage;
  /** Last complete day, ISO date ('' when there are no records). */
  completeThrough: string;
  focus: { key: string; kind: SubjectKind; label: string; total: number };
  periodStartMs: Float64Array;
  periodEndMs: Float64Array;
  counts: Float64Array;
  /** 1 where coverage takes in only part of the period (left out of the test). */
  partial: Uint8Array;
  /** 1 where the whole data set has no record (a gap in the extract; left out of the test). */
  missing: Uint8Array;
  trend: MannKendallResult;
  /** Incidents a period; intercept = fitted count of the first period. */
  senSlope: SenSlopeResult;
  /** Sen's line at each period from the first to the last complete period, NaN elsewhere. */
  trendLine: Float64Array;
  /** The test in words. */
  sentence: string;
  /** Month-of-year profile of the focus series (from monthly counts). */
  seasonal: SeasonalProfileResult | null;
  /** One line a year: by month, or by ISO week when the series is weekly. */
  yearOverYear: { by: 'month' | 'week'; lines: YearOverYearLine[] } | null;
  /** Monthly trend of every offence group and category with a selected incident, changes first. */
  changes: TrendChange[];
  alpha: number;
  summary: string[];
  log: string[];
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function flags(ts: TimeSeriesResult): { partial: Uint8Array; missing: Uint8Array } {
  return {
    partial: Uint8Array.from(ts.series, (p) => (p.partial ? 1 : 0)),
    missing: Uint8Array.from(ts.series, (p) => (p.missing ? 1 : 0)),
  };
}

function usableMean(counts: ArrayLike<number>, ts: TimeSeriesResult): number {
  let sum = 0;
  let m = 0;
  ts.series.forEach((p, i) => {
    if (!p.partial && !p.missing) {
      sum += counts[i];
      m++;
    }
  });
  return m > 0 ? sum / m : NaN;
}

/** Significant changes first, the largest relative to their mean first; then the rest by p. */
function byChange(a: TrendChange, b: TrendChange): number {
  const sa = a.trend.trend !== 'no trend';
  const sb = b.trend.trend !== 'no trend';
  if (sa !== sb) return sa ? -1 : 1;
  if (sa) {
    const ra = Math.abs(a.slopePerMonth) / (a.meanPerMonth || 1);
    const rb = Math.abs(b.slopePerMonth) / (b.meanPerMonth || 1);
    if (ra !== rb) return rb - ra;
  }
  return a.trend.p - b.trend.p;
}

export const trendJob: Job<TrendParams, TrendResult> = (input, params, progress) => {
  const by = params.by ?? 'month';
  const alpha = params.alpha ?? 0.05;
  const gapMinMeanPerPeriod = params.gapMinMeanPerPeriod ?? 5;
  const precision = analysisPrecision(input.timePrecision);
  const log = [...input.logHeader];
  const subject = subjectOf(input, params.focus ?? ALL_SUBJECT);
  const common = { precision, alpha, gapMinMeanPerPeriod };

  progress(0.1, `counting by ${by}`);
  const ts = timeSeries(input.allTimeMs, { ...common, by, selection: subject.indices });
  const monthly =
    by === 'month'
      ? ts
      : timeSeries(input.allTimeMs, { ...common, by: 'month', selection: subject.indices });
  const coverage = ts.coverage;
  const completeThrough = Number.isFinite(coverage.completeThroughMs)
    ? formatIsoDate(coverage.completeThroughMs - 1)
    : '';

  log.push(
    `Series: ${subject.label} (${n(subject.indices.length)} incidents), counted by ${by}${by === 'week' ? ' (weeks start on Monday)' : ''}. The date filter is not applied to the series, so choosing dates on the chart does not change it.`,
    `Complete through ${completeThrough || '—'}: ${coverage.rule}.`,
    `Partial periods (coverage or the data's lag takes in only part of them) are shown but left out of the trend test.`,
    `Missing periods: a period with no record at all in the whole data set is a gap in the extract (not a zero) when the data set averages at least ${gapMinMeanPerPeriod} records a period (a Poisson zero is then below 0.7% likely); gaps are left out of the trend test and Sen's slope keeps the time index of the periods after them.`,
    `Trend test: Mann-Kendall (Mann 1945; Kendall 1975) as pyMannKendall's original_test — tie-corrected variance, continuity-corrected z, two-sided p, Kendall's τ-a; significance level α = ${alpha}.`,
    `Trend size: Sen's slope (Sen 1968), the median of pairwise slopes, in incidents ${by === 'day' ? 'a day' : by === 'week' ? 'a week' : 'a month'}.`,
    `Caution: the test assumes the periods are independent. A seasonal cycle and serial correlation (this week resembles last week) make its p too small, the more so the shorter the period (Hamed & Rao 1998, J. Hydrol. 204, give a corrected variance); the monthly test is the safer read.`,
  );

  const series = ts.series;
  const periodCount = series.length;
  const counts = Float64Array.from(series, (p) => p.count);
  const { partial, missing } = flags(ts);
  const trendLine = new Float64Array(periodCount).fill(NaN);
  let firstUsable = -1;
  let lastUsable = -1;
  series.forEach((p, i) => {
    if (!p.partial && !p.missing) {
      if (firstUsable < 0) firstUsable = i;
      lastUsable = i;
    }
  });
  if (Number.isFinite(ts.senSlope.slope)) {
    for (let i = firstUsable; i >= 0 && i <= lastUsable; i++)
      trendLine[i] = ts.senSlope.intercept + ts.senSlope.slope * i;
  }
  const sentence = ts.declined
    ? `${subject.label}: ${ts.declined}`
    : trendSentence(subject.label, ts.trend, ts.senSlope, by);
  if (ts.declined) log.push(`Declined: ${ts.declined}`);
  const partialCount = partial.reduce((a, b) => a + b, 0);
  const missingLabels = series
    .filter((p) => p.missing)
    .map((p) => (by === 'month' ? formatIsoMonth(p.startMs) : formatIsoDate(p.startMs)));
  if (!ts.declined) {
    log.push(
      `Result: ${periodCount} periods, ${partialCount} partial, ${missingLabels.length} missing${missingLabels.length > 0 ? ` (${missingLabels.slice(0, 12).join(', ')}${missingLabels.length > 12 ? ', …' : ''})` : ''}; Mann-Kendall on ${ts.trend.n}: S = ${ts.trend.S}, Var(S) = ${ts.trend.varS.toFixed(2)}, z = ${ts.trend.z.toFixed(3)}, p = ${ts.trend.p.toPrecision(3)}, τ = ${Number.isFinite(ts.trend.tau) ? ts.trend.tau.toFixed(3) : '—'}; Sen's slope ${Number.isFinite(ts.senSlope.slope) ? ts.senSlope.slope.toFixed(3) : '—'} a ${by}.`,
    );
  }

  progress(0.4, 'seasonal profile');
  let seasonal: SeasonalProfileResult | null = null;
  let yoy: TrendResult['yearOverYear'] = null;
  if (monthly.series.length > 0) {
    seasonal = seasonalProfile(monthly.series);
    yoy =
      by === 'week' && !ts.declined
        ? yearOverYear(ts.series, { by: 'week' })
        : yearOverYear(monthly.series, { by: 'month' });
    log.push(
      `Seasonal profile: mean count of each calendar month over ${seasonal.basis === 'completeYears' ? `the complete calendar years ${seasonal.years.join(', ')}` : 'every complete month'}; index = month mean ÷ mean of the twelve means (Hyndman & Athanasopoulos, FPP3 §3.4, without trend adjustment).${seasonal.note ? ` ${seasonal.note}` : ''}`,
    );
  }

  progress(0.6, 'trends by category and group');
  const changes: TrendChange[] = [];
  const categoryCodes = fullLengthCodes(input, (k) => input.category[k]);
  const groupCodes = fullLengthCodes(input, (k) => input.categoryGroup[input.category[k]]);
  const perCategory = timeSeries(input.allTimeMs, {
    ...common,
    by: 'month',
    selection: input.indices,
    categories: categoryCodes,
  });
  const perGroup = timeSeries(input.allTimeMs, {
    ...common,
    by: 'month',
    selection: input.indices,
    categories: groupCodes,
  });
  const addChanges = (
    result: TimeSeriesResult,
    kind: SubjectKind,
    name: (code: number) => string,
  ) => {
    for (const c of result.byCategory ?? []) {
      const label = name(c.code);
      changes.push({
        key: `${kind}:${kind === 'group' ? OFFENCE_GROUPS[c.code] : label}`,
        kind,
        label,
        total: c.total,
        meanPerMonth: usableMean(c.counts, result),
        trend: c.trend,
        slopePerMonth: c.senSlope.slope,
        sentence: trendSentence(label, c.trend, c.senSlope, 'month'),
      });
    }
  };
  addChanges(perGroup, 'group', (g) => groupLabel(OFFENCE_GROUPS[g]));
  addChanges(perCategory, 'category', (c) => input.categoryNames[c] || '(no category)');
  changes.sort(byChange);
  log.push(
    `Changes table: the same test on the monthly counts of each offence group and category (${changes.length} rows), ${changes.filter((c) => c.trend.trend !== 'no trend').length} significant at α = ${alpha} — not corrected for testing many rows (about 1 in 20 will look significant by chance).`,
  );

  const summary: string[] = [sentence.charAt(0).toUpperCase() + sentence.slice(1) + '.'];
  if (completeThrough) {
    summary.push(
      `Complete through ${completeThrough}${partialCount > 0 ? `; ${partialCount} partial period${partialCount === 1 ? '' : 's'} left out of the test` : ''}${missingLabels.length > 0 ? `; missing (gaps in the extract, not zeros): ${missingLabels.join(', ')}` : ''}.`,
    );
  }
  if (seasonal && seasonal.meanByMonth.some((v) => Number.isFinite(v))) {
    let hi = -1;
    let lo = -1;
    seasonal.meanByMonth.forEach((v, m) => {
      if (!Number.isFinite(v)) return;
      if (hi < 0 || v > seasonal.meanByMonth[hi]) hi = m;
      if (lo < 0 || v < seasonal.meanByMonth[lo]) lo = m;
    });
    summary.push(
      `Busiest month on average: ${MONTH_NAMES[hi]} (${n(Math.round(seasonal.meanByMonth[hi]))}); quietest: ${MONTH_NAMES[lo]} (${n(Math.round(seasonal.meanByMonth[lo]))}).`,
    );
  }
  if (by !== 'month' && !ts.declined && ts.trend.trend !== 'no trend') {
    summary.push(
      `Days and weeks follow each other closely and carry the seasons; the test assumes they do not, so its p is too small here. Check the monthly test.`,
    );
  }
  const moving = changes.filter((c) => c.kind === 'category' && c.trend.trend !== 'no trend');
  if (moving.length > 0) {
    summary.push(
      `Changing categories (monthly): ${moving
        .slice(0, 3)
        .map((c) => c.sentence)
        .join('; ')}${moving.length > 3 ? `; and ${moving.length - 3} more` : ''}.`,
    );
  }
  log.push(`In words: ${sentence}.`);

  progress(1, 'done');
  return {
    by,
    precision: input.timePrecision,
    declined: ts.declined ?? null,
    coverage,
    completeThrough,
    focus: {
      key: subject.key,
      kind: subject.kind,
      label: subject.label,
      total: subject.indices.length,
    },
    periodStartMs: Float64Array.from(series, (p) => p.startMs),
    periodEndMs: Float64Array.from(series, (p) => p.endMs),
    counts,
    partial,
    missing,
    trend: ts.trend,
    senSlope: ts.senSlope,
    trendLine,
    sentence,
    seasonal,
    yearOverYear: yoy,
    changes,
    alpha,
    summary,
    log,
  };
};

/** The series of a trend result as the command line prints it. */
export function trendJson(result: TrendResult): {
  by: TimeBin;
  subject: string;
  completeThrough: string;
  declined?: string;
  series: { start: string; count: number; partial: boolean; missing: boolean }[];
  n: number;
  S: number;
  varS: number;
  z: number;
  p: number;
  tau: number | null;
  trend: string;
  senSlope: number | null;
  intercept: number | null;
  sentence: string;
} {
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    by: result.by,
    subject: result.focus.label,
    completeThrough: result.completeThrough,
    ...(result.declined ? { declined: result.declined } : {}),
    series: Array.from(result.periodStartMs, (t, i) => ({
      start: formatIsoDate(t),
      count: result.counts[i],
      partial: result.partial[i] === 1,
      missing: result.missing[i] === 1,
    })),
    n: result.trend.n,
    S: result.trend.S,
    varS: result.trend.varS,
    z: result.trend.z,
    p: result.trend.p,
    tau: finite(result.trend.tau),
    trend: result.trend.trend,
    senSlope: finite(result.senSlope.slope),
    intercept: finite(result.senSlope.intercept),
    sentence: result.sentence,
  };
}
