/**
 * Day × hour job (issue 6): the 7 × 24 table of when the filtered incidents happen, incidents known
 * only as a from–to window spread over it by aoristic weighting (Ratcliffe 2002), or counted at
 * their start times only; likely default times (exactly 00:00, and 00:00 on the 1st of a month)
 * counted and flagged; month-only data declined with the reason.
 *
 * The page runs it on the filter without its day and hour parts, so clicking a cell (which sets
 * them) keeps the whole table in view, with the chosen cells marked.
 */
import { aoristic, aoristicMargins } from '../../analysis/aoristic';
import type { TimePrecision } from '../incidentTable';
import type { Job } from './jobTypes';
import { analysisPrecision, n } from './timeCommon';

export interface DayHourParams {
  /** Count each incident at its start time, ignoring windows; defaults to false (aoristic). */
  startTimesOnly?: boolean;
  /** Leave incidents at exactly 00:00 out of the table; defaults to false (counted, flagged). */
  excludeLikelyDefaults?: boolean;
}

export interface DayHourResult {
  precision: TimePrecision;
  /** Why there is no table (month-only dates). */
  declined: string | null;
  startTimesOnly: boolean;
  excludeLikelyDefaults: boolean;
  /** 168 cells, index = day × 24 + hour, Monday = day 0; incidents (aoristic weights sum to 1 each). */
  table: Float64Array;
  byDay: Float64Array;
  byHour: Float64Array;
  /** Incidents in the table. */
  incidents: number;
  /** Incidents with a window, spread over its hours. */
  spread: number;
  spreadEvenly: number;
  invalidWindows: number;
  /** Incidents at exactly 00:00 (likely defaults), 1st-of-month ones included. */
  midnight: number;
  firstOfMonthMidnight: number;
  excluded: number;
  note: string | null;
  summary: string[];
  log: string[];
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;

/** "Saturday 22:00–23:00" for a cell index. */
export function cellLabel(cell: number): string {
  const day = Math.floor(cell / 24);
  const hour = cell % 24;
  return `${DAYS[day]} ${hh(hour)}–${hh(hour + 1)}`;
}

export const dayHourJob: Job<DayHourParams, DayHourResult> = (input, params, progress) => {
  const startTimesOnly = params.startTimesOnly ?? false;
  const excludeLikelyDefaults = params.excludeLikelyDefaults ?? false;
  const log = [...input.logHeader];
  progress(0.1, 'spreading windows over hours');

  let endMs: Float64Array | undefined;
  let windows = 0;
  for (let k = 0; k < input.count; k++) if (input.windowMinutes[k] > 0) windows++;
  if (windows > 0) {
    endMs = new Float64Array(input.count);
    for (let k = 0; k < input.count; k++) {
      const w = input.windowMinutes[k];
      endMs[k] = Number.isNaN(w) ? NaN : input.timeMs[k] + w * 60_000;
    }
  }
  const r = aoristic(input.timeMs, {
    precision: analysisPrecision(input.timePrecision),
    endMs,
    startTimesOnly,
    excludeLikelyDefaults,
  });
  const { byDay, byHour } = aoristicMargins(r.table);

  log.push(
    startTimesOnly
      ? 'Day × hour: every incident counted in the hour of its start time (windows ignored).'
      : `Day × hour: aoristic weighting (Ratcliffe 2002, J. Quant. Criminol. 18(1)) — an incident known only as a window shares its weight of one among the hours it overlaps, in proportion to the overlap; windows of a week or more are spread evenly over the 168 hours. ${n(windows)} incidents have a window.`,
    'Cells: Monday first (ISO 8601), hours 00–23 of the wall-clock time as recorded (no time zone conversion).',
    `Likely default times: ${n(r.midnight)} incidents at exactly 00:00 (${n(r.firstOfMonthMidnight)} of them on the 1st of a month) — what records systems write when only the date or the month was known; ${excludeLikelyDefaults ? `left out of the table (${n(r.excluded)})` : 'kept in the table and flagged'}.`,
  );
  if (r.invalidWindows > 0)
    log.push(
      `${n(r.invalidWindows)} incidents end before they start (a data error): counted at their start.`,
    );
  if (r.note) log.push(r.note);
  if (r.declined) log.push(`Declined: ${r.declined}`);

  const summary: string[] = [];
  if (r.declined) summary.push(r.declined);
  else if (r.incidents > 0) {
    let peak = 0;
    for (let c = 1; c < 168; c++) if (r.table[c] > r.table[peak]) peak = c;
    let topDay = 0;
    for (let d = 1; d < 7; d++) if (byDay[d] > byDay[topDay]) topDay = d;
    // The busiest 10% of the week's hours (17 of 168) and their share.
    const sorted = Float64Array.from(r.table).sort().reverse();
    let top = 0;
    for (let i = 0; i < 17; i++) top += sorted[i];
    summary.push(
      `Busiest hour of the week: ${cellLabel(peak)} (${n(Math.round(r.table[peak]))} incidents); busiest day: ${DAYS[topDay]} (${((100 * byDay[topDay]) / r.incidents).toFixed(1)}%).`,
      `The busiest 17 of the week's 168 hours hold ${((100 * top) / r.incidents).toFixed(1)}% of the incidents (10.1% if spread evenly).`,
    );
    if (r.midnight > 0) {
      summary.push(
        `${n(r.midnight)} incidents (${((100 * r.midnight) / (r.incidents + r.excluded)).toFixed(1)}%) are at exactly 00:00${r.firstOfMonthMidnight > 0 ? `, ${n(r.firstOfMonthMidnight)} on the 1st of a month` : ''}: likely default times, not real midnights.`,
      );
    }
  }
  progress(1, 'done');
  return {
    precision: input.timePrecision,
    declined: r.declined ?? null,
    startTimesOnly,
    excludeLikelyDefaults,
    table: r.table,
    byDay,
    byHour,
    incidents: r.incidents,
    spread: r.spread,
    spreadEvenly: r.spreadEvenly,
    invalidWindows: r.invalidWindows,
    midnight: r.midnight,
    firstOfMonthMidnight: r.firstOfMonthMidnight,
    excluded: r.excluded,
    note: r.note ?? null,
    summary,
    log,
  };
};
