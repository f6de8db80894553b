/**
 * The near-repeat jobs on the shipped sample city: its burglaries carry 350 planted near-repeat
 * chains (data/sample/truth.json: a burglary, then 1–4 more on the same block 1–14 days later), so
 * the Knox job must find raised risk within 100 m in the first week and say so in the Near Repeat
 * Calculator's words; the alert job turns that into zones for the last days of data. Month-only
 * dates are declined with the module's reason.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../../src/analysis/calendar';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';
import { NO_FILTER } from '../../../src/data/incidentFilter';
import type { JobInput } from '../../../src/data/jobInput';
import { alertsJob, type AlertsResult } from '../../../src/data/jobs/alertsJob';
import { knoxJob, runKnox, type KnoxJobResult } from '../../../src/data/jobs/knoxJob';
import { noProgress } from '../../../src/data/jobs/jobTypes';

const SAMPLE = resolve(__dirname, '../../../data/sample');
const POLICE_UK = resolve(__dirname, '../../../../shared/data/policeuk_city_of_london_2017');

describe('Knox and alert jobs on the sample burglaries', () => {
  let input: JobInput;
  let knox: KnoxJobResult;

  beforeAll(async () => {
    const imported = await importFiles([resolve(SAMPLE, 'incidents.csv')]);
    input = cliJobInput(imported, 'sample', { ...NO_FILTER, categories: ['BURGLARY'] });
    knox = (await knoxJob(
      input,
      {
        spaceBandMetres: 100,
        spaceBandCount: 3,
        timeBandDays: 7,
        timeBandCount: 3,
        permutations: 199,
        seed: 3,
      },
      noProgress,
    )) as KnoxJobResult;
  });

  it('lays the table out as the Near Repeat Calculator does, every pair counted once', () => {
    expect(knox.spaceBands).toHaveLength(5); // same location, 3 bands, more than
    expect(knox.timeBands).toHaveLength(4); // 3 bands, more than
    expect(knox.observed).toHaveLength(5);
    for (const row of knox.observed) expect(row).toHaveLength(4);
    const total = knox.observed.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe((input.count * (input.count - 1)) / 2);
  });

  it('finds the planted near repeats: within 100 m, first week, significant', () => {
    expect(knox.p[1][0]).toBeLessThanOrEqual(0.005); // 1/200 is the smallest p with 199 permutations
    expect(knox.ratio[1][0]).toBeGreaterThan(2);
    expect(knox.summary[0]).toMatch(/^Near-repeat pattern found/);
    expect(knox.summary.join('\n')).toMatch(
      /Within 100 m of an incident, the risk was raised for up to \d+ days/,
    );
    const log = knox.log.join('\n');
    expect(log).toMatch(/199 Monte Carlo permutations .* \(seed 3\)/);
    expect(log).toMatch(/Manhattan/);
    expect(log).toMatch(/p = \(simulations ≥ observed \+ 1\) \/ \(permutations \+ 1\)/);
  });

  it('is reproducible from the seed', async () => {
    const again = (await knoxJob(
      input,
      {
        spaceBandMetres: 100,
        spaceBandCount: 3,
        timeBandDays: 7,
        timeBandCount: 3,
        permutations: 199,
        seed: 3,
      },
      noProgress,
    )) as KnoxJobResult;
    expect(again.p).toEqual(knox.p);
  });

  it('draws alert zones of the significant radius for the last days, fading with time', async () => {
    const alerts = (await alertsJob(input, { knox, lookbackDays: 30 }, noProgress)) as AlertsResult;
    expect(alerts.radiusMetres).toBeGreaterThanOrEqual(100);
    expect(alerts.riskDays % 7).toBe(0);
    const zones = alerts.remaining.length;
    expect(zones).toBeGreaterThan(0);
    expect(alerts.positions.length).toBe(2 * zones);
    // "Now" is midnight after the last burglary; each zone's remaining share follows its dates.
    for (let k = 0; k < zones; k++) {
      expect(alerts.nowMs - alerts.startMs[k]).toBeLessThanOrEqual(30 * MS_PER_DAY);
      const expected = Math.max(
        0,
        Math.min(1, (alerts.endMs[k] - alerts.nowMs) / (alerts.endMs[k] - alerts.startMs[k])),
      );
      expect(alerts.remaining[k]).toBeCloseTo(expected, 12);
    }
    expect(Math.max(...alerts.remaining)).toBeGreaterThan(0.5);
    expect(alerts.summary[1]).toMatch(/still active/);
  });
});

describe('runKnox on a hand-made set', () => {
  it('counts the three-incident example of the module by hand', () => {
    const day = MS_PER_DAY;
    const r = runKnox(
      new Float64Array([0, 0, 50, 0, 5000, 0]),
      new Float64Array([0, day, 31 * day]),
      'day',
      {
        spaceBandMetres: 100,
        spaceBandCount: 1,
        timeBandDays: 7,
        timeBandCount: 1,
        permutations: 9,
      },
      noProgress,
      ['header'],
    );
    expect(r.observed).toEqual([
      [0, 0],
      [1, 0],
      [0, 2],
    ]);
    expect(r.log[0]).toBe('header');
    expect(r.firstDate).toBe('1970-01-01');
  });

  it('declines dates recorded to the month, with the reason', () => {
    // Twelve incidents, all on the 1st of a month over a year.
    const times = new Float64Array(12).map((_, m) => Date.UTC(2020, m, 1));
    const xy = new Float64Array(24).map((_, i) => i * 10);
    expect(() => runKnox(xy, times, 'day', {}, noProgress, [])).toThrow(
      /recorded to the month only; the Knox test counts days/,
    );
  });

  it('refuses a run that would take far too long, with what to do', () => {
    // 20,000 incidents on one spot: 2 × 10⁸ pairs within every band.
    const n = 20_000;
    const xy = new Float64Array(2 * n);
    const times = new Float64Array(n).map((_, i) => (i % 400) * MS_PER_DAY);
    expect(() => runKnox(xy, times, 'day', {}, noProgress, [])).toThrow(
      /would take too long\. Filter to one offence/,
    );
  });
});

describe.skipIf(!existsSync(POLICE_UK))(
  'Knox job on police.uk months (needs ../shared/data)',
  () => {
    it('declines month-precision data with the reason', async () => {
      const files = ['02', '03', '04'].map((m) =>
        resolve(POLICE_UK, `2017-${m}-city-of-london-street.csv`),
      );
      const input = cliJobInput(await importFiles(files), 'police.uk');
      await expect(Promise.resolve().then(() => knoxJob(input, {}, noProgress))).rejects.toThrow(
        /month only/,
      );
    });
  },
);
