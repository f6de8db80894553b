import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { pointInPolygon, preparePolygon } from '../../../src/analysis/pointInPolygon';
import { createRandom } from '../../../src/analysis/random';

const square = (x0: number, y0: number, side: number) =>
  new Float64Array([x0, y0, x0 + side, y0, x0 + side, y0 + side, x0, y0 + side]);

describe('preparePolygon', () => {
  it('handles a square with a hole, in either ring order and orientation', () => {
    const outer = square(0, 0, 100);
    const hole = square(40, 40, 20).reverse(); // reversed pairs: still a ring, other orientation
    for (const rings of [
      [outer, hole],
      [hole, outer],
    ]) {
      const p = preparePolygon(rings);
      expect(p.areaSquareMetres).toBe(10000 - 400);
      expect(p.contains(10, 10)).toBe(true);
      expect(p.contains(50, 50)).toBe(false);
      expect(p.contains(150, 50)).toBe(false);
    }
  });

  it('puts a point on an edge shared by two polygons in exactly one of them', () => {
    const left = preparePolygon([square(0, 0, 10)]);
    const right = preparePolygon([square(10, 0, 10)]);
    for (const y of [0.5, 3, 9.99]) {
      expect(Number(left.contains(10, y)) + Number(right.contains(10, y))).toBe(1);
    }
  });

  it('agrees with turf.booleanPointInPolygon on a star with a hole', () => {
    const rng = createRandom(9);
    const star: number[] = [];
    for (let k = 0; k < 40; k++) {
      const a = (k / 40) * 2 * Math.PI;
      const r = k % 2 === 0 ? 1000 : 400;
      star.push(r * Math.cos(a), r * Math.sin(a));
    }
    const hole = square(-100, -100, 200);
    const rings = [new Float64Array(star), hole];
    const prepared = preparePolygon(rings);
    const toLngLat = (ring: Float64Array) => {
      const out: [number, number][] = [];
      for (let k = 0; k < ring.length; k += 2) out.push([ring[k] / 1e5, ring[k + 1] / 1e5]);
      out.push(out[0]);
      return out;
    };
    const poly = turf.polygon([toLngLat(rings[0]), toLngLat(hole)]);
    for (let i = 0; i < 3000; i++) {
      const x = (rng.next() - 0.5) * 2200;
      const y = (rng.next() - 0.5) * 2200;
      const expected = turf.booleanPointInPolygon(turf.point([x / 1e5, y / 1e5]), poly);
      expect(prepared.contains(x, y)).toBe(expected);
      expect(pointInPolygon(rings, x, y)).toBe(expected);
    }
  });
});
