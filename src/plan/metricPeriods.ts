/**
 * Calendar arithmetic for strategies' dates (ISO `YYYY-MM-DD`, no time zones): the comparison period
 * a metric's baseline is counted over.
 */
import type { Metric } from './planSchema';

/** ISO date n days after another. */
export function addDays(iso: string, days: number): string {
  const t = Date.UTC(
    Number(iso.slice(0, 4)),
    Number(iso.slice(5, 7)) - 1,
    Number(iso.slice(8, 10)),
  );
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** The same day `years` later (29 February becomes 28 February in a year without it). */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  // 29 February in a year without it becomes 28 February.
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** The comparison period of a metric: the same dates a year earlier, or the period just before. */
export function comparisonPeriod(
  comparedWith: Metric['target']['comparedWith'],
  startDate: string,
  endDate: string,
): { startDate: string; endDate: string } {
  if (comparedWith === 'same-period-last-year')
    return { startDate: addYears(startDate, -1), endDate: addYears(endDate, -1) };
  const days =
    (Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000;
  return { startDate: addDays(startDate, -days - 1), endDate: addDays(startDate, -1) };
}
