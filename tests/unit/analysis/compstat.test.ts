import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY, floatingMs, formatIsoDate } from '../../../src/analysis/calendar';
import { compstat, type CompstatWindow } from '../../../src/analysis/compstat';

const dataDir = path.resolve(__dirname, '../../../../shared/data');
const policeUkDir = path.join(dataDir, 'policeuk_city_of_london_2017');
const chicagoFile = path.join(dataDir, 'chicago_homicides_2001_2023/Homicides_2001_to_present.csv');

/** Incidents built as [code, time] pairs. */
function incidents(list: [number, number][]): { startMs: Float64Array; categories: Uint16Array } {
  return {
    startMs: Float64Array.from(list, ([, t]) => t),
    categories: Uint16Array.from(list, ([c]) => c),
  };
}

/** `count` incidents of `code` on consecutive days from `first` (at noon). */
function daily(code: number, count: number, first: number): [number, number][] {
  return Array.from({ length: count }, (_, k) => [code, first + k * MS_PER_DAY + 12 * 3_600_000]);
}

const windowOf = (windows: CompstatWindow[], label: string) =>
  windows.find((w) => w.label === label)!;

describe('compstat by hand', () => {
  // Complete through Monday 8 January 2024 (the 7 days are Mon 1 – Sun 7 January).
  const end = floatingMs(2024, 1, 8);
  const { startMs, categories } = incidents([
    [0, floatingMs(2022, 12, 1, 9)], // coverage reaches back past the year-earlier week
    ...daily(1, 5, floatingMs(2024, 1, 1)), // burglary: 5 this week
    ...daily(1, 1, floatingMs(2023, 12, 25)), // 1 the week before
    ...daily(0, 3, floatingMs(2024, 1, 2)), // theft: 3 this week
    ...daily(0, 3, floatingMs(2023, 12, 26)), // 3 the week before
    ...daily(0, 2, floatingMs(2023, 1, 3)), // 2 in the same week of 2023 (Mon 2 – Sun 8 Jan)
  ]);
  const result = compstat(startMs, {
    categories,
    categoryNames: ['Theft', 'Burglary'],
    completeThroughMs: end,
  });
  const week = windowOf(result.windows, '7 days');

  it('sets the periods: 7 days, the 7 before, and 52 weeks earlier (same weekdays)', () => {
    expect(formatIsoDate(week.current.startMs)).toBe('2024-01-01');
    expect(formatIsoDate(week.previous.startMs)).toBe('2023-12-25');
    expect(formatIsoDate(week.yearEarlier.startMs)).toBe('2023-01-02');
    expect(formatIsoDate(week.yearEarlier.endMs)).toBe('2023-01-09');
    expect(week.yearEarlier.available).toBe(true);
  });

  it('computes counts, % change, "new" and the Poisson p', () => {
    const burglary = week.rows.find((r) => r.label === 'Burglary')!;
    expect(burglary.current).toBe(5);
    expect(burglary.previous.count).toBe(1);
    expect(burglary.previous.changePercent).toBe(400);
    // Binomial(6, ½): outcomes as unlikely as 5 are 0, 1, 5, 6 → (1 + 6 + 6 + 1)/64 = 0.21875
    // R: poisson.test(c(5, 1))$p.value = 0.21875
    expect(burglary.previous.p).toBeCloseTo(0.21875, 14);
    expect(burglary.yearEarlier.count).toBe(0);
    expect(burglary.yearEarlier.isNew).toBe(true);
    expect(Number.isNaN(burglary.yearEarlier.changePercent)).toBe(true);
    const theft = week.rows.find((r) => r.label === 'Theft')!;
    expect(theft.previous.changePercent).toBe(0);
    expect(theft.previous.p).toBe(1);
    expect(theft.yearEarlier.changePercent).toBe(50);
    expect(week.total.current).toBe(8);
    expect(week.total.previous.count).toBe(4);
  });

  it('sorts real changes first, largest first, then the rest by p', () => {
    // 28 days to 1 March 2024; data from 1 January 2024, so no year-earlier comparison.
    const e = floatingMs(2024, 3, 1);
    const cur = e - 28 * MS_PER_DAY;
    const prev = e - 56 * MS_PER_DAY;
    const data = incidents([
      [9, floatingMs(2024, 1, 1, 8)],
      ...daily(0, 12, cur), // B: 12 against 2 — p = 0.01294 (R poisson.test(c(12, 2)))
      ...daily(0, 2, prev),
      ...daily(1, 5, cur), // C: 5 against 3 — p = 0.7266
      ...daily(1, 3, prev),
      ...daily(2, 0, cur), // D: 0 against 4 — p = 0.125
      ...daily(2, 4, prev),
      ...daily(3, 28, cur), // A: 40 against 10 — p = 2.39e-5
      ...daily(3, 12, cur),
      ...daily(3, 10, prev),
    ]);
    const r = compstat(data.startMs, {
      categories: data.categories,
      categoryNames: ['B', 'C', 'D', 'A', '', '', '', '', '', 'other'],
      groups: [{ name: 'A or B', codes: [3, 0, 3] }],
      completeThroughMs: e,
    });
    const month = windowOf(r.windows, '28 days');
    expect(month.yearEarlier.available).toBe(false);
    expect(month.yearEarlier.reason).toMatch(/data start on 2024-01-01/);
    // 'A or B' (52 against 12, the largest real change), A (Δ 30), B (Δ 10); then D (p 0.125),
    // C (p 0.727); 'other' has nothing in either period and no row.
    expect(month.rows.map((x) => x.label)).toEqual(['A or B', 'A', 'B', 'D', 'C']);
    const [group, a, b, d] = month.rows;
    expect(group.current).toBe(52);
    expect(group.previous.count).toBe(12);
    expect(a.previous.changePercent).toBe(300);
    // R: poisson.test(c(40, 10))$p.value = 2.3861331676755601e-05
    expect(a.previous.p / 2.3861331676755601e-5).toBeCloseTo(1, 10);
    expect(b.previous.p).toBeCloseTo(0.012939453125000003, 14);
    expect(d.previous.changePercent).toBe(-100);
    expect(d.previous.p).toBeCloseTo(0.125, 14);
    expect(Number.isNaN(a.yearEarlier.p)).toBe(true);
    expect(r.sortRule).toMatch(/larger than chance/);
  });

  it('counts only the incidents in the area and the selection', () => {
    const area = new Uint8Array(startMs.length);
    area.fill(1, 1, 4); // three of the five current burglaries
    const r = compstat(startMs, { categories, completeThroughMs: end, areaMask: area });
    expect(windowOf(r.windows, '7 days').total.current).toBe(3);
    const selected = compstat(startMs, {
      categories,
      completeThroughMs: end,
      selection: Uint32Array.of(1, 2),
    });
    expect(windowOf(selected.windows, '7 days').total.current).toBe(2);
  });

  it('declines a window the data do not cover', () => {
    const short = compstat(Float64Array.of(floatingMs(2024, 1, 1, 10), floatingMs(2024, 1, 9, 23)));
    expect(windowOf(short.windows, '7 days').declined).toBeUndefined();
    expect(windowOf(short.windows, '28 days').declined).toMatch(/data start on 2024-01-01/);
    expect(windowOf(short.windows, '28 days').rows).toEqual([]);
  });

  it('does not mutate its inputs', () => {
    const copy = startMs.slice();
    compstat(startMs, { categories, completeThroughMs: end });
    expect(startMs).toEqual(copy);
  });
});

