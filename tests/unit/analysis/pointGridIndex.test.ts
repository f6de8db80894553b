import { describe, expect, it } from 'vitest';
import { createPointGridIndex } from '../../../src/analysis/pointGridIndex';
import { createRandom } from '../../../src/analysis/random';

describe('createPointGridIndex', () => {
  it('finds points within a radius, inclusive of the boundary', () => {
    const index = createPointGridIndex(new Float64Array([0, 0, 3, 4, 10, 0]), 5);
    expect(index.withinRadius(0, 0, 5).sort()).toEqual([0, 1]);
    expect(index.withinRadius(0, 0, 4.999)).toEqual([0]);
  });

  it('agrees with brute force for radius and k-nearest queries', () => {
    const rng = createRandom(11);
    const n = 500;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) xy[i] = rng.next() * 1000;
    const index = createPointGridIndex(xy, 37);
    for (let q = 0; q < 50; q++) {
      const x = rng.next() * 1000;
      const y = rng.next() * 1000;
      const brute: { index: number; distance: number }[] = [];
      for (let i = 0; i < n; i++)
        brute.push({ index: i, distance: Math.hypot(xy[2 * i] - x, xy[2 * i + 1] - y) });
      brute.sort((a, b) => a.distance - b.distance || a.index - b.index);
      const got = index.nearest(x, y, 7);
      expect(got.map((g) => g.index)).toEqual(brute.slice(0, 7).map((b) => b.index));
      got.forEach((g, i) => expect(g.distance).toBeCloseTo(brute[i].distance, 9));
      const inside = brute.filter((b) => b.distance <= 120).map((b) => b.index);
      expect(index.withinRadius(x, y, 120).sort((a, b) => a - b)).toEqual(
        inside.sort((a, b) => a - b),
      );
    }
  });

  it('excludes the query point itself when asked', () => {
    const index = createPointGridIndex(new Float64Array([0, 0, 1, 0, 5, 0]), 2);
    expect(index.nearest(0, 0, 1, 0)).toEqual([{ index: 1, distance: 1 }]);
  });

  it('stays small when one point lies far away', () => {
    const index = createPointGridIndex(new Float64Array([0, 0, 1, 1, 1e7, 1e7]), 1);
    expect(index.cellSizeMetres).toBeGreaterThan(1e4);
    expect(index.nearest(0, 0, 2).map((n) => n.index)).toEqual([0, 1]);
  });
});
