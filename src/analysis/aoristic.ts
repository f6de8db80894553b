/**
 * The day-of-week × hour-of-day table (7 × 24) of when incidents happen, with aoristic weighting for
 * incidents known only as a window ("between Friday 18:00 and Monday 08:00").
 *
 * Method: J. H. Ratcliffe (2002) "Aoristic signatures and the spatio-temporal analysis of high volume
 * crime patterns", Journal of Quantitative Criminology 18(1), 23–43 (after Ratcliffe & McCullagh
 * 1998). Each incident carries a weight of one, shared among the hours its window overlaps in
 * proportion to the overlap: an incident from 13:30 to 15:15 gives 0.5/1.75 to the 13:00 hour,
 * 1/1.75 to 14:00 and 0.25/1.75 to 15:00. Incidents with one time (no end, an end equal to the start,
 * or `startTimesOnly`) put their whole weight in their start hour. Every incident's weights sum to
 * one, so the table sums to the number of incidents counted.
 * - Windows of a week or longer overlap every hour of the week about equally and say nothing about
 *   when the incident happened: they are spread evenly, 1/168 to each cell (counted in `spreadEvenly`).
 * - An end before the start is a data error: such incidents are counted at their start and in
 *   `invalidWindows`.
 * - Date-only data (precision 'day'): a record means "some time that day", so it is spread over the
 *   24 hours of its day (an end date runs to the end of that day); the hour profile is then flat
 *   within each day, and `note` says so. Month-only data (police.uk) cannot place an incident in a
 *   weekday or hour: the table is declined with a reason.
 * - Likely default times: an incident counted at one instant that is exactly 00:00 is flagged (bit 1
 *   of `defaultTimeFlags`), and at 00:00 on the 1st of a month (bit 2 as well) — what records systems
 *   write when only the date, or only the month, was known. They are counted (`midnight`,
 *   `firstOfMonthMidnight`) and kept in the table unless `excludeLikelyDefaults`. Windows are not
 *   flagged: a window from one midnight to the next is the honest form of a date-only record.
 *
 * Cells: index = day × 24 + hour, day 0 = Monday … 6 = Sunday (ISO order, as calendar.ts).
 * Units: times are floating wall-clock epoch ms (calendar.ts); table cells are incidents.
 * Complexity: O(n + Σ window hours) ≤ O(168 n) for n incidents; O(1) memory besides the flags.
 *
 * @example
 * // One burglary between Friday 5 January 2024 18:00 and Monday 8 January 08:00: 62 hours, so the
 * // Friday 18:00–23:00 cells, all of Saturday and Sunday, and Monday 00:00–07:00 get 1/62 each.
 * aoristic(Float64Array.of(floatingMs(2024, 1, 5, 18)), { endMs: Float64Array.of(floatingMs(2024, 1, 8, 8)) })
 *   .table[4 * 24 + 18]; // 0.016129… = 1/62
 */
import { MS_PER_DAY, MS_PER_HOUR, civilFromDays, startOfDay } from './calendar';
import { selectedIndices, type IncidentSelection, type TimePrecision } from './timeSeries';

export const HOURS_PER_WEEK = 168;
/** `defaultTimeFlags` bit: counted at exactly 00:00. */
export const FLAG_MIDNIGHT = 1;
/** `defaultTimeFlags` bit: counted at 00:00 on the 1st of a month. */
export const FLAG_FIRST_OF_MONTH_MIDNIGHT = 2;

export interface AoristicOptions {
  /** How precise the data's times are; defaults to 'minute'. */
  precision?: TimePrecision;
  /** End of each incident's window (floating ms), NaN where there is none. */
  endMs?: Float64Array;
  /** The filtered incidents (mask or indices); defaults to all. */
  selection?: IncidentSelection;
  /** Count every incident at its start time, ignoring windows; defaults to false. */
  startTimesOnly?: boolean;
  /** Leave flagged likely-default times (00:00) out of the table; defaults to false. */
  excludeLikelyDefaults?: boolean;
}

export interface AoristicResult {
  /** Why there is no table (month-only dates); the counts are then all 0. */
  declined?: string;
  /** 168 cells, index = day × 24 + hour, Monday = day 0. */
  table: Float64Array;
  /** Incidents in the table (= the table's sum, up to rounding). */
  incidents: number;
  /** Incidents spread over a window of more than one instant. */
  spread: number;
  /** Of those, windows of a week or more, spread evenly over the 168 hours. */
  spreadEvenly: number;
  /** Incidents whose end is before their start (counted at the start). */
  invalidWindows: number;
  /** Incidents counted at exactly 00:00 (likely default times), 1st-of-month ones included. */
  midnight: number;
  /** Incidents counted at 00:00 on the 1st of a month. */
  firstOfMonthMidnight: number;
  /** Flagged incidents left out because of `excludeLikelyDefaults`. */
  excluded: number;
  /** Per incident (index as in `startMs`): FLAG_MIDNIGHT | FLAG_FIRST_OF_MONTH_MIDNIGHT bits. */
  defaultTimeFlags: Uint8Array;
  /** A caveat for the reader (date-only data). */
  note?: string;
}

