/**
 * Date and time fields read straight from bytes into floating wall-clock times (see
 * `src/analysis/calendar.ts`): epoch ms of the written local date and time as if it were UTC, so
 * nothing depends on the machine's time zone. No date library in the hot loop: a field is split into
 * its numeric groups and an optional AM/PM marker, then checked field by field (~0.1 µs a value).
 *
 * Understood: `MM/DD/YYYY hh:mm:ss AM` (Chicago, Los Angeles), `MM/DD/YYYY` + `HH:MM:SS` in
 * another column (NYC), `YYYY/MM/DD hh:mm:ss AM` and `YYYY-MM-DDTHH:MM:SS.sss` (San Francisco, ISO),
 * `YYYY-MM` (police.uk month), `DD/MM/YYYY` when the order is set to day first, and times of day as
 * `HH:MM[:SS]`, `hh:mm[:ss] AM` or `HHMM` (Los Angeles `TIME OCC`). Anything after the seconds (a
 * fraction is kept to the millisecond; a zone offset is ignored on purpose) does not change the
 * wall-clock reading.
 */
import { daysInMonth, floatingMs, MS_PER_DAY } from '../analysis/calendar';

export type DateOrder = 'mdy' | 'dmy' | 'ymd';
/** How precisely a value was written: a whole month, a day, or a time of day. */
export type DatePrecision = 'month' | 'day' | 'time';

const MAX_GROUPS = 8;
const ZERO = 0x30;
const SPACE = 0x20;
const SLASH = 0x2f;
const COLON = 0x3a;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/**
 * A reusable date reader: `read` returns floating epoch ms (NaN when the field is not a valid date)
 * and leaves `precision` set for the last value read.
 */
export class DateReader {
  precision: DatePrecision = 'day';
  private readonly values = new Int32Array(MAX_GROUPS);
  private readonly digits = new Uint8Array(MAX_GROUPS);
  private readonly separators = new Uint8Array(MAX_GROUPS);
  private groups = 0;
  /** 0 none, 1 AM, 2 PM */
  private meridiem = 0;

  constructor(public order: DateOrder = 'mdy') {}

  /** Splits the field into numeric groups; returns false when it has letters other than AM/PM/T/Z. */
  private tokenize(buf: Uint8Array, start: number, end: number): boolean {
    let groups = 0;
    let meridiem = 0;
    let sep = 0;
    let i = start;
    while (i < end) {
      const c = buf[i];
      const d = c - ZERO;
      if (d >= 0 && d <= 9) {
        if (groups === MAX_GROUPS) break;
        let v = 0;
        let n = 0;
        while (i < end) {
          const e = buf[i] - ZERO;
          if (e < 0 || e > 9) break;
          if (n < 9) v = v * 10 + e;
          n++;
          i++;
        }
        this.values[groups] = v;
        this.digits[groups] = n;
        this.separators[groups] = sep;
        groups++;
        sep = 0;
        continue;
      }
      const upper = c & 0xdf;
      if ((upper === 0x41 || upper === 0x50) && i + 1 < end && (buf[i + 1] & 0xdf) === 0x4d) {
        meridiem = upper === 0x41 ? 1 : 2;
        i += 2;
        continue;
      }
      if (upper >= 0x41 && upper <= 0x5a && upper !== 0x54 && upper !== 0x5a) return false;
      if (c === 0x2b) break; // a zone offset follows: ignore it
      if (c !== 0x20) sep = c;
      i++;
    }
    this.groups = groups;
    this.meridiem = meridiem;
    return groups > 0;
  }

  /**
   * The fast path of `tokenize` for the fixed-width shapes the US portals write, `MM/DD/YYYY` and
   * `MM/DD/YYYY hh:mm:ss AM`: the same groups, read at fixed offsets. Returns false, having set
   * nothing, for any other shape (which `tokenize` then reads).
   */
  private tokenizeFixed(buf: Uint8Array, start: number, end: number): boolean {
    const n = end - start;
    if ((n !== 22 && n !== 10) || buf[start + 2] !== SLASH || buf[start + 5] !== SLASH)
      return false;
    const first = twoDigits(buf, start);
    const second = twoDigits(buf, start + 3);
    const hi = twoDigits(buf, start + 6);
    const lo = twoDigits(buf, start + 8);
    if ((first | second | hi | lo) < 0) return false;
    const v = this.values;
    const dg = this.digits;
    const sep = this.separators;
    let meridiem = 0;
    if (n === 22) {
      if (
        buf[start + 10] !== SPACE ||
        buf[start + 13] !== COLON ||
        buf[start + 16] !== COLON ||
        buf[start + 19] !== SPACE ||
        (buf[start + 21] & 0xdf) !== 0x4d
      )
        return false;
      const marker = buf[start + 20] & 0xdf;
      if (marker === 0x41) meridiem = 1;
      else if (marker === 0x50) meridiem = 2;
      else return false;
      const hour = twoDigits(buf, start + 11);
      const minute = twoDigits(buf, start + 14);
      const sec = twoDigits(buf, start + 17);
      if ((hour | minute | sec) < 0) return false;
      v[3] = hour;
      v[4] = minute;
      v[5] = sec;
      dg[3] = dg[4] = dg[5] = 2;
      sep[3] = 0;
      sep[4] = sep[5] = COLON;
    }
    v[0] = first;
    v[1] = second;
    v[2] = hi * 100 + lo;
    dg[0] = dg[1] = 2;
    dg[2] = 4;
    sep[0] = 0;
    sep[1] = sep[2] = SLASH;
    this.groups = n === 22 ? 6 : 3;
    this.meridiem = meridiem;
    return true;
  }

