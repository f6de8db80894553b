/**
 * "Which method predicts best" on the shipped sample city: trained on the 12 months before
 * December 2025 and tested on December 2025, every method beats a random choice of cells at 5% of
 * the study area (PAI > 1) — the sample's hotspots (data/sample/truth.json) hold 22% of incidents
 * — and never beats the best possible choice (PEI ≤ 1). A hand case checks the periods and the
 * scoring against numbers worked out on paper.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { floatingMs } from '../../../src/analysis/calendar';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';
import type { JobInput } from '../../../src/data/jobInput';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import {
  defaultPredictionPeriods,
  predictJob,
  type PredictResult,
} from '../../../src/data/jobs/predictJob';

const SAMPLE = resolve(__dirname, '../../../data/sample');

describe('prediction accuracy on the sample city', () => {
  let input: JobInput;
  let result: PredictResult;

  beforeAll(async () => {
    input = cliJobInput(await importFiles([resolve(SAMPLE, 'incidents.csv')]), 'sample');
    result = (await predictJob(input, {}, noProgress)) as PredictResult;
  });

  it('trains on Dec 2024 – Nov 2025 and tests on Dec 2025 by default', () => {
    expect(result.train).toEqual(['2024-12-01', '2025-11-30']);
    expect(result.test).toEqual(['2025-12-01', '2025-12-31']);
    expect(result.methods.map((m) => m.id)).toEqual(['kde', 'gistar', 'previous', 'ehsa']);
    expect(result.areaShares).toEqual([0.01, 0.02, 0.05, 0.1, 0.2]);
  });

  it('gives PAI > 1 for every method at 5% of the area, and PEI within 0–1', () => {
    for (const m of result.methods) {
      expect(m.available, m.reason ?? '').toBe(true);
      const at5 = m.atShares[2];
      expect(at5.areaShare).toBe(0.05);
      expect(at5.pai, m.id).toBeGreaterThan(1);
      for (const s of m.atShares) {
        expect(s.pei).toBeGreaterThan(0);
        expect(s.pei).toBeLessThanOrEqual(1 + 1e-12);
        expect(s.pai).toBeCloseTo(s.hitRate / s.areaShare, 12);
      }
      // The hit-rate curve runs from (0, 0) to (1, 1).
      expect(m.curveAreaShare[0]).toBe(0);
      expect(m.curveAreaShare[m.curveAreaShare.length - 1]).toBe(1);
      expect(m.curveHitRate[m.curveHitRate.length - 1]).toBeCloseTo(1, 12);
      // The sampled curve (for the chart) passes through the table's values.
      for (const s of m.atShares) {
        const j = result.curveGrid.indexOf(s.areaShare);
        expect(j, String(s.areaShare)).toBeGreaterThanOrEqual(0);
        expect(m.curveSampled[j]).toBeCloseTo(s.hitRate, 12);
      }
    }
    expect(result.summary[0]).toMatch(/^Flagging 5\.0% of the study area, .* would have caught/);
    expect(result.log.join('\n')).toMatch(/PAI = hit rate ÷ area share/);
  });

  it('counts every test incident in a cell once', () => {
    const total = result.testCounts.reduce((a, b) => a + b, 0);
    expect(total).toBe(result.testIncidents);
  });

  it('refuses overlapping periods and empty test periods with a reason', async () => {
    const run = (p: Parameters<typeof predictJob>[1]) =>
      Promise.resolve().then(() => predictJob(input, p, noProgress));
    await expect(
      run({
        trainStartMs: floatingMs(2025, 1, 1),
        trainEndMs: floatingMs(2025, 7, 1),
        testStartMs: floatingMs(2025, 6, 1),
        testEndMs: floatingMs(2025, 8, 1),
      }),
    ).rejects.toThrow(/overlap/);
    await expect(
      run({
        trainStartMs: floatingMs(2025, 1, 1),
        trainEndMs: floatingMs(2025, 7, 1),
        testStartMs: floatingMs(2027, 1, 1),
        testEndMs: floatingMs(2027, 2, 1),
      }),
    ).rejects.toThrow(/No incident falls in the test period/);
  });

  it('runs EHSA on weeks for a short training period, and not at all on a few days', async () => {
    const short = (await predictJob(
      input,
      {
        trainStartMs: floatingMs(2025, 6, 1),
        trainEndMs: floatingMs(2025, 11, 1),
        testStartMs: floatingMs(2025, 11, 1),
        testEndMs: floatingMs(2025, 12, 1),
      },
      noProgress,
    )) as PredictResult;
    // Five months make 21 or 22 weekly steps: EHSA runs on weeks.
    expect(short.methods[3].available).toBe(true);
    expect(short.methods[3].description).toMatch(/steps of one week/);
    const days = (await predictJob(
      input,
      {
        trainStartMs: floatingMs(2025, 11, 20),
        trainEndMs: floatingMs(2025, 11, 26),
        testStartMs: floatingMs(2025, 12, 1),
        testEndMs: floatingMs(2026, 1, 1),
      },
      noProgress,
    )) as PredictResult;
    expect(days.methods[3].available).toBe(false);
    expect(days.methods[3].reason).toMatch(/only \d steps of one day/);
    expect(Number.isNaN(days.methods[3].atShares[2].pai)).toBe(true);
    expect(days.summary.join('\n')).toMatch(/Emerging hot spots \(EHSA\): not available/);
    // The other three still score.
    for (const m of days.methods.slice(0, 3)) expect(m.atShares[2].pai).toBeGreaterThan(1);
  });
});

describe('defaultPredictionPeriods (by hand)', () => {
  it('tests on the last incident’s month and trains on the 12 before', () => {
    const p = defaultPredictionPeriods([floatingMs(2024, 3, 9), floatingMs(2025, 2, 14, 13, 5)]);
    expect(p.testStartMs).toBe(floatingMs(2025, 2, 1));
    expect(p.testEndMs).toBe(floatingMs(2025, 3, 1));
    expect(p.trainStartMs).toBe(floatingMs(2024, 2, 1));
    expect(p.trainEndMs).toBe(floatingMs(2025, 2, 1));
  });
});
