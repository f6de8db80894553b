/**
 * The distance from each planar point to its nearest other point, in metres.
 *
 * Method: a uniform grid index (`createPointGridIndex`, Bentley & Friedman 1979) queried with a
 * disc that doubles until it holds another point; every point within the disc is visited, so the
 * minimum found is exact. O(n) expected for points of roughly even density; an isolated point
 * costs O(log(span / cell)) extra queries. Coincident points are at distance 0 from each other:
 * pass distinct locations (`distinctLocations`) when coincidence should not count.
 *
 * @example
 * nearestNeighbourDistances(new Float64Array([0, 0, 3, 4, 10, 4]));
 * // Float64Array [5, 5, 7]
 */
import { createPointGridIndex } from './pointGridIndex';

export function nearestNeighbourDistances(xy: Float64Array): Float64Array {
  const n = xy.length >> 1;
  const out = new Float64Array(n);
  if (n < 2) return out.fill(NaN);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xy[2 * i]);
    maxX = Math.max(maxX, xy[2 * i]);
    minY = Math.min(minY, xy[2 * i + 1]);
    maxY = Math.max(maxY, xy[2 * i + 1]);
  }
  // About one point a cell for an even spread; the index coarsens itself if that is too many cells.
  const spread = Math.sqrt(((maxX - minX) * (maxY - minY)) / n);
  const cell = spread > 0 ? spread : Math.max(maxX - minX, maxY - minY, 1) / Math.sqrt(n);
  const index = createPointGridIndex(xy, cell);
  const start = index.cellSizeMetres * 1.5;

  let self = 0;
  let best = Infinity;
  const visit = (j: number, d2: number) => {
    if (j !== self && d2 < best) best = d2;
  };
  for (let i = 0; i < n; i++) {
    self = i;
    best = Infinity;
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    let radius = start;
    for (;;) {
      index.forEachWithinRadius(x, y, radius, visit);
      if (best <= radius * radius) break;
      radius *= 2;
    }
    out[i] = Math.sqrt(best);
  }
  return out;
}