/** Hour 0 of the epoch (1970-01-01 00:00) was a Thursday: cell 3 × 24. */
const EPOCH_CELL = 72;

function cellOfHour(hourNumber: number): number {
  const c = (hourNumber + EPOCH_CELL) % HOURS_PER_WEEK;
  return c < 0 ? c + HOURS_PER_WEEK : c;
}

/** Day-of-week × hour table of the selected incidents, aoristic over their windows. */
export function aoristic(startMs: Float64Array, options: AoristicOptions = {}): AoristicResult {
  const precision = options.precision ?? 'minute';
  const endMs = options.startTimesOnly ? undefined : options.endMs;
  const excludeDefaults = options.excludeLikelyDefaults ?? false;
  const table = new Float64Array(HOURS_PER_WEEK);
  const defaultTimeFlags = new Uint8Array(startMs.length);
  const result: AoristicResult = {
    table,
    incidents: 0,
    spread: 0,
    spreadEvenly: 0,
    invalidWindows: 0,
    midnight: 0,
    firstOfMonthMidnight: 0,
    excluded: 0,
    defaultTimeFlags,
  };
  if (precision === 'month') {
    result.declined =
      'The dates are months only (as police.uk publishes them): the weekday and hour of each incident are unknown, so no day × hour table can be drawn.';
    return result;
  }
  if (endMs && endMs.length !== startMs.length) {
    throw new RangeError(`endMs has ${endMs.length} entries for ${startMs.length} incidents`);
  }
  const dateOnly = precision === 'day';
  if (dateOnly) {
    result.note =
      'The dates have no times: each incident is spread evenly over the 24 hours of its day (or days), so the hours within a day carry no information; the weekdays do.';
  }
  const week = 7 * MS_PER_DAY;
  // No index list to build when every incident counts.
  const indices = options.selection ? selectedIndices(options.selection, startMs.length) : null;
  const count = indices ? indices.length : startMs.length;
  for (let k = 0; k < count; k++) {
    const i = indices ? indices[k] : k;
    const s = startMs[i];
    if (s !== s) continue;
    let e = endMs ? endMs[i] : NaN;
    if (e === e && e < s) {
      result.invalidWindows++;
      e = NaN;
    }
    // A date-only record (or window) runs to the end of its (last) day.
    if (dateOnly) e = startOfDay(e === e ? e : s) + MS_PER_DAY;
    if (e === e && e > s) {
      result.incidents++;
      result.spread++;
      if (e - s >= week) {
        result.spreadEvenly++;
        for (let c = 0; c < HOURS_PER_WEEK; c++) table[c] += 1 / HOURS_PER_WEEK;
        continue;
      }
      // Ratcliffe's weights: each hour gets (overlap with the window) / (window length).
      const length = e - s;
      const firstHour = Math.floor(s / MS_PER_HOUR);
      const lastHour = Math.ceil(e / MS_PER_HOUR);
      let cell = cellOfHour(firstHour);
      for (let h = firstHour; h < lastHour; h++) {
        const from = h * MS_PER_HOUR;
        const overlap = Math.min(e, from + MS_PER_HOUR) - Math.max(s, from);
        table[cell] += overlap / length;
        cell = cell === HOURS_PER_WEEK - 1 ? 0 : cell + 1;
      }
      continue;
    }
    // One instant: whole weight in the start hour, after the likely-default check.
    const day = Math.floor(s / MS_PER_DAY);
    if (s === day * MS_PER_DAY) {
      let flags = FLAG_MIDNIGHT;
      result.midnight++;
      if (civilFromDays(day).day === 1) {
        flags |= FLAG_FIRST_OF_MONTH_MIDNIGHT;
        result.firstOfMonthMidnight++;
      }
      defaultTimeFlags[i] = flags;
      if (excludeDefaults) {
        result.excluded++;
        continue;
      }
    }
    result.incidents++;
    table[cellOfHour(Math.floor(s / MS_PER_HOUR))] += 1;
  }
  return result;
}

/** Totals by day of week (7, Monday first) and by hour of day (24) of a 168-cell table. */
export function aoristicMargins(table: Float64Array): {
  byDay: Float64Array;
  byHour: Float64Array;
} {
  const byDay = new Float64Array(7);
  const byHour = new Float64Array(24);
  for (let d = 0; d < 7; d++)
    for (let h = 0; h < 24; h++) {
      byDay[d] += table[d * 24 + h];
      byHour[h] += table[d * 24 + h];
    }
  return { byDay, byHour };
}

/** The cell of a floating time: day of week (Monday = 0) × 24 + hour. */
export function aoristicCell(ms: number): number {
  return cellOfHour(Math.floor(ms / MS_PER_HOUR));
}
