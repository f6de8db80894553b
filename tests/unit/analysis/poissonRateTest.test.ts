import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poissonRateTest } from '../../../src/analysis/poissonRateTest';

describe('poissonRateTest by hand', () => {
  it('puts all events in one period with probability 2 · 0.5^n', () => {
    // 10 against 0 in equal times: Binomial(10, ½), the outcomes as unlikely as 10 are 0 and 10
    expect(poissonRateTest(10, 0).p).toBeCloseTo(2 * 0.5 ** 10, 15);
    expect(poissonRateTest(0, 5).p).toBeCloseTo(2 * 0.5 ** 5, 15);
    expect(poissonRateTest(10, 0).rateRatio).toBe(Infinity);
    expect(poissonRateTest(0, 5).rateRatio).toBe(0);
  });

  it('adds every outcome no more likely than the observed one', () => {
    // 3 against 1: Binomial(4, ½) densities 1, 4, 6, 4, 1 (/16); those ≤ P(3) = 4/16 are 0, 1, 3, 4
    const r = poissonRateTest(3, 1);
    expect(r.p).toBeCloseTo(10 / 16, 15);
    expect(r.rateRatio).toBe(3);
  });

  it('weights the two periods by their exposures', () => {
    // 1 against 0, exposures 1 and 3: π = 1/4; P(X=1) = 0.25 < P(X=0) = 0.75, so p = 0.25;
    // rate ratio = (1/1) / (0/3) = Infinity
    expect(poissonRateTest(1, 0, { exposure1: 1, exposure2: 3 }).p).toBeCloseTo(0.25, 15);
    // 6 in 3 days against 2 in 1 day: the same rate, ratio 1
    expect(poissonRateTest(6, 2, { exposure1: 3, exposure2: 1 }).rateRatio).toBe(1);
  });

  it('returns p = 1 for equal counts and for two zeros', () => {
    expect(poissonRateTest(5, 5).p).toBe(1);
    const zero = poissonRateTest(0, 0);
    expect(zero.p).toBe(1);
    expect(Number.isNaN(zero.rateRatio)).toBe(true);
  });

  it('rejects counts that are not whole numbers and exposures that are not positive', () => {
    expect(() => poissonRateTest(1.5, 2)).toThrow(RangeError);
    expect(() => poissonRateTest(-1, 2)).toThrow(RangeError);
    expect(() => poissonRateTest(1, 2, { exposure1: 0 })).toThrow(RangeError);
  });

  it('gives the same p with the two periods swapped, and p in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (x1, x2, t1, t2) => {
          const a = poissonRateTest(x1, x2, { exposure1: t1, exposure2: t2 }).p;
          const b = poissonRateTest(x2, x1, { exposure1: t2, exposure2: t1 }).p;
          expect(a).toBeGreaterThanOrEqual(0); // 0 only where it underflows, as in R
          expect(a).toBeLessThanOrEqual(1);
          expect(Math.abs(a - b)).toBeLessThan(1e-12 + 1e-9 * a);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('poissonRateTest against R', () => {
  // R 4.2.2: for each row, r <- poisson.test(c(x1, x2), c(T1, T2));
  //   sprintf("%.17g, %.17g", r$p.value, r$estimate)
  const rows: [number, number, number, number, number, number][] = [
    [10, 0, 1, 1, 0.0019531250000000004, Infinity],
    [11, 6, 1, 1, 0.33230590820312517, 1.8333333333333333],
    [30, 18, 1, 1, 0.1114028910610189, 1.6666666666666667],
    [0, 5, 1, 1, 0.0625, 0],
    [5, 5, 1, 1, 1, 1],
    [137, 101, 28, 28, 0.023084671369493711, 1.3564356435643565],
    [12, 20, 31, 28, 0.11045582041032294, 0.54193548387096768],
    [3, 1, 7, 7, 0.62500000000000011, 3],
    [250, 310, 365, 365, 0.012590475149380252, 0.80645161290322576],
    [41000, 40200, 365, 365, 0.005047915775834428, 1.0199004975124379],
    [1, 0, 1, 1, 1, Infinity],
    [7, 2, 28, 31, 0.095135072108815749, 3.875],
    [20, 5, 1, 3, 1.2434600904498447e-8, 12],
    [500, 620, 30, 31, 0.002527410228516669, 0.83333333333333337],
    [2, 9, 2, 1, 0.0013717421124828572, 0.1111111111111111],
    [4000, 4100, 1, 1, 0.27133108714393295, 0.97560975609756095],
  ];

  it.each(rows)('poisson.test(c(%i, %i), c(%d, %d))', (x1, x2, t1, t2, p, ratio) => {
    const r = poissonRateTest(x1, x2, { exposure1: t1, exposure2: t2 });
    expect(Math.abs(r.p - p) / p).toBeLessThan(1e-10);
    expect(r.rateRatio).toBeCloseTo(ratio, 14);
  });

  it('tests a rate ratio other than 1', () => {
    // R: poisson.test(c(20, 5), c(1, 1), r = 2)$p.value = 0.20374545891332857
    expect(poissonRateTest(20, 5, { ratio: 2 }).p).toBeCloseTo(0.20374545891332857, 12);
  });
});
