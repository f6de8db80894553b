/**
 * The incident filter an analyst sets in the app: categories (by name, so a filter survives a
 * re-import), offence groups, a date range, days of the week and hours of the day. The same filter
 * drives the map (on the GPU) and every count and analysis (here, on the CPU, in the worker).
 */
import { formatIsoDate, MS_PER_DAY } from '../analysis/calendar';
import {
  OFFENCE_GROUPS,
  type IncidentTable,
  type OffenceGroup,
  type TimePrecision,
} from './incidentTable';

export interface IncidentFilter {
  /** Category names to show; null shows all. */
  categories: string[] | null;
  /** Offence groups to show; null shows all. */
  groups: OffenceGroup[] | null;
  /** [startMs, endMs) floating times; null shows all dates. */
  dateRange: [number, number] | null;
  /** Days 0 = Monday … 6 = Sunday; null shows all. */
  weekdays: number[] | null;
  /** Hours 0–23; null shows all. */
  hours: number[] | null;
}

export const NO_FILTER: IncidentFilter = {
  categories: null,
  groups: null,
  dateRange: null,
  weekdays: null,
  hours: null,
};

export function isFilterEmpty(f: IncidentFilter): boolean {
  return (
    f.categories === null &&
    f.groups === null &&
    f.dateRange === null &&
    f.weekdays === null &&
    f.hours === null
  );
}

/** Which category codes pass the category and group parts of a filter (1 = shown). */
export function categoryPass(table: IncidentTable, filter: IncidentFilter): Uint8Array {
  const names = table.dictionaries.category;
  const pass = new Uint8Array(names.length).fill(1);
  if (filter.categories !== null) {
    const wanted = new Set(filter.categories);
    for (let c = 0; c < names.length; c++) if (!wanted.has(names[c])) pass[c] = 0;
  }
  if (filter.groups !== null) {
    const groups = new Set(filter.groups.map((g) => OFFENCE_GROUPS.indexOf(g)));
    for (let c = 0; c < names.length; c++) if (!groups.has(table.categoryGroup[c])) pass[c] = 0;
  }
  return pass;
}

function setOf(values: number[] | null, size: number): Uint8Array {
  const out = new Uint8Array(size).fill(values === null ? 1 : 0);
  if (values !== null) for (const v of values) if (v >= 0 && v < size) out[v] = 1;
  return out;
}

/**
 * The incidents a filter keeps, as a 0/1 mask, and their count. Day and hour parts are ignored for
 * month-precision data (they have no meaning there). O(n).
 */
export function filterMask(
  table: IncidentTable,
  filter: IncidentFilter,
): { mask: Uint8Array; count: number } {
  const n = table.count;
  const mask = new Uint8Array(n);
  const cat = categoryPass(table, filter);
  const timed = table.timePrecision === 'time';
  const days = setOf(timed ? filter.weekdays : null, 7);
  const hours = setOf(timed ? filter.hours : null, 24);
  const [start, end] = filter.dateRange ?? [-Infinity, Infinity];
  const { category, weekday, hour, timeMs } = table;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = timeMs[i];
    if (cat[category[i]] && days[weekday[i]] && hours[hour[i]] && t >= start && t < end) {
      mask[i] = 1;
      count++;
    }
  }
  return { mask, count };
}

/** Indices of the incidents a mask keeps. */
export function maskIndices(mask: Uint8Array, count?: number): Uint32Array {
  let n = count ?? 0;
  if (count === undefined) for (let i = 0; i < mask.length; i++) n += mask[i];
  const out = new Uint32Array(n);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i]) out[k++] = i;
  return out;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The filter in plain words, for methods logs and exports ("all incidents" when empty). */
export function describeFilter(f: IncidentFilter, precision: TimePrecision = 'time'): string {
  const parts: string[] = [];
  if (f.categories !== null)
    parts.push(
      f.categories.length <= 6
        ? `categories ${f.categories.join(', ') || '(none)'}`
        : `${f.categories.length} categories`,
    );
  if (f.groups !== null) parts.push(`offence groups ${f.groups.join(', ') || '(none)'}`);
  if (f.dateRange !== null) {
    const [a, b] = f.dateRange;
    const from = Number.isFinite(a) ? formatIsoDate(a) : 'the start';
    const to = Number.isFinite(b) ? formatIsoDate(b - MS_PER_DAY) : 'the end';
    parts.push(`dates ${from} to ${to}`);
  }
  if (precision === 'time' && f.weekdays !== null)
    parts.push(`days ${f.weekdays.map((d) => DAY_NAMES[d]).join(', ') || '(none)'}`);
  if (precision === 'time' && f.hours !== null)
    parts.push(`hours ${f.hours.map((h) => String(h).padStart(2, '0')).join(', ') || '(none)'}`);
  return parts.length === 0 ? 'all incidents' : parts.join('; ');
}
