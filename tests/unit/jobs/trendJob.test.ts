/**
 * The trend job: hand cases whose numbers can be checked by pencil (a steady rise of 2 a month, a
 * partial last month, a month-long hole in the extract, one category of several), the police.uk
 * City of London 2017 extract (whose October and November are absent) through the real import,
 * and the sample city's planted summer peak and rising MOTOR VEHICLE THEFT (data/sample/truth.json).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { floatingMs, formatIsoMonth } from '../../../src/analysis/calendar';
import { twoSidedP } from '../../../src/analysis/normal';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';
import type { JobInput } from '../../../src/data/jobInput';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import { trendJob, trendJson, type TrendResult } from '../../../src/data/jobs/trendJob';
import { handInput, type HandIncident } from './timeJobInput';

const SAMPLE = resolve(__dirname, '../../../data/sample');
const POLICE_UK = resolve(__dirname, '../../../../shared/data/policeuk_city_of_london_2017');

const run = (input: JobInput, params: Parameters<typeof trendJob>[1] = {}) =>
  trendJob(input, params, noProgress) as TrendResult;

/** `counts[m]` incidents of `category` in month m (0 = January 2024), at 10:00 on days 1, 2, … */
function monthly(counts: number[], category = 'BURGLARY'): HandIncident[] {
  return counts.flatMap((c, m) =>
    Array.from({ length: c }, (_, k) => ({ t: floatingMs(2024, m + 1, 1 + k, 10), category })),
  );
}

/** A record at 23:30 on the last day of June 2024, so the data reach the end of June. */
const END_OF_JUNE: HandIncident = { t: floatingMs(2024, 6, 30, 23, 30), category: 'THEFT' };

