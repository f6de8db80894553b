/** Number and date formatting for the interface (en-US digits, ISO dates, no time zones). */
import { formatIsoDate, formatIsoLocal, formatIsoMonth } from '../analysis/calendar';
import type { TimePrecision } from '../data/incidentTable';

export const formatCount = (v: number): string => v.toLocaleString('en-US');

export function formatPercent(part: number, whole: number, digits = 1): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(digits)}%` : '—';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** A floating time as the data set's precision allows: `2024-03`, `2024-03-05` or `2024-03-05 14:30`. */
export function formatTime(ms: number, precision: TimePrecision): string {
  if (precision === 'month') return formatIsoMonth(ms);
  if (precision === 'day') return formatIsoDate(ms);
  return formatIsoLocal(ms).slice(0, 16).replace('T', ' ');
}

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
