/**
 * The distance from each planar point to its nearest other point, in metres.
 *
 * Method: a uniform grid (the fixed-grid method of Bentley & Friedman 1979, "Data structures for
 * range searching", ACM Computing Surveys 11(4)) sized to about one point a cell over the core of
 * the data — the box between the 1st and 99th percentiles of x and of y — so that a few stray
 * far-away points (a geocoder's default location hundreds of kilometres off) cannot coarsen it.
 * Points outside the core are stored in the nearest border cell; a query visits every cell its
 * search square overlaps after the same clamping, so it still sees every point within its radius.
 * The radius starts at one cell and doubles until a point is found within it, so the minimum is
 * exact. O(n) expected for points of roughly even density; coincident points are at distance 0
 * (pass `distinctLocations(xy).xy` when coincidence should not count).
 *
 * @example
 * nearestNeighbourDistances(new Float64Array([0, 0, 3, 4, 10, 4]));
 * // Float64Array [5, 5, 7]
 */
export function nearestNeighbourDistances(xy: Float64Array): Float64Array {
  const n = xy.length >> 1;
  const out = new Float64Array(n);
  if (n < 2) return out.fill(NaN);

  // Core box from percentiles of a strided sample of at most 20,000 points.
  const stride = Math.max(1, Math.floor(n / 20000));
  const sx: number[] = [];
  const sy: number[] = [];
  for (let i = 0; i < n; i += stride) {
    sx.push(xy[2 * i]);
    sy.push(xy[2 * i + 1]);
  }
  sx.sort((a, b) => a - b);
  sy.sort((a, b) => a - b);
  const q = (sorted: number[], f: number) => sorted[Math.floor(f * (sorted.length - 1))];
  let x0 = q(sx, 0.01);
  let x1 = q(sx, 0.99);
  let y0 = q(sy, 0.01);
  let y1 = q(sy, 0.99);
  if (!(x1 > x0)) [x0, x1] = [sx[0], sx[sx.length - 1]];
  if (!(y1 > y0)) [y0, y1] = [sy[0], sy[sy.length - 1]];
  const width = x1 - x0;
  const height = y1 - y0;
  let size = Math.sqrt((width * height) / n);
  if (!(size > 0)) size = Math.max(width, height, 1) / Math.sqrt(n);
  let cols = Math.floor(width / size) + 1;
  let rows = Math.floor(height / size) + 1;
  while (cols * rows > 4 * n + 1024) {
    size *= 2;
    cols = Math.floor(width / size) + 1;
    rows = Math.floor(height / size) + 1;
  }
  const clampCol = (x: number) => {
    const c = Math.floor((x - x0) / size);
    return c < 0 ? 0 : c >= cols ? cols - 1 : c;
  };
  const clampRow = (y: number) => {
    const r = Math.floor((y - y0) / size);
    return r < 0 ? 0 : r >= rows ? rows - 1 : r;
  };

  // Counting sort of the points by cell.
  const cellOf = new Int32Array(n);
  const start = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const cell = clampRow(xy[2 * i + 1]) * cols + clampCol(xy[2 * i]);
    cellOf[i] = cell;
    start[cell + 1]++;
  }
  for (let c = 0; c < cols * rows; c++) start[c + 1] += start[c];
  const order = new Int32Array(n);
  const fill = start.slice(0, cols * rows);
  for (let i = 0; i < n; i++) order[fill[cellOf[i]]++] = i;
  // Coordinates copied in cell order, so a cell's points are contiguous in memory; queries also
  // run in cell order, so neighbouring queries read the same cells.
  const sortedX = new Float64Array(n);
  const sortedY = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    sortedX[k] = xy[2 * order[k]];
    sortedY[k] = xy[2 * order[k] + 1];
  }

  for (let self = 0; self < n; self++) {
    const x = sortedX[self];
    const y = sortedY[self];
    let best = Infinity;
    for (let radius = size; ; radius *= 2) {
      const c0 = clampCol(x - radius);
      const c1 = clampCol(x + radius);
      const r0 = clampRow(y - radius);
      const r1 = clampRow(y + radius);
      for (let r = r0; r <= r1; r++) {
        for (let k = start[r * cols + c0], end = start[r * cols + c1 + 1]; k < end; k++) {
          const dx = sortedX[k] - x;
          const dy = sortedY[k] - y;
          const d2 = dx * dx + dy * dy;
          if (d2 < best && k !== self) best = d2;
        }
      }
      // Every point within `radius` has been seen; or the search already covered every cell.
      if (best <= radius * radius) break;
      if (c0 === 0 && r0 === 0 && c1 === cols - 1 && r1 === rows - 1) break;
    }
    out[order[self]] = Math.sqrt(best);
  }
  return out;
}
