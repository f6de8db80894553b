import { describe, expect, it } from 'vitest';
import { nearestNeighbourDistances } from '../../../src/analysis/nearestNeighbourDistances';
import { createRandom } from '../../../src/analysis/random';

describe('nearestNeighbourDistances', () => {
  it('measures a 3-4-5 triangle and a far point', () => {
    expect(Array.from(nearestNeighbourDistances(new Float64Array([0, 0, 3, 4, 10, 4])))).toEqual([
      5, 5, 7,
    ]);
    expect(Array.from(nearestNeighbourDistances(new Float64Array([0, 0, 1, 0, 1e6, 0])))).toEqual([
      1,
      1,
      1e6 - 1,
    ]);
  });

  it('gives 0 for coincident points', () => {
    expect(Array.from(nearestNeighbourDistances(new Float64Array([2, 2, 2, 2, 9, 9])))[0]).toBe(0);
  });

  it('stays exact with a few stray points hundreds of kilometres away', () => {
    const rng = createRandom(6);
    const n = 3000;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      xy[2 * i] = rng.next() * 20000;
      xy[2 * i + 1] = rng.next() * 20000;
    }
    // Six at a geocoder's default 450 km away (two pairs coincide), one far to the west.
    const far = [
      450000, -300000, 450000, -300000, 450010, -300000, 450010, -300000, 451000, -301000,
    ];
    far.push(-2e6, 5000, 452000, -300000);
    xy.set(far, 2 * (n - 7));
    const got = nearestNeighbourDistances(xy);
    for (let i = 0; i < n; i += i < n - 20 ? 13 : 1) {
      let best = Infinity;
      for (let j = 0; j < n; j++)
        if (j !== i)
          best = Math.min(best, Math.hypot(xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]));
      expect(got[i]).toBeCloseTo(best, 9);
    }
    expect(got[n - 7]).toBe(0);
  });

  it('agrees with brute force on clustered points', () => {
    const rng = createRandom(5);
    const n = 1500;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const cluster = i % 3;
      xy[2 * i] = cluster * 5000 + rng.normal() * (cluster + 1) * 100;
      xy[2 * i + 1] = rng.normal() * 300;
    }
    const got = nearestNeighbourDistances(xy);
    for (let i = 0; i < n; i += 7) {
      let best = Infinity;
      for (let j = 0; j < n; j++)
        if (j !== i)
          best = Math.min(best, Math.hypot(xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]));
      expect(got[i]).toBeCloseTo(best, 9);
    }
  });
});
