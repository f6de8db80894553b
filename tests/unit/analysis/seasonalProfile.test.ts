import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMonths, floatingMs } from '../../../src/analysis/calendar';
import {
  isoWeekOf,
  seasonalProfile,
  yearOverYear,
  type SeasonalPeriod,
} from '../../../src/analysis/seasonalProfile';
import { timeSeries } from '../../../src/analysis/timeSeries';

const dataDir = path.resolve(__dirname, '../../../../shared/data');
const policeUkDir = path.join(dataDir, 'policeuk_city_of_london_2017');
const chicagoFile = path.join(dataDir, 'chicago_homicides_2001_2023/Homicides_2001_to_present.csv');

/** Monthly periods from `year`-`month` on, one a count; `flags` marks 'p'artial or 'm'issing ones. */
function months(year: number, month: number, counts: number[], flags = ''): SeasonalPeriod[] {
  return counts.map((count, k) => ({
    startMs: addMonths(floatingMs(year, month, 1), k),
    count,
    partial: flags[k] === 'p',
    missing: flags[k] === 'm',
  }));
}

const janLow = [10, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20];

describe('seasonalProfile by hand', () => {
  it('averages each month over the complete years', () => {
    // 2021 and 2022 complete; 2023 January–March, March partial: left out as an incomplete year
    const series = months(2021, 1, [...janLow, ...janLow.map((c) => c + 2), 50, 60, 5], '');
    series[26].partial = true;
    const r = seasonalProfile(series);
    expect(r.basis).toBe('completeYears');
    expect(r.years).toEqual([2021, 2022]);
    expect(Array.from(r.yearsByMonth)).toEqual(new Array(12).fill(2));
    expect(r.meanByMonth[0]).toBe(11);
    expect(r.meanByMonth[5]).toBe(21);
    // index = mean / mean of means = 11 / ((11 + 11·21)/12)
    expect(r.index[0]).toBeCloseTo(11 / ((11 + 11 * 21) / 12), 14);
    expect(r.note).toBeUndefined();
  });

  it('does not count a year with a missing month as complete', () => {
    const series = months(2021, 1, [...janLow, ...janLow], '               m');
    // month 16 (April 2022) is missing: only 2021 is complete
    const r = seasonalProfile(series);
    expect(r.years).toEqual([2021]);
    expect(r.meanByMonth[3]).toBe(20);
  });

  it('falls back to complete months, and says so, when no year is complete', () => {
    const series = months(2021, 3, [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], 'p');
    // March 2021 partial; April 2021 … March 2022: March backed by one year (2022), April by one
    const r = seasonalProfile(series);
    expect(r.basis).toBe('completeMonths');
    expect(r.note).toMatch(/No calendar year is complete/);
    expect(r.meanByMonth[2]).toBe(17);
    expect(Array.from(r.yearsByMonth)).toEqual(new Array(12).fill(1));
  });

  it('rejects a series that is not monthly', () => {
    const weekly: SeasonalPeriod[] = [
      { startMs: floatingMs(2024, 1, 1), count: 1, partial: false, missing: false },
      { startMs: floatingMs(2024, 1, 8), count: 1, partial: false, missing: false },
    ];
    expect(() => seasonalProfile(weekly)).toThrow(/monthly/);
    expect(() => yearOverYear(months(2024, 1, [1, 2]), { by: 'week' })).toThrow(/weekly/);
  });

  it('draws one line a year with NaN where a month is partial or missing', () => {
    const r = yearOverYear(months(2022, 11, [3, 4, 5, 6, 7], '  m p'));
    expect(r.lines.map((l) => l.year)).toEqual([2022, 2023]);
    expect(Array.from(r.lines[0].counts.slice(10))).toEqual([3, 4]);
    expect(Array.from(r.lines[1].counts.slice(0, 4))).toEqual([NaN, 6, NaN, NaN]);
  });

  it('numbers weeks as ISO 8601 (Python date.isocalendar())', () => {
    // Python: date(2020,12,28).isocalendar() → (2020, 53); date(2021,1,4) → (2021, 1);
    // date(2024,12,30) → (2025, 1); date(2015,12,28) → (2015, 53); date(2023,1,2) → (2023, 1)
    expect(isoWeekOf(floatingMs(2020, 12, 28))).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf(floatingMs(2021, 1, 4))).toEqual({ year: 2021, week: 1 });
    expect(isoWeekOf(floatingMs(2024, 12, 30))).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf(floatingMs(2015, 12, 28))).toEqual({ year: 2015, week: 53 });
    expect(isoWeekOf(floatingMs(2023, 1, 2))).toEqual({ year: 2023, week: 1 });
  });
});

