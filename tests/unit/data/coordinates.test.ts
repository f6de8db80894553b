/**
 * Coordinate checks of the import: `median` (quickselect) against the median of a full sort (the
 * reference it replaced), and `fitOutlierRule` on points whose medians can be checked by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countSharedCoordinates,
  distanceKm,
  fitOutlierRule,
  median,
  OUTLIER_MIN_KM,
} from '../../../src/data/coordinates';

/** The median as the import computed it before: sort a copy, take the middle (or the two). */
function sortedMedian(values: readonly number[]): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

describe('median', () => {
  it('gives the middle value, or the mean of the two middle values', () => {
    expect(median(Float64Array.of(3))).toBe(3);
    expect(median(Float64Array.of(5, 1, 4))).toBe(4);
    expect(median(Float64Array.of(5, 1, 4, 2))).toBe(3);
    expect(median(Float64Array.of(2, 2, 2, 2, 9))).toBe(2);
    expect(median(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8))).toBe(4.5);
    expect(median(Float64Array.of(8, 7, 6, 5, 4, 3, 2, 1))).toBe(4.5);
    expect(median(new Float64Array(0))).toBeNaN();
  });

  it('keeps the sign of a zero median as a sort does (-0 sorts before +0)', () => {
    expect(Object.is(median(Float64Array.of(0, -0, -0)), -0)).toBe(true);
    expect(Object.is(median(Float64Array.of(-0, 0, 0)), 0)).toBe(true);
    expect(Object.is(median(Float64Array.of(-1, -0, 0, 1)), 0)).toBe(true);
    expect(Object.is(median(Float64Array.of(-1, -0, -0, 1)), -0)).toBe(true);
  });

  it('equals the median of a full sort on random values (duplicates, sorted and reversed runs)', () => {
    const values = fc.array(
      fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
        fc.integer({ min: -3, max: 3 }),
      ),
      { minLength: 1, maxLength: 300 },
    );
    fc.assert(
      fc.property(values, fc.constantFrom('as is', 'sorted', 'reversed'), (xs, order) => {
        const input = [...xs];
        if (order !== 'as is') input.sort((a, b) => a - b);
        if (order === 'reversed') input.reverse();
        expect(Object.is(median(Float64Array.from(input)), sortedMedian(input))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('equals the median of a full sort on 100,001 random values', () => {
    let seed = 12345;
    const next = () => ((seed = Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const xs = Array.from({ length: 100_001 }, () => -87.9 + next() * 0.4);
    expect(median(Float64Array.from(xs))).toBe(sortedMedian(xs));
    expect(median(Float64Array.from(xs.slice(1)))).toBe(sortedMedian(xs.slice(1)));
  });
});

describe('fitOutlierRule', () => {
  it('centres on the median point and sets the threshold from the median distance', () => {
    // Five points: four at 0.1° around (10, 50) and one far away; medians by hand: lon 10, lat 50.
    const positions = Float64Array.of(10, 50, 10.1, 50, 9.9, 50, 10, 50.1, 40, 10);
    const rule = fitOutlierRule(positions, 5);
    expect(rule?.centreLon).toBe(10);
    expect(rule?.centreLat).toBe(50);
    // Distances: 0, two of 0.1° of longitude at 50° N (~7.15 km), 0.1° of latitude (~11.1 km)
    // and the far point: the median is ~7.15 km, so the threshold is ten times that.
    expect(distanceKm(10, 50, 10.1, 50)).toBeCloseTo(7.15, 1);
    expect(rule?.thresholdKm).toBeCloseTo(71.5, 0);
    const tight = fitOutlierRule(Float64Array.of(10, 50, 10.001, 50, 10, 50.001), 3);
    expect(tight?.thresholdKm).toBe(OUTLIER_MIN_KM);
    expect(fitOutlierRule(positions, 0)).toBeNull();
  });

  it('does not reorder the positions it reads', () => {
    const positions = Float64Array.of(3, 1, 1, 3, 2, 2);
    fitOutlierRule(positions, 3);
    expect(Array.from(positions)).toEqual([3, 1, 1, 3, 2, 2]);
  });
});

describe('countSharedCoordinates', () => {
  it('counts incidents at a point shared with another, and the distinct points', () => {
    // Points: A three times, B twice, C, D and E once each.
    const positions = Float64Array.of(1, 2, 3, 4, 1, 2, 5, 6, 3, 4, 1, 2, 0, 7, 0, 8);
    expect(countSharedCoordinates(positions, 8)).toEqual({ sharing: 5, distinct: 5 });
    expect(countSharedCoordinates(positions, 3)).toEqual({ sharing: 2, distinct: 2 });
    expect(countSharedCoordinates(positions, 0)).toEqual({ sharing: 0, distinct: 0 });
  });

  it('agrees with counting string keys in a Map on 20,000 snapped points', () => {
    let seed = 7;
    const next = () => ((seed = Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const n = 20_000;
    const positions = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      positions[2 * i] = -87.7 + Math.round(next() * 3000) / 10_000;
      positions[2 * i + 1] = 41.8 + Math.round(next() * 30) / 10_000;
    }
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = `${positions[2 * i]},${positions[2 * i + 1]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let sharing = 0;
    for (const c of counts.values()) if (c >= 2) sharing += c;
    expect(countSharedCoordinates(positions, n)).toEqual({ sharing, distinct: counts.size });
  });
});
