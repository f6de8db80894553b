import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/analysis/random';
import { senSlope } from '../../../src/analysis/senSlope';

const referenceFile = path.resolve(
  __dirname,
  '../../../../shared/reference/pymannkendall_tests.json',
);

interface Reference {
  inputs: { arbitrary_1d_data: (number | null)[] };
  expected: {
    sens_slope: { slope: number; intercept: number };
    seasonal_sens_slope_period12: { slope: number; intercept: number };
  };
}

/** numpy-style median by sorting, for cross-checking the selection. */
function sortedMedian(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

describe('senSlope by hand', () => {
  it('takes the median of the six pairwise slopes of four values', () => {
    // slopes 2, 0.5, 4/3, −1, 1, 3 → median (1 + 4/3)/2 = 7/6; intercept 2.5 − 1.5 · 7/6 = 0.75
    const r = senSlope([1, 3, 2, 5]);
    expect(r.slope).toBeCloseTo(7 / 6, 14);
    expect(r.intercept).toBeCloseTo(0.75, 14);
  });

  it('keeps the time index of values after a NaN', () => {
    // 0, NaN, 4: one pair, slope (4 − 0)/2 = 2 per step; intercept median(0, 4) − median(0, 2) · 2 = 0
    expect(senSlope([0, NaN, 4])).toEqual({ slope: 2, intercept: 0 });
  });

  it('compares only same-season pairs with a period, slope per cycle', () => {
    // period 2 on 1, 10, 3, 14: season 0 (1 → 3) and season 1 (10 → 14) one cycle apart: slopes 2
    // and 4 → 3 a cycle; intercept = 6.5 − (1.5 / 2) · 3 = 4.25
    const r = senSlope([1, 10, 3, 14], { period: 2 });
    expect(r.slope).toBe(3);
    expect(r.intercept).toBe(4.25);
  });

  it('returns NaN when there is no pair', () => {
    expect(Number.isNaN(senSlope([]).slope)).toBe(true);
    expect(Number.isNaN(senSlope([NaN, 2, NaN]).slope)).toBe(true);
    expect(() => senSlope([1, 2], { period: 0 })).toThrow(RangeError);
  });

  it('equals the sort-based median of pairwise slopes on random series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(NaN)), { maxLength: 60 }),
        (xs) => {
          const slopes: number[] = [];
          for (let i = 0; i < xs.length; i++)
            for (let j = i + 1; j < xs.length; j++) {
              const s = (xs[j] - xs[i]) / (j - i);
              if (!Number.isNaN(s)) slopes.push(s);
            }
          const r = senSlope(xs);
          if (slopes.length === 0) expect(Number.isNaN(r.slope)).toBe(true);
          else expect(r.slope).toBeCloseTo(sortedMedian(slopes), 12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not mutate its input', () => {
    const rng = createRandom(3);
    const xs = Float64Array.from({ length: 40 }, () => rng.int(9));
    const copy = xs.slice();
    senSlope(xs);
    expect(xs).toEqual(copy);
  });
});

describe.skipIf(!existsSync(referenceFile))(
  'senSlope against pyMannKendall (needs ../shared/reference)',
  () => {
    const ref = existsSync(referenceFile)
      ? (JSON.parse(readFileSync(referenceFile, 'utf8')) as Reference)
      : undefined;
    const data = () => ref!.inputs.arbitrary_1d_data.map((v) => v ?? NaN);

    it('reproduces sens_slope on the 360-value series with 7 NaN', () => {
      // Python: pymannkendall.sens_slope(arbitrary_1d_data) → slope −0.006369…, intercept 96.152…
      const r = senSlope(data());
      expect(r.slope).toBeCloseTo(ref!.expected.sens_slope.slope, 14);
      expect(r.intercept).toBeCloseTo(ref!.expected.sens_slope.intercept, 11);
    });

    it('reproduces seasonal_sens_slope(period = 12)', () => {
      // Python: pymannkendall.seasonal_sens_slope(arbitrary_1d_data, period=12)
      const r = senSlope(data(), { period: 12 });
      expect(r.slope).toBeCloseTo(ref!.expected.seasonal_sens_slope_period12.slope, 14);
      expect(r.intercept).toBeCloseTo(ref!.expected.seasonal_sens_slope_period12.intercept, 11);
    });

    it('gives slope 1 on the TrendData fixture (arange(360) + tiny noise)', () => {
      const rng = createRandom(1);
      const r = senSlope(Array.from({ length: 360 }, (_, i) => i + rng.next() * 1e-6));
      expect(r.slope).toBeCloseTo(1, 8);
      expect(r.intercept).toBeCloseTo(0, 5);
    });
  },
);

describe('senSlope on long series (the streaming median)', () => {
  /** Every same-season pair's slope as pyMannKendall computes it, median by sorting. */
  function sortedSen(xs: Float64Array, period: number): number {
    const slopes = new Float64Array((xs.length * xs.length) / 2);
    let m = 0;
    for (let i = 0; i < xs.length; i++)
      for (let j = i + period; j < xs.length; j += period) {
        const s = (xs[j] - xs[i]) / ((j - i) / period);
        if (!Number.isNaN(s)) slopes[m++] = s;
      }
    const sorted = slopes.subarray(0, m).sort();
    const h = m >> 1;
    return m % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
  }

  it('gives the same slope as holding every pair, past 2^21 pairs', () => {
    // 2,200 daily counts (2.4 million pairs: the streaming path), rising slowly, with NaN gaps
    const rng = createRandom(11);
    const xs = Float64Array.from({ length: 2200 }, (_, i) =>
      i % 97 === 5 ? NaN : Math.floor(rng.next() * 4 + i / 700),
    );
    const r = senSlope(xs);
    expect(r.slope).toBe(sortedSen(xs, 1));
    expect(r.slope).toBeGreaterThan(0);
  });

  it('does so with an odd number of pairs and with all slopes equal', () => {
    const rng = createRandom(12);
    const noisy = Float64Array.from({ length: 2103 }, () => rng.normal());
    noisy[7] = NaN; // 2102 valid values: 2,208,151 pairs, an odd number
    expect(senSlope(noisy).slope).toBe(sortedSen(noisy, 1));
    const line = Float64Array.from({ length: 2200 }, (_, i) => 3 * i + 1);
    expect(senSlope(line)).toEqual({ slope: 3, intercept: 1 });
  });

  it('averages the two middle slopes when they fall in different buckets', () => {
    // Period 58,255 (so 2,097,180 same-season pairs), each season 0,0,0,0,0,0,1,1,1 over its nine
    // cycles: 6·5/2 + 3·2/2 = 18 pairs of slope 0 and 6·3 = 18 rising ones, the least steep 1 over
    // 8 cycles. The median is between the last 0 and the first 1/8: 1/16 a cycle.
    const period = 58_255;
    const xs = Float64Array.from({ length: 9 * period }, (_, i) => (i >= 6 * period ? 1 : 0));
    expect(senSlope(xs, { period }).slope).toBe(1 / 16);
  });

  it('gives slope 0 for a long constant series', () => {
    expect(senSlope(new Float64Array(2200).fill(4))).toEqual({ slope: 0, intercept: 4 });
  });
});