  /** Reads a date, optionally with a time of day, from `buf[start, end)`. */
  read(buf: Uint8Array, start: number, end: number): number {
    if (!this.tokenizeFixed(buf, start, end) && !this.tokenize(buf, start, end)) return NaN;
    const g = this.groups;
    const v = this.values;
    const dg = this.digits;
    let year: number;
    let month: number;
    let day = 1;
    let next: number;
    if (dg[0] === 4) {
      year = v[0];
      month = v[1];
      if (g === 2) {
        if (this.meridiem !== 0) return NaN;
        this.precision = 'month';
        return month >= 1 && month <= 12 && year >= MIN_YEAR && year <= MAX_YEAR
          ? floatingMs(year, month, 1)
          : NaN;
      }
      day = v[2];
      next = 3;
    } else {
      if (g < 3 || dg[2] !== 4) return NaN;
      if (this.order === 'dmy') {
        day = v[0];
        month = v[1];
      } else {
        month = v[0];
        day = v[1];
      }
      year = v[2];
      next = 3;
    }
    if (g < next) return NaN;
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return NaN;
    if (day < 1 || day > daysInMonth(year, month)) return NaN;
    const dayMs = floatingMs(year, month, day);
    if (g === next) {
      if (this.meridiem !== 0) return NaN;
      this.precision = 'day';
      return dayMs;
    }
    const time = this.timeFromGroups(next);
    if (Number.isNaN(time)) return NaN;
    this.precision = 'time';
    return dayMs + time;
  }

  /** Reads a time of day (`HH:MM[:SS]`, `hh:mm AM`, `HHMM`) as ms since midnight, or NaN. */
  readTimeOfDay(buf: Uint8Array, start: number, end: number): number {
    if (!this.tokenize(buf, start, end)) return NaN;
    if (this.groups === 1 && this.digits[0] <= 4 && this.meridiem === 0) {
      // HHMM as Los Angeles writes TIME OCC: 845 is 08:45, 5 is 00:05.
      const value = this.values[0];
      const hour = Math.floor(value / 100);
      const minute = value % 100;
      return hour <= 23 && minute <= 59 ? hour * 3_600_000 + minute * 60_000 : NaN;
    }
    return this.timeFromGroups(0);
  }

  private timeFromGroups(from: number): number {
    const v = this.values;
    const g = this.groups;
    let hour = v[from];
    const minute = from + 1 < g ? v[from + 1] : 0;
    const second = from + 2 < g ? v[from + 2] : 0;
    let ms = 0;
    if (from + 3 < g && this.separators[from + 3] === 0x2e) {
      // A fraction of a second: keep milliseconds.
      const n = this.digits[from + 3];
      ms =
        Math.floor(v[from + 3] / 10 ** Math.max(0, Math.min(n, 9) - 3)) * 10 ** Math.max(0, 3 - n);
    }
    if (minute > 59 || second > 59) return NaN;
    if (this.meridiem !== 0) {
      if (hour < 1 || hour > 12) return NaN;
      if (hour === 12) hour = 0;
      if (this.meridiem === 2) hour += 12;
    } else if (hour === 24 && minute === 0 && second === 0) {
      return MS_PER_DAY; // 24:00:00, the end of the day, as some NYC rows write midnight
    } else if (hour > 23) {
      return NaN;
    }
    return hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
  }
}

/** The two-digit number at `buf[i, i + 2)`, or -1 when either byte is not a digit. */
function twoDigits(buf: Uint8Array, i: number): number {
  const a = buf[i] - ZERO;
  const b = buf[i + 1] - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const encoder = new TextEncoder();

/** Convenience for tests and the mapping dialog: reads a date string. */
export function parseDateString(text: string, order: DateOrder = 'mdy'): number {
  const bytes = encoder.encode(text);
  return new DateReader(order).read(bytes, 0, bytes.length);
}

/** Convenience: reads a time-of-day string as ms since midnight. */
export function parseTimeOfDayString(text: string): number {
  const bytes = encoder.encode(text);
  return new DateReader().readTimeOfDay(bytes, 0, bytes.length);
}

/**
 * Guesses whether slash dates are month-first or day-first from sample values: a first number over
 * 12 means day-first, a second number over 12 means month-first; with no evidence, month-first (the
 * US portals' order). Year-first values say nothing.
 */
export function detectDateOrder(samples: readonly string[]): DateOrder {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const s of samples) {
    const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(s);
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst++;
    if (Number(m[2]) > 12) monthFirst++;
  }
  return dayFirst > monthFirst ? 'dmy' : 'mdy';
}
