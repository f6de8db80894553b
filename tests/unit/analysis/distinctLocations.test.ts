import { describe, expect, it } from 'vitest';
import { distinctLocations } from '../../../src/analysis/distinctLocations';
import { createRandom } from '../../../src/analysis/random';

describe('distinctLocations', () => {
  it('groups exact coordinate pairs in order of first appearance', () => {
    const d = distinctLocations(new Float64Array([0, 0, 5, 5, 0, 0, -0, 0, 5, 6]));
    expect(Array.from(d.xy)).toEqual([0, 0, 5, 5, 5, 6]);
    expect(Array.from(d.multiplicity)).toEqual([3, 1, 1]);
    expect(Array.from(d.locationOf)).toEqual([0, 1, 0, 0, 2]);
  });

  it('agrees with a string-keyed Map on snapped data', () => {
    const rng = createRandom(3);
    const n = 20000;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) xy[i] = Math.round(rng.next() * 60) * 25.5;
    const d = distinctLocations(xy);
    const seen = new Map<string, number>();
    const expected = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const key = `${xy[2 * i]},${xy[2 * i + 1]}`;
      if (!seen.has(key)) seen.set(key, seen.size);
      expected[i] = seen.get(key)!;
    }
    expect(d.locationOf).toEqual(expected);
    expect(d.multiplicity.length).toBe(seen.size);
    expect(d.multiplicity.reduce((a, b) => a + b, 0)).toBe(n);
  });
});
