/**
 * CSV exports of the time panel's tables — the series with its trend line, the changes by category,
 * the day × hour table and the CompStat change table — each with the methods log as leading `#`
 * lines (pandas `comment='#'`, R `comment.char = '#'` and QGIS skip them).
 */
import { formatIsoDate } from '../../analysis/calendar';
import type { CompstatComparison } from '../../analysis/compstat';
import { formatChange, type CompstatJobResult } from '../jobs/compstatJob';
import type { DayHourResult } from '../jobs/dayHourJob';
import type { TrendResult } from '../jobs/trendJob';

type Cell = number | string | boolean;

function csvValue(v: Cell): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

function csv(log: string[], header: string[], rows: Cell[][]): string {
  const lines = log.map((l) => `# ${l.replace(/\r?\n/g, ' ')}`);
  lines.push(header.join(','));
  for (const row of rows) lines.push(row.map(csvValue).join(','));
  return `${lines.join('\n')}\n`;
}

/** One row a period: start, end (inclusive last day), count, flags, Sen's line. */
export function seriesToCsv(result: TrendResult): string {
  const rows = Array.from(result.periodStartMs, (t, i): Cell[] => [
    formatIsoDate(t),
    formatIsoDate(result.periodEndMs[i] - 1),
    result.missing[i] ? '' : result.counts[i],
    result.partial[i] === 1,
    result.missing[i] === 1,
    result.trendLine[i],
  ]);
  return csv(
    [...result.log, `Test: ${result.sentence}`],
    ['period_start', 'period_end', 'count', 'partial', 'missing', 'sen_line'],
    rows,
  );
}

/** The monthly trend of every group and category. */
export function changesToCsv(result: TrendResult): string {
  const rows = result.changes.map((c): Cell[] => [
    c.kind,
    c.label,
    c.total,
    c.meanPerMonth,
    c.slopePerMonth,
    c.trend.n,
    c.trend.S,
    c.trend.z,
    c.trend.p,
    c.trend.tau,
    c.trend.trend,
  ]);
  return csv(
    result.log,
    [
      'kind',
      'name',
      'incidents',
      'mean_per_month',
      'sen_slope_per_month',
      'months_tested',
      'S',
      'z',
      'p',
      'tau',
      'trend',
    ],
    rows,
  );
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The 7 × 24 table as a matrix: one row a day, one column an hour, with totals. */
export function dayHourToCsv(result: DayHourResult): string {
  const hours = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);
  const rows: Cell[][] = DAYS.map((day, d) => [
    day,
    ...Array.from(result.table.subarray(d * 24, d * 24 + 24)),
    result.byDay[d],
  ]);
  rows.push(['total', ...Array.from(result.byHour), result.incidents]);
  return csv([...result.log, ...result.summary], ['day', ...hours, 'total'], rows);
}

function comparisonCells(c: CompstatComparison): Cell[] {
  return [c.count, formatChange(c), c.changePercent, c.p, c.significant];
}

/** Every window's rows (the total first), with the periods' dates. */
export function compstatToCsv(result: CompstatJobResult): string {
  const rows: Cell[][] = [];
  const log = [...result.log];
  for (const w of result.windows) {
    const span = (p: { startMs: number; endMs: number }) =>
      `${formatIsoDate(p.startMs)} to ${formatIsoDate(p.endMs - 1)}`;
    log.push(
      w.declined
        ? `${w.label}: declined — ${w.declined}`
        : `${w.label}: current ${span(w.current)}; previous ${span(w.previous)}${w.previous.available ? '' : ` (unavailable: ${w.previous.reason})`}; a year earlier ${span(w.yearEarlier)}${w.yearEarlier.available ? '' : ` (unavailable: ${w.yearEarlier.reason})`}`,
    );
    if (w.declined) continue;
    for (const r of [w.total, ...w.rows]) {
      rows.push([
        w.label,
        r.kind,
        r.label,
        r.current,
        ...comparisonCells(r.previous),
        ...comparisonCells(r.yearEarlier),
      ]);
    }
  }
  return csv(
    log,
    [
      'window',
      'kind',
      'offence',
      'current',
      'previous',
      'previous_change',
      'previous_change_percent',
      'previous_p',
      'previous_significant',
      'year_earlier',
      'year_earlier_change',
      'year_earlier_change_percent',
      'year_earlier_p',
      'year_earlier_significant',
    ],
    rows,
  );
}
