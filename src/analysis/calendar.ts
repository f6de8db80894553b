/**
 * Calendar arithmetic on floating wall-clock times.
 *
 * A time is the epoch milliseconds of the local date and time *read as if UTC* (`Date.UTC` of the
 * wall-clock fields), so no result depends on the machine's time zone and no day has 23 or 25 hours.
 * These helpers never call the `Date` constructor with local getters.
 *
 * Source: Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil,
 * civil_from_days), http://howardhinnant.github.io/date_algorithms.html — proleptic Gregorian, O(1).
 *
 * @example
 * daysFromCivil(1970, 1, 1); // 0
 * dayOfWeek(floatingMs(2024, 1, 1)); // 0 — 1 January 2024 was a Monday
 */
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** The date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Floating epoch ms of a wall-clock date and time. */
export function floatingMs(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    minute * MS_PER_MINUTE +
    second * 1000 +
    millisecond
  );
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number (days since 1970-01-01) of a floating time. */
export function dayNumber(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** Day of week, 0 = Monday … 6 = Sunday (ISO 8601 order). */
export function dayOfWeek(ms: number): number {
  // 1970-01-01 was a Thursday (3 in this numbering).
  return (((dayNumber(ms) + 3) % 7) + 7) % 7;
}

/** Hour of day 0–23. */
export function hourOfDay(ms: number): number {
  return Math.floor((ms - dayNumber(ms) * MS_PER_DAY) / MS_PER_HOUR);
}

export function startOfDay(ms: number): number {
  return dayNumber(ms) * MS_PER_DAY;
}

/** Monday 00:00 of the week holding `ms`. */
export function startOfWeek(ms: number): number {
  return startOfDay(ms) - dayOfWeek(ms) * MS_PER_DAY;
}

/** 00:00 on the 1st of the month holding `ms`. */
export function startOfMonth(ms: number): number {
  const { year, month } = civilFromDays(dayNumber(ms));
  return floatingMs(year, month, 1);
}

/** `ms` moved by whole months, keeping the day where it exists (clamped to the month's end). */
export function addMonths(ms: number, months: number): number {
  const days = dayNumber(ms);
  const { year, month, day } = civilFromDays(days);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const d = Math.min(day, daysInMonth(y, m));
  return floatingMs(y, m, d) + (ms - days * MS_PER_DAY);
}

/** Months since January 1970 of a floating time (a month index for binning). */
export function monthIndex(ms: number): number {
  const { year, month } = civilFromDays(dayNumber(ms));
  return (year - 1970) * 12 + (month - 1);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` */
export function formatIsoDate(ms: number): string {
  const { year, month, day } = civilFromDays(dayNumber(ms));
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `YYYY-MM-DDTHH:MM:SS` — ISO 8601 local time, written without a zone on purpose. */
export function formatIsoLocal(ms: number): string {
  const days = dayNumber(ms);
  let rest = ms - days * MS_PER_DAY;
  const h = Math.floor(rest / MS_PER_HOUR);
  rest -= h * MS_PER_HOUR;
  const m = Math.floor(rest / MS_PER_MINUTE);
  const s = Math.floor((rest - m * MS_PER_MINUTE) / 1000);
  return `${formatIsoDate(ms)}T${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** `YYYY-MM` */
export function formatIsoMonth(ms: number): string {
  const { year, month } = civilFromDays(dayNumber(ms));
  return `${pad(year, 4)}-${pad(month)}`;
}