describe.skipIf(!existsSync(policeUkDir))(
  'compstat on police.uk City of London 2017, month-only dates (needs ../shared/data)',
  () => {
    const months: number[] = [];
    if (existsSync(policeUkDir)) {
      for (const file of readdirSync(policeUkDir).filter((f) => f.endsWith('.csv'))) {
        const lines = readFileSync(path.join(policeUkDir, file), 'utf8').split('\n');
        const col = lines[0].split(',').indexOf('Month');
        for (const line of lines.slice(1)) {
          if (line.length === 0) continue;
          const [y, m] = line.split(',')[col].split('-').map(Number);
          months.push(floatingMs(y, m, 1));
        }
      }
    }
    const startMs = Float64Array.from(months);

    it('declines 7 days, compares months, and names the missing month', () => {
      const r = compstat(startMs, { precision: 'month' });
      expect(formatIsoDate(r.completeThroughMs)).toBe('2018-01-01');
      expect(r.windows.map((w) => w.label)).toEqual(['7 days', '1 month', '12 months']);
      expect(r.windows[0].declined).toMatch(/months only/);
      const month = r.windows[1];
      expect(month.total.current).toBe(464); // the 2017-12 file
      expect(month.previous.available).toBe(false);
      expect(month.previous.reason).toMatch(/2017-11: a gap/);
      expect(month.yearEarlier.reason).toMatch(/data start on 2017-02-01/);
      expect(r.windows[2].declined).toMatch(/not covered/);
    });

    it('tests months of different lengths with their days as exposures', () => {
      // March 2017 (715 rows, 31 days) against February (597 rows, 28 days)
      // R: poisson.test(c(715, 597), c(31, 28))$p.value = 0.15864926735627893, rate ratio 1.0817528502728697
      const r = compstat(startMs, {
        precision: 'month',
        completeThroughMs: floatingMs(2017, 4, 1),
      });
      const total = r.windows[1].total;
      expect(total.current).toBe(715);
      expect(total.previous.count).toBe(597);
      expect(total.previous.p).toBeCloseTo(0.15864926735627893, 12);
      expect(total.previous.rateRatio).toBeCloseTo(1.0817528502728697, 14);
      // August (668) against July (566): R: poisson.test(c(668, 566))$p.value = 0.0040200262870028029
      const aug = compstat(startMs, {
        precision: 'month',
        completeThroughMs: floatingMs(2017, 9, 1),
      });
      expect(aug.windows[1].total.previous.p).toBeCloseTo(0.0040200262870028029, 14);
      expect(aug.windows[1].total.previous.significant).toBe(true);
    });
  },
);

