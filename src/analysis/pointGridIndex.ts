/**
 * A uniform-grid spatial index over planar points (metres), for radius and k-nearest queries.
 * Points are bucketed by cell with a counting sort, so building is O(n) and needs three typed
 * arrays; a radius query visits only the cells the disc overlaps.
 *
 * Source: the fixed-grid method of Bentley & Friedman (1979) "Data structures for range
 * searching", ACM Computing Surveys 11(4) — cell size near the typical query radius.
 *
 * @example
 * const index = createPointGridIndex(new Float64Array([0, 0, 3, 4, 10, 0]), 5);
 * index.withinRadius(0, 0, 5); // [0, 1] — (3, 4) is exactly 5 m away, inclusive
 */
export interface PointGridIndex {
  readonly count: number;
  readonly cellSizeMetres: number;
  /** Indices of points with distance ≤ radius (inclusive), in index order within each cell. */
  withinRadius(x: number, y: number, radiusMetres: number): number[];
  /** Calls `visit(i, distanceSquared)` for every point within the radius (inclusive). */
  forEachWithinRadius(
    x: number,
    y: number,
    radiusMetres: number,
    visit: (index: number, distanceSquared: number) => void,
  ): void;
  /** The k nearest points to (x, y), nearest first, ties by index; `exclude` skips one index. */
  nearest(x: number, y: number, k: number, exclude?: number): { index: number; distance: number }[];
}

export function createPointGridIndex(xy: Float64Array, cellSizeMetres: number): PointGridIndex {
  if (!(cellSizeMetres > 0)) throw new Error('cellSizeMetres must be positive');
  const count = xy.length / 2;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (count === 0) {
    minX = minY = maxX = maxY = 0;
  }
  // Keep the grid to at most ~4 cells a point so a stray far-away point cannot blow up memory.
  let size = cellSizeMetres;
  const maxCells = Math.max(1024, 4 * count);
  while (((maxX - minX) / size + 1) * ((maxY - minY) / size + 1) > maxCells) size *= 2;
  const cols = Math.floor((maxX - minX) / size) + 1;
  const rows = Math.floor((maxY - minY) / size) + 1;
  const cellOf = new Int32Array(count);
  const cellStart = new Int32Array(cols * rows + 1);
  for (let i = 0; i < count; i++) {
    const c = Math.floor((xy[2 * i] - minX) / size);
    const r = Math.floor((xy[2 * i + 1] - minY) / size);
    const cell = r * cols + c;
    cellOf[i] = cell;
    cellStart[cell + 1]++;
  }
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1] += cellStart[c];
  const order = new Int32Array(count);
  const fill = cellStart.slice(0, cols * rows);
  for (let i = 0; i < count; i++) order[fill[cellOf[i]]++] = i;

  const forEachWithinRadius: PointGridIndex['forEachWithinRadius'] = (x, y, radius, visit) => {
    const r2 = radius * radius;
    const c0 = Math.max(0, Math.floor((x - radius - minX) / size));
    const c1 = Math.min(cols - 1, Math.floor((x + radius - minX) / size));
    const r0 = Math.max(0, Math.floor((y - radius - minY) / size));
    const r1 = Math.min(rows - 1, Math.floor((y + radius - minY) / size));
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * cols + c;
        for (let k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
          const i = order[k];
          const dx = xy[2 * i] - x;
          const dy = xy[2 * i + 1] - y;
          const d2 = dx * dx + dy * dy;
          if (d2 <= r2) visit(i, d2);
        }
      }
    }
  };

  return {
    count,
    cellSizeMetres: size,
    forEachWithinRadius,
    withinRadius(x, y, radius) {
      const out: number[] = [];
      forEachWithinRadius(x, y, radius, (i) => out.push(i));
      return out;
    },
    nearest(x, y, k, exclude = -1) {
      const want = Math.min(k, count - (exclude >= 0 && exclude < count ? 1 : 0));
      if (want <= 0) return [];
      // Grow the search ring until it holds k points and the ring is wider than the k-th distance.
      let radius = size;
      const span = Math.hypot(maxX - minX, maxY - minY) + size;
      for (;;) {
        const found: { index: number; distance: number }[] = [];
        forEachWithinRadius(x, y, radius, (i, d2) => {
          if (i !== exclude) found.push({ index: i, distance: Math.sqrt(d2) });
        });
        if (found.length >= want || radius > span + Math.hypot(x - minX, y - minY)) {
          found.sort((a, b) => a.distance - b.distance || a.index - b.index);
          return found.slice(0, want);
        }
        radius *= 2;
      }
    },
  };
}
