/**
 * Incident counts per day, week (Monday start) or month over a data set's whole span, for the date
 * filter's histogram. The bin follows the span so the chart has a few hundred bars at most.
 */
import { addMonths, MS_PER_DAY, startOfMonth, startOfWeek } from '../analysis/calendar';
import type { IncidentTable } from './incidentTable';

export type HistogramBin = 'day' | 'week' | 'month';

export interface DateHistogram {
  bin: HistogramBin;
  /** Floating ms of each bin's start, plus one final entry for the end of the last bin. */
  edges: Float64Array;
  counts: Float64Array;
}

export function chooseBin(
  spanDays: number,
  precision: IncidentTable['timePrecision'],
): HistogramBin {
  if (precision === 'month' || spanDays > 6 * 365) return 'month';
  return spanDays > 180 ? 'week' : 'day';
}

export function dateHistogram(table: IncidentTable, mask: Uint8Array): DateHistogram {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < table.count; i++) {
    const t = table.timeMs[i];
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (table.count === 0)
    return { bin: 'day', edges: new Float64Array(0), counts: new Float64Array(0) };
  const bin = chooseBin((max - min) / MS_PER_DAY, table.timePrecision);
  const floor =
    bin === 'day'
      ? (t: number) => Math.floor(t / MS_PER_DAY) * MS_PER_DAY
      : bin === 'week'
        ? startOfWeek
        : startOfMonth;
  const next =
    bin === 'day'
      ? (t: number) => t + MS_PER_DAY
      : bin === 'week'
        ? (t: number) => t + 7 * MS_PER_DAY
        : (t: number) => addMonths(t, 1);
  const edges: number[] = [];
  for (let t = floor(min); t <= max; t = next(t)) edges.push(t);
  edges.push(next(edges[edges.length - 1]));
  const counts = new Float64Array(edges.length - 1);
  const width = bin === 'day' ? MS_PER_DAY : 7 * MS_PER_DAY;
  for (let i = 0; i < table.count; i++) {
    if (!mask[i]) continue;
    const t = table.timeMs[i];
    let k: number;
    if (bin === 'month') {
      // Binary search over month edges (months differ in length).
      let lo = 0;
      let hi = edges.length - 2;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (edges[mid] <= t) lo = mid;
        else hi = mid - 1;
      }
      k = lo;
    } else k = Math.floor((t - edges[0]) / width);
    counts[k]++;
  }
  return { bin, edges: Float64Array.from(edges), counts };
}
