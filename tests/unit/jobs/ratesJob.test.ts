/**
 * The rates job: a population table joined to polygons by id (leading zeros, unmatched ids both
 * ways, unusable values), and global empirical Bayes rates on a hand case (Marshall 1991).
 */
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import { ratesJob, type RatesParams, type RatesResult } from '../../../src/data/jobs/ratesJob';
import { SEQUENTIAL_COLOURS } from '../../../src/data/rasterImage';
import { handInput, squareFeature } from './assessFixtures';

const run = async (...args: Parameters<typeof ratesJob>) =>
  (await ratesJob(...args)) as RatesResult;

/** Three 100 m squares with ids "01", "02", "03"; 0 incidents in the first, 10 in the second. */
const squares: FeatureCollection = {
  type: 'FeatureCollection',
  features: ['01', '02', '03'].map((tract, k) => squareFeature(100 * k, 0, 100, { tract })),
};
const input = handInput(
  Array.from({ length: 10 }, (_, i) => ({ x: 150 + i, y: 50, timeMs: Date.UTC(2024, 0, 1 + i) })),
);

function params(text: string, extra: Partial<RatesParams> = {}): RatesParams {
  return {
    areas: { geojson: squares, idField: 'tract', name: 'Tracts' },
    table: { fileName: 'population.csv', text, idColumn: 'GEOID', valueColumn: 'people' },
    ...extra,
  };
}

describe('rates job', () => {
  it('smooths 0 and 10 incidents among 100 people each to 10 and 90 per 1,000', async () => {
    // θ = 10/200 = 0.05; σ² = (100·0.05² + 100·0.05²)/200 − 0.05/100 = 0.002;
    // w = 0.002/(0.002 + 0.05/100) = 0.8; EB = 0.8·0 + 0.2·0.05 = 0.01 and 0.8·0.1 + 0.01 = 0.09.
    // Ids "1" and "2" match "01" and "02" without their leading zeros; "03" has no row; "99" no
    // polygon; "7" has no usable number.
    const csv = 'GEOID,people\n1,100\n2,"100"\n99,5000\n7,n/a\n';
    const r = await run(input, params(csv), noProgress);
    expect(Array.from(r.counts)).toEqual([0, 10, 0]);
    expect(Array.from(r.population)).toEqual([100, 100, NaN]);
    expect(r.crudeRate[0]).toBe(0);
    expect(r.crudeRate[1]).toBeCloseTo(100, 12);
    expect(r.smoothedRate[0]).toBeCloseTo(10, 10);
    expect(r.smoothedRate[1]).toBeCloseTo(90, 10);
    expect(r.smoothedRate[2]).toBeNaN();
    expect(r.weight[0]).toBeCloseTo(0.8, 12);
    expect(r.priorMeanRate).toBeCloseTo(50, 12);
    expect(r.unmatchedPolygons).toEqual(['03']);
    expect(r.unmatchedRows).toEqual(['99']);
    expect(r.badValues).toEqual(['7: "n/a"']);
    expect(r.summary[0]).toBe(
      'Overall, 50.0 incidents per 1,000 residents over 2024-01-01 to 2024-01-10 (0.03 years).',
    );
    expect(r.summary.join(' ')).toMatch(
      /1 polygon had no residents figure \(grey on the map\): 03/,
    );
    expect(r.summary.join(' ')).toMatch(/1 id in the table matches no polygon: 99/);
    expect(r.log.join('\n')).toMatch(/Marshall 1991/);
    // Colours: the higher smoothed rate in the darker class; no rate in grey.
    expect(Array.from(r.smoothedColours.subarray(4, 8))).toEqual(SEQUENTIAL_COLOURS[4]);
    expect(Array.from(r.smoothedColours.subarray(8, 12))).toEqual([200, 200, 200, 120]);
    expect(r.legend.at(-1)?.label).toBe('no residents figure');
    expect(r.geometry.labels).toEqual(['01', '02', '03']);
  });

  it('rates per 1,000 households when asked, and refuses a table that matches nothing', async () => {
    const r = await run(
      input,
      params('GEOID,people\n01,50\n02,50\n03,50\n', { denominator: 'households' }),
      noProgress,
    );
    expect(r.denominator).toBe('households');
    expect(r.crudeRate[1]).toBeCloseTo(200, 12);
    expect(r.unmatchedPolygons).toEqual([]);
    await expect(run(input, params('GEOID,people\nA,1\nB,2\n'), noProgress)).rejects.toThrow(
      /No id of "GEOID" in "population.csv" matches a polygon's "tract"/,
    );
    await expect(run(input, params('id,people\n01,1\n'), noProgress)).rejects.toThrow(
      /has no column "GEOID"/,
    );
  });
});