describe.skipIf(!existsSync(chicagoFile))(
  'compstat on Chicago homicides to July 2023 (needs ../shared/data)',
  () => {
    const times: number[] = [];
    const domestic: number[] = [];
    if (existsSync(chicagoFile)) {
      const lines = readFileSync(chicagoFile, 'utf8').split('\n');
      const header = lines[0].split(',');
      const domesticCol = header.indexOf('Domestic');
      for (const line of lines.slice(1)) {
        if (line.length === 0) continue;
        const fields = line.split(','); // the columns up to Domestic hold no quoted commas
        const [date, time, ampm] = fields[2].split(' ');
        const [mo, d, y] = date.split('/').map(Number);
        const [h, mi, s] = time.split(':').map(Number);
        times.push(floatingMs(y, mo, d, (h % 12) + (ampm === 'PM' ? 12 : 0), mi, s));
        domestic.push(fields[domesticCol] === 'True' ? 1 : 0);
      }
    }

    it('matches counts from the CSV and R poisson.test p-values', () => {
      const r = compstat(Float64Array.from(times), {
        categories: Uint16Array.from(domestic),
        categoryNames: ['Not domestic', 'Domestic'],
      });
      // Last record 2023-07-19 19:40: complete through 18 July.
      expect(formatIsoDate(r.completeThroughMs - 1)).toBe('2023-07-18');
      // Python: sum(E - w <= d < E for d in dates), E = 2023-07-19, w = 7/28/365 days; the year
      // earlier 364 days back (365 for the 365-day window)
      const expected = {
        '7 days': [9, 16, 12, 0.22952294349670424, 0.66362380981445335],
        '28 days': [58, 60, 61, 0.92670422294778276, 0.85463004217976724],
        '365 days': [688, 757, 757, 0.073601699370895904, 0.073601699370895904],
      } as const;
      for (const [label, [cur, prev, year, pPrev, pYear]] of Object.entries(expected)) {
        const total = windowOf(r.windows, label).total;
        expect([total.current, total.previous.count, total.yearEarlier.count]).toEqual([
          cur,
          prev,
          year,
        ]);
        // R: poisson.test(c(cur, prev))$p.value, poisson.test(c(cur, year))$p.value
        expect(total.previous.p).toBeCloseTo(pPrev, 12);
        expect(total.yearEarlier.p).toBeCloseTo(pYear, 12);
      }
      const dom = windowOf(r.windows, '28 days').rows.find((x) => x.label === 'Domestic')!;
      // Python: 7 domestic homicides in the 28 days, 3 before, 6 a year earlier;
      // R: poisson.test(c(7, 3))$p.value = 0.34375
      expect([dom.current, dom.previous.count, dom.yearEarlier.count]).toEqual([7, 3, 6]);
      expect(dom.previous.changePercent).toBeCloseTo(133.333333333333, 9);
      expect(dom.previous.p).toBeCloseTo(0.34375, 14);
    });
  },
);
