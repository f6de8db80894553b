import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FLAG_FIRST_OF_MONTH_MIDNIGHT,
  FLAG_MIDNIGHT,
  aoristic,
  aoristicCell,
  aoristicMargins,
} from '../../../src/analysis/aoristic';
import { MS_PER_HOUR, floatingMs } from '../../../src/analysis/calendar';

const chicagoFile = path.resolve(
  __dirname,
  '../../../../shared/data/chicago_homicides_2001_2023/Homicides_2001_to_present.csv',
);

const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
const cell = (day: number, hour: number) => day * 24 + hour;

describe('aoristic by hand', () => {
  it('spreads a burglary from Friday 18:00 to Monday 08:00 over its 62 hours', () => {
    // Fri 5 Jan 2024 18:00 → Mon 8 Jan 08:00: Fri 18–23 (6 h) + Sat (24) + Sun (24) + Mon 0–7 (8) = 62
    const r = aoristic(Float64Array.of(floatingMs(2024, 1, 5, 18)), {
      endMs: Float64Array.of(floatingMs(2024, 1, 8, 8)),
    });
    const expected = new Float64Array(168);
    for (let h = 18; h < 24; h++) expected[cell(4, h)] = 1 / 62;
    for (let h = 0; h < 24; h++) expected[cell(5, h)] = expected[cell(6, h)] = 1 / 62;
    for (let h = 0; h < 8; h++) expected[cell(0, h)] = 1 / 62;
    for (let c = 0; c < 168; c++) expect(r.table[c]).toBeCloseTo(expected[c], 15);
    expect(sum(r.table)).toBeCloseTo(1, 14);
    expect(r).toMatchObject({ incidents: 1, spread: 1, spreadEvenly: 0, midnight: 0 });
  });

  it('puts the whole weight at Friday 18:00 with start times only', () => {
    const r = aoristic(Float64Array.of(floatingMs(2024, 1, 5, 18)), {
      endMs: Float64Array.of(floatingMs(2024, 1, 8, 8)),
      startTimesOnly: true,
    });
    expect(r.table[cell(4, 18)]).toBe(1);
    expect(sum(r.table)).toBe(1);
    expect(r.spread).toBe(0);
  });

  it('shares part hours in proportion to the overlap, across the week boundary too', () => {
    // Tue 2 Jan 2024 13:30 → 15:15: 0.5/1.75, 1/1.75, 0.25/1.75
    const r = aoristic(Float64Array.of(floatingMs(2024, 1, 2, 13, 30)), {
      endMs: Float64Array.of(floatingMs(2024, 1, 2, 15, 15)),
    });
    expect(r.table[cell(1, 13)]).toBeCloseTo(0.5 / 1.75, 15);
    expect(r.table[cell(1, 14)]).toBeCloseTo(1 / 1.75, 15);
    expect(r.table[cell(1, 15)]).toBeCloseTo(0.25 / 1.75, 15);
    // Sun 7 Jan 23:30 → Mon 8 Jan 00:30: half in the last cell of the week, half in the first
    const wrap = aoristic(Float64Array.of(floatingMs(2024, 1, 7, 23, 30)), {
      endMs: Float64Array.of(floatingMs(2024, 1, 8, 0, 30)),
    });
    expect(wrap.table[167]).toBe(0.5);
    expect(wrap.table[0]).toBe(0.5);
  });

  it('spreads windows of a week or more evenly and counts inverted windows at the start', () => {
    const r = aoristic(Float64Array.of(floatingMs(2024, 1, 1, 10), floatingMs(2024, 1, 3, 10)), {
      endMs: Float64Array.of(floatingMs(2024, 1, 20), floatingMs(2024, 1, 2)),
    });
    expect(r.spreadEvenly).toBe(1);
    expect(r.invalidWindows).toBe(1);
    expect(r.table[cell(2, 10)]).toBeCloseTo(1 + 1 / 168, 14); // Wednesday 10:00
    expect(r.table[cell(5, 3)]).toBeCloseTo(1 / 168, 15);
    expect(sum(r.table)).toBeCloseTo(2, 13);
  });

  it('counts and flags likely default times (00:00, and 00:00 on the 1st)', () => {
    const start = Float64Array.of(
      floatingMs(2024, 3, 1), // Friday 1 March 00:00: midnight and 1st of month
      floatingMs(2024, 3, 5), // Tuesday 00:00: midnight
      floatingMs(2024, 3, 5, 0, 0, 1), // one second later: a real time
      floatingMs(2024, 3, 6), // a window from midnight: not flagged
    );
    const endMs = Float64Array.of(NaN, NaN, NaN, floatingMs(2024, 3, 7));
    const r = aoristic(start, { endMs });
    expect(r.midnight).toBe(2);
    expect(r.firstOfMonthMidnight).toBe(1);
    expect(Array.from(r.defaultTimeFlags)).toEqual([
      FLAG_MIDNIGHT | FLAG_FIRST_OF_MONTH_MIDNIGHT,
      FLAG_MIDNIGHT,
      0,
      0,
    ]);
    expect(r.table[cell(4, 0)]).toBe(1);
    const without = aoristic(start, { endMs, excludeLikelyDefaults: true });
    expect(without.excluded).toBe(2);
    expect(without.incidents).toBe(2);
    expect(without.table[cell(4, 0)]).toBe(0);
    expect(sum(without.table)).toBeCloseTo(2, 14);
  });

  it('spreads date-only records over their day and declines month-only data', () => {
    // Wednesday 3 January 2024, date only: 1/24 to each Wednesday hour; a window Wed → Thu: 1/48
    const day = aoristic(Float64Array.of(floatingMs(2024, 1, 3)), { precision: 'day' });
    expect(day.table[cell(2, 0)]).toBeCloseTo(1 / 24, 15);
    expect(day.table[cell(2, 23)]).toBeCloseTo(1 / 24, 15);
    expect(day.midnight).toBe(0);
    expect(day.note).toMatch(/no times/);
    const two = aoristic(Float64Array.of(floatingMs(2024, 1, 3)), {
      precision: 'day',
      endMs: Float64Array.of(floatingMs(2024, 1, 4)),
    });
    expect(two.table[cell(3, 12)]).toBeCloseTo(1 / 48, 15);
    const month = aoristic(Float64Array.of(floatingMs(2024, 1, 1)), { precision: 'month' });
    expect(month.declined).toMatch(/months only/);
    expect(sum(month.table)).toBe(0);
  });

  it('numbers cells from Monday 00:00, also before 1970', () => {
    expect(aoristicCell(floatingMs(2024, 1, 1, 0))).toBe(0); // a Monday
    expect(aoristicCell(floatingMs(1969, 12, 28, 23, 59))).toBe(167); // a Sunday
    expect(aoristicCell(floatingMs(1969, 12, 29, 5))).toBe(5); // a Monday
    const margins = aoristicMargins(Float64Array.from({ length: 168 }, (_, c) => c));
    expect(margins.byDay[0]).toBe((23 * 24) / 2);
    expect(margins.byHour[0]).toBe(0 + 24 + 48 + 72 + 96 + 120 + 144);
  });

  it("gives every incident's weights a sum of one", () => {
    const base = floatingMs(2024, 1, 1);
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 60 * 24 * 400 }),
            fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 60 * 24 * 10 })),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        (rows) => {
          const start = Float64Array.from(rows, ([m]) => base + m * 60_000);
          const end = Float64Array.from(rows, ([m, len]) =>
            len < 0 ? NaN : base + (m + len) * 60_000,
          );
          for (let i = 0; i < rows.length; i++) {
            const one = aoristic(start, { endMs: end, selection: Uint32Array.of(i) });
            expect(sum(one.table)).toBeCloseTo(1, 12);
          }
          const all = aoristic(start, { endMs: end });
          expect(sum(all.table)).toBeCloseTo(rows.length, 11);
          expect(all.incidents).toBe(rows.length);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('does not mutate its inputs', () => {
    const start = Float64Array.of(floatingMs(2024, 1, 5, 18));
    const end = Float64Array.of(start[0] + 5 * MS_PER_HOUR);
    aoristic(start, { endMs: end });
    expect(start[0]).toBe(floatingMs(2024, 1, 5, 18));
    expect(end[0]).toBe(floatingMs(2024, 1, 5, 23));
  });
});

