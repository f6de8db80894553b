import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floatingMs, formatIsoDate, formatIsoMonth } from '../../../src/analysis/calendar';
import { mannKendall } from '../../../src/analysis/mannKendall';
import { dataCoverage, selectedIndices, timeSeries } from '../../../src/analysis/timeSeries';

const dataDir = path.resolve(__dirname, '../../../../shared/data');
const policeUkDir = path.join(dataDir, 'policeuk_city_of_london_2017');
const chicagoFile = path.join(dataDir, 'chicago_homicides_2001_2023/Homicides_2001_to_present.csv');

/** Splits one CSV line, honouring double quotes (enough for these two portal files). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') field += line[i++];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

function readCsv(file: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  return { header: splitCsvLine(lines[0]), rows: lines.slice(1).map(splitCsvLine) };
}

const day = (y: number, m: number, d: number, h = 0, min = 0) => floatingMs(y, m, d, h, min);

describe('timeSeries by hand', () => {
  it('counts by day and takes a day reaching its last hour as complete', () => {
    const t = Float64Array.of(day(2024, 1, 1, 9), day(2024, 1, 2, 10), day(2024, 1, 2, 23, 30));
    const r = timeSeries(t, { by: 'day' });
    expect(r.series.map((p) => [formatIsoDate(p.startMs), p.count, p.partial, p.missing])).toEqual([
      ['2024-01-01', 1, false, false],
      ['2024-01-02', 2, false, false],
    ]);
    expect(formatIsoDate(r.coverage.completeThroughMs)).toBe('2024-01-03');
  });

  it('treats a last day that stops before 23:00 as still filling (portal lag)', () => {
    const t = Float64Array.of(day(2024, 1, 1, 9), day(2024, 1, 2, 22, 59));
    const r = timeSeries(t, { by: 'day' });
    expect(r.series.map((p) => p.partial)).toEqual([false, true]);
    expect(formatIsoDate(r.coverage.completeThroughMs)).toBe('2024-01-02');
    // An extract taken on 3 January says 2 January was over.
    const withExtract = timeSeries(t, { by: 'day', extractedAtMs: day(2024, 1, 3, 6) });
    expect(withExtract.series.map((p) => p.partial)).toEqual([false, false]);
    // …but an extract taken during 2 January does not.
    expect(dataCoverage(t, { extractedAtMs: day(2024, 1, 2, 23) }).completeThroughMs).toBe(
      day(2024, 1, 2),
    );
  });

  it('never takes the last day of date-only data as complete; takes the last month of month-only data', () => {
    const dates = Float64Array.of(day(2024, 1, 1), day(2024, 1, 5));
    expect(formatIsoDate(dataCoverage(dates, { precision: 'day' }).completeThroughMs)).toBe(
      '2024-01-05',
    );
    const months = Float64Array.of(day(2024, 1, 1), day(2024, 3, 1));
    const c = dataCoverage(months, { precision: 'month' });
    expect(formatIsoDate(c.completeThroughMs)).toBe('2024-04-01');
    expect(c.rule).toMatch(/whole month/);
  });

  it('starts weeks on Monday and flags a partial first and last week', () => {
    // Sun 7 Jan, Mon 8 Jan, Wed 10 Jan 2024 (coverage from Sun 7 Jan: that week is partial)
    const t = Float64Array.of(day(2024, 1, 7, 12), day(2024, 1, 8, 1), day(2024, 1, 10, 23));
    const r = timeSeries(t, { by: 'week' });
    expect(r.series.map((p) => [formatIsoDate(p.startMs), p.count, p.partial])).toEqual([
      ['2024-01-01', 1, true],
      ['2024-01-08', 2, true], // complete only through Wed 10 Jan
    ]);
  });

  it('marks a month the whole data set lacks as missing, and a month the filter empties as 0', () => {
    // 10 records a month Jan–Jun 2023 except none in April; category 1 only in Jan–Feb.
    const times: number[] = [];
    const cats: number[] = [];
    for (const m of [1, 2, 3, 5, 6])
      for (let k = 0; k < 10; k++) {
        times.push(day(2023, m, 1 + k, 12));
        cats.push(m <= 2 && k < 3 ? 1 : 0);
      }
    times.push(day(2023, 6, 30, 23, 10));
    cats.push(0);
    const t = Float64Array.from(times);
    const categories = Uint16Array.from(cats);
    const mask = Uint8Array.from(cats, (c) => (c === 1 ? 1 : 0));
    const r = timeSeries(t, { by: 'month', selection: mask, categories });
    expect(r.series.map((p) => [formatIsoMonth(p.startMs), p.count, p.missing, p.partial])).toEqual(
      [
        ['2023-01', 3, false, false],
        ['2023-02', 3, false, false],
        ['2023-03', 0, false, false],
        ['2023-04', 0, true, false],
        ['2023-05', 0, false, false],
        ['2023-06', 0, false, false],
      ],
    );
    expect(r.byCategory).toHaveLength(1);
    expect(r.byCategory![0].code).toBe(1);
    expect(Array.from(r.byCategory![0].counts)).toEqual([3, 3, 0, 0, 0, 0]);
    // The trend uses the five complete, present months.
    expect(r.trend.n).toBe(5);
  });

  it('does not call an empty day of a rare crime a gap', () => {
    // about one record every other day: a day with none is ordinary
    const t = Float64Array.from({ length: 100 }, (_, i) => day(2023, 1, 1) + i * 2 * 86_400_000);
    const r = timeSeries(t, { by: 'day' });
    expect(r.series.some((p) => p.missing)).toBe(false);
    expect(r.series.filter((p) => p.count === 0)).toHaveLength(99);
  });

  it('leaves partial and missing months out of the trend but keeps their place for the slope', () => {
    // 5, 10, 15, [gap], 25, 30, 35 a month (gap in April), extract until mid-July: July partial
    const times: number[] = [];
    [5, 10, 15, 0, 25, 30, 35].forEach((n, i) => {
      for (let k = 0; k < n; k++) times.push(day(2023, i + 1, 1 + (k % 28), 12));
    });
    times.push(day(2023, 8, 10, 10)); // August: partial (data stop on the 10th)
    const r = timeSeries(Float64Array.from(times), { by: 'month' });
    expect(r.series.map((p) => p.missing)).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(r.series.at(-1)!.partial).toBe(true);
    expect(r.trend.n).toBe(6);
    expect(r.trend.S).toBe(15);
    expect(r.trend.trend).toBe('increasing');
    expect(r.senSlope.slope).toBe(5); // per month, across the April gap
    expect(r.senSlope.intercept).toBe(5);
  });

  it('flags the periods a brushed range cuts as partial and counts nothing outside it', () => {
    const t = Float64Array.from({ length: 90 }, (_, i) => day(2023, 1, 1, 12) + i * 86_400_000);
    const r = timeSeries(t, {
      by: 'month',
      rangeStartMs: day(2023, 1, 15),
      rangeEndMs: day(2023, 3, 1),
    });
    expect(r.series.map((p) => [formatIsoMonth(p.startMs), p.count, p.partial])).toEqual([
      ['2023-01', 17, true],
      ['2023-02', 28, false],
    ]);
  });

  it('declines day and week counts of month-only dates', () => {
    const r = timeSeries(Float64Array.of(day(2023, 1, 1)), { by: 'week', precision: 'month' });
    expect(r.series).toEqual([]);
    expect(r.declined).toMatch(/months only/);
  });

  it('reads masks and index lists alike and rejects a mask of the wrong length', () => {
    expect(Array.from(selectedIndices(Uint8Array.of(0, 1, 1, 0), 4))).toEqual([1, 2]);
    expect(Array.from(selectedIndices(Uint32Array.of(3), 4))).toEqual([3]);
    expect(Array.from(selectedIndices(undefined, 3))).toEqual([0, 1, 2]);
    expect(() => selectedIndices(Uint8Array.of(1), 4)).toThrow(/mask/);
  });

  it('does not mutate its inputs', () => {
    const t = Float64Array.of(day(2023, 1, 1), day(2023, 2, 1));
    const copy = t.slice();
    timeSeries(t, { categories: Uint16Array.of(0, 1) });
    expect(t).toEqual(copy);
  });
});

describe.skipIf(!existsSync(policeUkDir))(
  'timeSeries on police.uk City of London 2017 (needs ../shared/data)',
  () => {
    // Each file's Month column, read here directly (not through the app's importer).
    const months: number[] = [];
    const types: string[] = [];
    const rowsPerFile = new Map<string, number>();
    if (existsSync(policeUkDir)) {
      for (const file of readdirSync(policeUkDir).filter((f) => f.endsWith('.csv'))) {
        const { header, rows } = readCsv(path.join(policeUkDir, file));
        const monthCol = header.indexOf('Month');
        const typeCol = header.indexOf('Crime type');
        for (const row of rows) {
          const [y, m] = row[monthCol].split('-').map(Number);
          months.push(floatingMs(y, m, 1));
          types.push(row[typeCol]);
        }
        rowsPerFile.set(file.slice(0, 7), rows.length);
      }
    }
    const startMs = Float64Array.from(months);

    it('finds the months the extract lacks (2017-10 and 2017-11) and counts the others', () => {
      const r = timeSeries(startMs, { by: 'month', precision: 'month' });
      expect(r.series.filter((p) => p.missing).map((p) => formatIsoMonth(p.startMs))).toEqual([
        '2017-10',
        '2017-11',
      ]);
      expect(r.series.some((p) => p.partial)).toBe(false);
      for (const p of r.series.filter((q) => !q.missing)) {
        expect(p.count).toBe(rowsPerFile.get(formatIsoMonth(p.startMs)));
      }
      expect(formatIsoMonth(r.coverage.completeThroughMs - 1)).toBe('2017-12');
      expect(r.trend.n).toBe(9);
    });

    it('keeps months the filter empties (no anti-social behaviour in May, Sep, Dec) as zero', () => {
      const mask = Uint8Array.from(types, (t) => (t === 'Anti-social behaviour' ? 1 : 0));
      const r = timeSeries(startMs, { by: 'month', precision: 'month', selection: mask });
      const zeros = r.series.filter((p) => p.count === 0 && !p.missing);
      expect(zeros.map((p) => formatIsoMonth(p.startMs))).toEqual([
        '2017-05',
        '2017-09',
        '2017-12',
      ]);
      expect(r.series.filter((p) => p.missing)).toHaveLength(2);
    });
  },
);

describe.skipIf(!existsSync(chicagoFile))(
  'timeSeries on Chicago homicides 2001–2023 (needs ../shared/data)',
  () => {
    const times: number[] = [];
    if (existsSync(chicagoFile)) {
      const { header, rows } = readCsv(chicagoFile);
      const col = header.indexOf('Date');
      for (const row of rows) {
        // "MM/DD/YYYY hh:mm:ss AM"
        const [date, time, ampm] = row[col].split(' ');
        const [mo, d, y] = date.split('/').map(Number);
        const [h, mi, s] = time.split(':').map(Number);
        times.push(floatingMs(y, mo, d, (h % 12) + (ampm === 'PM' ? 12 : 0), mi, s));
      }
    }
    const startMs = Float64Array.from(times);

    it('matches the per-year counts of the source notes and finds July 2023 partial', () => {
      const r = timeSeries(startMs, { by: 'month' });
      const perYear = new Map<string, number>();
      for (const p of r.series) {
        const y = formatIsoMonth(p.startMs).slice(0, 4);
        perYear.set(y, (perYear.get(y) ?? 0) + p.count);
      }
      // SOURCE.txt: 2001 667 … 2016 786, 2020 787, 2021 804, 2022 717, 2023 340 (partial year)
      expect([2001, 2016, 2020, 2021, 2022, 2023].map((y) => perYear.get(String(y)))).toEqual([
        667, 786, 787, 804, 717, 340,
      ]);
      // The last record is 2023-07-19 19:40: complete through 18 July; July 2023 is partial.
      expect(formatIsoDate(r.coverage.completeThroughMs - 1)).toBe('2023-07-18');
      expect(r.series.filter((p) => p.partial).map((p) => formatIsoMonth(p.startMs))).toEqual([
        '2023-07',
      ]);
      expect(r.series.some((p) => p.missing)).toBe(false);
      expect(r.series).toHaveLength(271);
      // The trend is the Mann-Kendall test of the 270 complete months.
      const complete = r.series.filter((p) => !p.partial).map((p) => p.count);
      expect(r.trend).toEqual(mannKendall(complete));
      expect(r.trend.trend).toBe('increasing');
    });

    it('has zeros, not gaps, in the daily series of a rare crime', () => {
      const r = timeSeries(startMs, { by: 'day' });
      expect(r.series.some((p) => p.missing)).toBe(false);
      expect(r.series.filter((p) => p.count === 0).length).toBeGreaterThan(1000);
    });
  },
);