describe('trend job on hand cases', () => {
  it('finds a steady rise of 2 a month: S = 15, Var(S) = 6·5·17/18, slope 2, in words', () => {
    // 10, 12, 14, 16, 18, 20 burglaries January–June 2024, plus one theft at 23:30 on 30 June (so
    // June is complete and its total is 21): every pair rises, S = n(n−1)/2 = 15, no ties.
    const input = handInput([...monthly([10, 12, 14, 16, 18, 20]), END_OF_JUNE]);
    const r = run(input, { focus: 'category:burglary' });
    expect(r.focus.label).toBe('BURGLARY');
    expect(Array.from(r.counts)).toEqual([10, 12, 14, 16, 18, 20]);
    expect(r.completeThrough).toBe('2024-06-30');
    expect(Array.from(r.partial)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.trend.S).toBe(15);
    expect(r.trend.varS).toBeCloseTo((6 * 5 * 17) / 18, 10);
    const z = 14 / Math.sqrt((6 * 5 * 17) / 18); // continuity-corrected: (S − 1)/√Var(S) = 2.630
    expect(r.trend.z).toBeCloseTo(z, 10);
    expect(r.trend.p).toBeCloseTo(twoSidedP(z), 12);
    expect(r.trend.tau).toBe(1);
    expect(r.senSlope.slope).toBe(2);
    expect(r.senSlope.intercept).toBe(10); // median 15 − median index 2.5 × 2
    expect(Array.from(r.trendLine)).toEqual([10, 12, 14, 16, 18, 20]);
    expect(r.sentence).toBe('burglary rose 2 a month, p = 0.009');
    expect(r.log.join('\n')).toMatch(/Mann-Kendall/);
    expect(r.log.join('\n')).toMatch(/Sen's slope/);
  });

  it('says "no significant trend" for a flat series and names p', () => {
    const input = handInput([...monthly([10, 12, 10, 12, 10, 12]), END_OF_JUNE]);
    const r = run(input, { focus: 'category:BURGLARY' });
    expect(r.trend.trend).toBe('no trend');
    expect(r.sentence).toMatch(/^burglary: no significant trend \(p = 0\.\d\d\)$/);
  });

  it('marks a partial last month and leaves it out of the test', () => {
    // The data stop at 10:00 on 3 July: complete through 2 July, July is partial.
    const input = handInput([
      ...monthly([10, 12, 14, 16, 18, 20]),
      END_OF_JUNE,
      { t: floatingMs(2024, 7, 3, 10), category: 'BURGLARY' },
    ]);
    const r = run(input, { focus: 'category:BURGLARY' });
    expect(r.completeThrough).toBe('2024-07-02');
    expect(Array.from(r.partial)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(r.counts[6]).toBe(1);
    expect(r.trend.n).toBe(6);
    expect(r.trend.S).toBe(15); // the partial July (1) would otherwise add 6 falling pairs
    expect(Number.isNaN(r.trendLine[6])).toBe(true);
  });

  it('marks a month with no record at all as missing (not zero) when months average ≥ 5', () => {
    const input = handInput([...monthly([10, 12, 0, 16, 18, 20]), END_OF_JUNE]);
    const r = run(input);
    expect(Array.from(r.missing)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(r.trend.n).toBe(5);
    expect(r.summary.join(' ')).toMatch(/missing \(gaps in the extract, not zeros\): 2024-03/);
    // Sen's slope keeps the time index: 10, 12, _, 16, 18, 20 still rises 2 a month.
    expect(r.senSlope.slope).toBe(2);
  });

  it('keeps a zero when the whole data set has records that month but the selection has none', () => {
    const incidents = [
      ...monthly([10, 12, 0, 16, 18, 20]),
      ...monthly([0, 0, 6, 0, 0, 0], 'THEFT'),
      END_OF_JUNE,
    ];
    const r = run(handInput(incidents), { focus: 'category:BURGLARY' });
    expect(Array.from(r.missing)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.counts[2]).toBe(0);
    expect(r.trend.n).toBe(6);
  });

  it('counts only the filtered incidents, coverage from the whole data set', () => {
    const incidents = [...monthly([10, 12, 14, 16, 18, 20]), END_OF_JUNE].map((i, k) => ({
      ...i,
      selected: k % 2 === 0,
    }));
    const r = run(handInput(incidents));
    expect(r.counts.reduce((a, b) => a + b, 0)).toBe(Math.ceil(incidents.length / 2));
    expect(r.completeThrough).toBe('2024-06-30'); // from the unselected 23:30 theft
  });

  it('gives the monthly trend of every category and group, rising types first', () => {
    const incidents = [
      ...monthly([10, 12, 14, 16, 18, 20]),
      ...monthly([9, 11, 10, 9, 11, 10], 'THEFT'),
      END_OF_JUNE,
    ];
    const r = run(handInput(incidents));
    expect(r.changes.map((c) => c.key)).toContain('group:property');
    expect(r.changes[0].key).toBe('category:BURGLARY');
    expect(r.changes[0].trend.trend).toBe('increasing');
    const theft = r.changes.find((c) => c.key === 'category:THEFT');
    expect(theft?.trend.trend).toBe('no trend');
  });

  it('counts by week from Monday and by day', () => {
    // Monday 1 January 2024 … Sunday 14 January, 3 a day, the last at 23:00.
    const incidents: HandIncident[] = [];
    for (let d = 1; d <= 14; d++)
      for (const h of [9, 15, 23])
        incidents.push({ t: floatingMs(2024, 1, d, h), category: 'THEFT' });
    const weekly = run(handInput(incidents), { by: 'week' });
    expect(Array.from(weekly.counts)).toEqual([21, 21]);
    expect(trendJson(weekly).series.map((s) => s.start)).toEqual(['2024-01-01', '2024-01-08']);
    const daily = run(handInput(incidents), { by: 'day' });
    expect(daily.counts.length).toBe(14);
    expect(daily.sentence).toMatch(/no significant trend/);
  });

  it('declines days and weeks on month-only dates, with the reason', () => {
    const input = handInput(monthly([10, 12, 14, 16, 18, 20]), 'month');
    const r = run(input, { by: 'week' });
    expect(r.declined).toMatch(/months only/);
    expect(r.counts.length).toBe(0);
    expect(run(input, { by: 'month' }).declined).toBeNull();
  });

  it('names the choices when a category is unknown', () => {
    expect(() => run(handInput(monthly([1, 2])), { focus: 'category:ARSON' })).toThrow(
      /no category "ARSON".*BURGLARY/,
    );
  });
});

describe.skipIf(!existsSync(POLICE_UK))(
  'trend job on the police.uk City of London 2017 extract (needs ../shared/data)',
  () => {
    let input: JobInput;
    beforeAll(async () => {
      const files = readdirSync(POLICE_UK)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => resolve(POLICE_UK, f));
      input = cliJobInput(await importFiles(files), 'City of London 2017');
    });

    it('detects the months missing from the extract (October, November) through the import', () => {
      expect(input.timePrecision).toBe('month');
      const r = run(input);
      const months = Array.from(r.periodStartMs, formatIsoMonth);
      expect(months[0]).toBe('2017-02');
      expect(months[months.length - 1]).toBe('2017-12');
      const missing = months.filter((_, i) => r.missing[i] === 1);
      expect(missing).toEqual(['2017-10', '2017-11']);
      expect(r.trend.n).toBe(months.length - 2);
      expect(r.completeThrough).toBe('2017-12-31');
      expect(r.seasonal?.basis).toBe('completeMonths');
    });

    it('declines weekly and daily counts of month-only dates', () => {
      expect(run(input, { by: 'day' }).declined).toMatch(/months only/);
    });
  },
);

describe('trend job on the sample city', () => {
  let input: JobInput;
  let truth: { trend: { primaryType: string }; seasonality: { peakDayOfYear: number } };
  beforeAll(async () => {
    input = cliJobInput(await importFiles([resolve(SAMPLE, 'incidents.csv')]), 'sample');
    truth = JSON.parse(readFileSync(resolve(SAMPLE, 'truth.json'), 'utf8')) as typeof truth;
  });

  it('finds the planted summer peak (mid-July) and winter trough', () => {
    const r = run(input);
    expect(r.completeThrough).toBe('2025-12-31');
    expect(r.seasonal?.basis).toBe('completeYears');
    expect(r.seasonal?.years).toEqual([2023, 2024, 2025]);
    const index = Array.from(r.seasonal?.index ?? []);
    const peak = index.indexOf(Math.max(...index));
    expect(truth.seasonality.peakDayOfYear).toBeGreaterThan(181); // July
    expect([5, 6, 7]).toContain(peak); // June–August
    expect(index[6]).toBeGreaterThan(1.15);
    expect(Math.min(index[0], index[1])).toBeLessThan(0.85);
    expect(r.yearOverYear?.lines.map((l) => l.year)).toEqual([2023, 2024, 2025]);
  });

  it('finds the rising type (MOTOR VEHICLE THEFT) first among changing categories', () => {
    const r = run(input);
    const categories = r.changes.filter((c) => c.kind === 'category');
    expect(categories[0].label).toBe(truth.trend.primaryType);
    expect(categories[0].trend.trend).toBe('increasing');
    expect(categories[0].trend.p).toBeLessThan(0.001);
    // Planted: +40% a year; Sen's slope × 12 over the mean month is of that size.
    const yearly = (12 * categories[0].slopePerMonth) / categories[0].meanPerMonth;
    expect(yearly).toBeGreaterThan(0.2);
    expect(yearly).toBeLessThan(0.5);
    const focused = run(input, { focus: `category:${truth.trend.primaryType}`, by: 'week' });
    expect(focused.sentence).toMatch(/^motor vehicle theft rose [\d.]+ a week, p < 0\.001$/);
    expect(r.summary.join(' ')).toMatch(/motor vehicle theft rose/);
  });
});