describe.skipIf(!existsSync(chicagoFile))(
  'aoristic on Chicago homicides 2001–2023 (needs ../shared/data)',
  () => {
    it('matches the weekday and hour counts of the CSV and finds the 00:00 records', () => {
      const times: number[] = [];
      for (const line of readFileSync(chicagoFile, 'utf8').split('\n').slice(1)) {
        if (line.length === 0) continue;
        const [date, time, ampm] = line.split(',')[2].split(' ');
        const [mo, d, y] = date.split('/').map(Number);
        const [h, mi, s] = time.split(':').map(Number);
        times.push(floatingMs(y, mo, d, (h % 12) + (ampm === 'PM' ? 12 : 0), mi, s));
      }
      const r = aoristic(Float64Array.from(times));
      // Python: Counter(d.weekday() for d in dates), Counter(d.hour for d in dates)
      const byDay = [1724, 1596, 1557, 1611, 1708, 2191, 2270];
      const byHour = [
        818, 803, 746, 597, 492, 415, 352, 285, 252, 330, 294, 325, 410, 426, 472, 489, 553, 561,
        606, 564, 668, 705, 718, 776,
      ];
      const margins = aoristicMargins(r.table);
      expect(Array.from(margins.byDay)).toEqual(byDay);
      expect(Array.from(margins.byHour)).toEqual(byHour);
      // Counter((d.weekday(), d.hour))[(5, 1)] = 175 (Saturday 01:00), [(6, 2)] = 184, [(0, 9)] = 44
      expect([r.table[cell(5, 1)], r.table[cell(6, 2)], r.table[cell(0, 9)]]).toEqual([
        175, 184, 44,
      ]);
      // sum(d.hour == d.minute == d.second == 0) = 27; none of them on the 1st of a month
      expect(r.midnight).toBe(27);
      expect(r.firstOfMonthMidnight).toBe(0);
      expect(r.incidents).toBe(12657);
    });
  },
);
