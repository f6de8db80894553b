import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { convexHull } from '../../../src/analysis/convexHull';
import { ringSignedArea } from '../../../src/analysis/pointInPolygon';
import { createRandom } from '../../../src/analysis/random';

describe('convexHull', () => {
  it('returns the four corners of a square, counter-clockwise, without interior points', () => {
    const hull = convexHull(new Float64Array([5, 5, 0, 0, 10, 0, 10, 10, 0, 10, 5, 0]));
    expect(Array.from(hull)).toEqual([0, 0, 10, 0, 10, 10, 0, 10]);
    expect(ringSignedArea(hull)).toBe(100);
  });

  it('handles degenerate input: nothing, one point, duplicates, a line', () => {
    expect(convexHull(new Float64Array(0)).length).toBe(0);
    expect(Array.from(convexHull(new Float64Array([3, 4, 3, 4, 3, 4])))).toEqual([3, 4]);
    expect(Array.from(convexHull(new Float64Array([0, 0, 1, 1, 2, 2, 3, 3])))).toEqual([
      0, 0, 3, 3,
    ]);
  });

  it('encloses every point, turns left at every vertex and matches turf.convex in area', () => {
    const rng = createRandom(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 50 + trial * 40;
      const xy = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        // A blob: normal scatter, so many points fall inside the Akl–Toussaint quadrilateral.
        xy[2 * i] = rng.normal() * 1000;
        xy[2 * i + 1] = rng.normal() * 500;
      }
      const before = xy.slice();
      const hull = convexHull(xy);
      expect(xy).toEqual(before);
      const h = hull.length / 2;
      let worst = Infinity;
      for (let k = 0; k < h; k++) {
        const [ax, ay] = [hull[2 * k], hull[2 * k + 1]];
        const [bx, by] = [hull[(2 * k + 2) % hull.length], hull[(2 * k + 3) % hull.length]];
        for (let i = 0; i < n; i++) {
          const cross = (bx - ax) * (xy[2 * i + 1] - ay) - (by - ay) * (xy[2 * i] - ax);
          worst = Math.min(worst, cross);
        }
      }
      expect(worst).toBeGreaterThanOrEqual(-1e-6);
      // turf works in degrees but its convex hull is planar maths, so tiny coordinates keep it exact.
      const points = turf.featureCollection(
        Array.from({ length: n }, (_, i) => turf.point([xy[2 * i] / 1e5, xy[2 * i + 1] / 1e5])),
      );
      const ring = turf.convex(points)!.geometry.coordinates[0];
      const turfRing = new Float64Array(ring.flatMap(([x, y]) => [x * 1e5, y * 1e5]));
      expect(ringSignedArea(hull)).toBeCloseTo(Math.abs(ringSignedArea(turfRing)), 3);
    }
  });
});
