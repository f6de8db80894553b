import { describe, expect, it } from 'vitest';
import {
  addMonths,
  civilFromDays,
  dayOfWeek,
  daysFromCivil,
  floatingMs,
  formatIsoLocal,
  hourOfDay,
  monthIndex,
  startOfMonth,
  startOfWeek,
} from '../../../src/analysis/calendar';

describe('calendar on floating times', () => {
  it('agrees with Date.UTC on day numbers across four centuries', () => {
    for (let days = -150_000; days <= 150_000; days += 37) {
      const d = new Date(days * 86_400_000);
      expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(days);
      expect(civilFromDays(days)).toEqual({
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
      });
    }
  });

  it('numbers weekdays from Monday = 0', () => {
    expect(dayOfWeek(floatingMs(2024, 1, 1))).toBe(0); // a Monday
    expect(dayOfWeek(floatingMs(2023, 12, 31, 23, 59))).toBe(6); // a Sunday
    expect(dayOfWeek(floatingMs(1969, 12, 31))).toBe(2); // a Wednesday, before the epoch
  });

  it('starts weeks on Monday and months on the 1st', () => {
    expect(formatIsoLocal(startOfWeek(floatingMs(2024, 3, 10, 15)))).toBe('2024-03-04T00:00:00');
    expect(formatIsoLocal(startOfMonth(floatingMs(2024, 2, 29, 8)))).toBe('2024-02-01T00:00:00');
  });

  it('adds months clamping to the end of shorter months', () => {
    expect(formatIsoLocal(addMonths(floatingMs(2024, 1, 31, 6), 1))).toBe('2024-02-29T06:00:00');
    expect(formatIsoLocal(addMonths(floatingMs(2024, 3, 15), -15))).toBe('2022-12-15T00:00:00');
  });

  it('reads hours and month indices', () => {
    expect(hourOfDay(floatingMs(2022, 7, 4, 23, 59, 59))).toBe(23);
    expect(monthIndex(floatingMs(1971, 2, 1))).toBe(13);
  });
});