describe.skipIf(!existsSync(chicagoFile))(
  'seasonalProfile on Chicago homicides 2001–2023 (needs ../shared/data)',
  () => {
    const times: number[] = [];
    if (existsSync(chicagoFile)) {
      const lines = readFileSync(chicagoFile, 'utf8').split('\n').slice(1);
      for (const line of lines) {
        if (line.length === 0) continue;
        // The Date column is the third and holds no comma: "MM/DD/YYYY hh:mm:ss AM"
        const [date, time, ampm] = line.split(',')[2].split(' ');
        const [mo, d, y] = date.split('/').map(Number);
        const [h, mi, s] = time.split(':').map(Number);
        times.push(floatingMs(y, mo, d, (h % 12) + (ampm === 'PM' ? 12 : 0), mi, s));
      }
    }
    const startMs = Float64Array.from(times);

    it('finds the summer peak over the 22 complete years', () => {
      const r = seasonalProfile(timeSeries(startMs, { by: 'month' }).series);
      expect(r.basis).toBe('completeYears');
      expect(r.years).toEqual(Array.from({ length: 22 }, (_, k) => 2001 + k));
      // Python: c = Counter((d.year, d.month) for d in dates if d.year <= 2022);
      //         [sum(c[(y, m)] for y in range(2001, 2023)) / 22 for m in range(1, 13)]
      const python = [
        35.8181818182, 29.2727272727, 35.8636363636, 43.5, 50.6818181818, 57.6818181818,
        62.7272727273, 56.7272727273, 54.6818181818, 48.8636363636, 43.5454545455, 40.5,
      ];
      python.forEach((v, m) => expect(r.meanByMonth[m]).toBeCloseTo(v, 9));
      const peak = r.meanByMonth.indexOf(Math.max(...r.meanByMonth));
      expect(peak).toBe(6); // July
      expect(r.index[6]).toBeGreaterThan(1.3);
    });

    it('puts the last days of 2020 in ISO week 53 of 2020', () => {
      // Python: Counter(d.isocalendar()[:2] for d in dates)[(2020, 53)] = 12, [(2021, 1)] = 14
      const weekly = timeSeries(startMs, { by: 'week' }).series;
      const lines = yearOverYear(weekly, { by: 'week' }).lines;
      const y2020 = lines.find((l) => l.year === 2020)!;
      const y2021 = lines.find((l) => l.year === 2021)!;
      expect(y2020.counts[52]).toBe(12);
      expect(y2021.counts[0]).toBe(14);
      expect(Number.isNaN(y2021.counts[52])).toBe(true); // 2021 has 52 weeks
    });
  },
);

describe.skipIf(!existsSync(policeUkDir))(
  'seasonalProfile on police.uk City of London 2017 (needs ../shared/data)',
  () => {
    it('falls back to complete months and leaves January, October and November empty', () => {
      const months: number[] = [];
      for (const file of readdirSync(policeUkDir).filter((f) => f.endsWith('.csv'))) {
        const lines = readFileSync(path.join(policeUkDir, file), 'utf8').split('\n');
        const col = lines[0].split(',').indexOf('Month');
        for (const line of lines.slice(1)) {
          if (line.length === 0) continue;
          const [y, m] = line.split(',')[col].split('-').map(Number);
          months.push(floatingMs(y, m, 1));
        }
      }
      const series = timeSeries(Float64Array.from(months), { precision: 'month' }).series;
      const r = seasonalProfile(series);
      expect(r.basis).toBe('completeMonths');
      expect(Array.from(r.yearsByMonth)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1]);
      expect(r.meanByMonth[1]).toBe(597); // 2017-02 file: 597 rows
      expect(Number.isNaN(r.meanByMonth[9])).toBe(true);
      const line = yearOverYear(series).lines[0];
      expect(line.year).toBe(2017);
      expect(Number.isNaN(line.counts[10])).toBe(true); // November: missing, not 0
    });
  },
);
