import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { polygonCounts } from '../../../src/analysis/polygonCounts';
import { createRandom } from '../../../src/analysis/random';

const rect = (x0: number, y0: number, x1: number, y1: number) =>
  new Float64Array([x0, y0, x1, y0, x1, y1, x0, y1]);

describe('polygonCounts', () => {
  it('counts points in two beats, one with a hole', () => {
    const west = [rect(0, 0, 100, 100), rect(40, 40, 60, 60)];
    const east = [rect(100, 0, 200, 100)];
    const xy = new Float64Array([10, 10, 50, 50, 150, 50, 100, 50, 300, 300]);
    const result = polygonCounts(xy, [west, east]);
    // (50, 50) is in the hole; (100, 50) is on the shared edge and counts once, in the east beat.
    expect(Array.from(result.counts)).toEqual([1, 2]);
    expect(Array.from(result.pointPolygon)).toEqual([0, -1, 1, 1, -1]);
    expect(result.pointsOutside).toBe(2);
  });

  it('agrees with turf.pointsWithinPolygon on a 6 × 6 tessellation of irregular cells', () => {
    const rng = createRandom(21);
    // Jittered lattice corners shared by neighbouring cells, so the cells tile the square.
    const corner: number[][][] = [];
    for (let i = 0; i <= 6; i++) {
      corner.push([]);
      for (let j = 0; j <= 6; j++) {
        const jitter = i > 0 && i < 6 && j > 0 && j < 6 ? 150 : 0;
        corner[i].push([
          i * 1000 + (rng.next() - 0.5) * jitter,
          j * 1000 + (rng.next() - 0.5) * jitter,
        ]);
      }
    }
    const polygons: Float64Array[][] = [];
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        const ring = [corner[i][j], corner[i + 1][j], corner[i + 1][j + 1], corner[i][j + 1]];
        polygons.push([new Float64Array(ring.flat())]);
      }
    const n = 5000;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) xy[i] = rng.next() * 6200 - 100;
    const result = polygonCounts(xy, polygons);
    const points = turf.featureCollection(
      Array.from({ length: n }, (_, i) => turf.point([xy[2 * i] / 1e5, xy[2 * i + 1] / 1e5])),
    );
    polygons.forEach(([ring], k) => {
      const coords: [number, number][] = [];
      for (let m = 0; m < ring.length; m += 2) coords.push([ring[m] / 1e5, ring[m + 1] / 1e5]);
      coords.push(coords[0]);
      const within = turf.pointsWithinPolygon(points, turf.polygon([coords]));
      expect(result.counts[k]).toBe(within.features.length);
    });
    expect(result.counts.reduce((a, b) => a + b, 0) + result.pointsOutside).toBe(n);
  });
});
