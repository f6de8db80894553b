/**
 * Sums of a per-cell value over every cell whose centre lies within a distance band of each cell's
 * centre, on a square or hexagonal grid — the fixed-distance-band neighbourhood of Gi* and
 * Moran's I, without building the weights.
 *
 * Method: a disc stencil with row prefix sums. For each row offset dr in the band, the cells of
 * that row within the band form one run of columns [c + lo, c + hi] (for hexagons the run depends
 * on whether the row is even or odd, because odd rows are shifted half a cell). With running sums
 * P along every lattice row, each run costs one subtraction, so a cell costs O(2R + 1) for a band
 * of R rows instead of O(R²) (summed-area tables in the sense of Crow 1984, "Summed-area tables
 * for texture mapping", SIGGRAPH, applied row by row to a disc). Cells outside the study area
 * hold no value and count for nothing: the same prefix sums over the in-study-area mask give the
 * number of neighbours, so those cells are absent, not zeros.
 *
 * The band test is the same as `distanceBandWeights`: centre distance ≤ band · (1 + tolerance).
 * Complexity: O(cols · rows · (2R + 1)) for the value sums (whole lattice rows at a time, the
 * inner loop without branches), plus O(cols · rows) for a chessboard distance transform that
 * gives every cell whose stencil lies wholly inside the study area its full neighbour count, so
 * only cells within R of the edge count their runs.
 *
 * @example
 * // A 3 × 1 strip of 100 m squares with values [1, 2, 3] and a 100 m band:
 * // sums = [1 + 2, 1 + 2 + 3, 2 + 3] = [3, 6, 5]; counts = [2, 3, 2] (each cell counts itself)
 */
import type { Grid, GridLayout } from './grid';
import { DEFAULT_BAND_TOLERANCE } from './spatialWeights';

export interface DiscStencil {
  radiusMetres: number;
  /** Row offsets dr of the band's rows. */
  rowOffsets: Int32Array;
  /** Column run [lo, hi] for row offset k from an even row (index k) or an odd row (K + k). */
  lo: Int32Array;
  hi: Int32Array;
}

export function discStencil(
  layout: GridLayout,
  radiusMetres: number,
  tolerance = DEFAULT_BAND_TOLERANCE,
): DiscStencil {
  const limit = radiusMetres * (1 + tolerance);
  const w = layout.cellSizeMetres;
  const h = layout.rowSpacingMetres;
  const R = Math.floor(limit / h) + 1;
  const C = Math.floor(limit / w) + 2;
  const offsets: number[] = [];
  const runs: [number, number, number, number][] = [];
  for (let dr = -R; dr <= R; dr++) {
    const run = [0, 1].map((parity) => {
      // Hexagon odd-r layout: going from an even row to an odd one moves half a cell east.
      const shift = layout.shape === 'hex' && dr & 1 ? (parity === 0 ? 0.5 : -0.5) : 0;
      let lo = Infinity;
      let hi = -Infinity;
      for (let dc = -C; dc <= C; dc++) {
        if (Math.hypot((dc + shift) * w, dr * h) <= limit) {
          lo = Math.min(lo, dc);
          hi = Math.max(hi, dc);
        }
      }
      return [lo, hi];
    });
    if (run[0][0] === Infinity && run[1][0] === Infinity) continue;
    offsets.push(dr);
    runs.push([run[0][0], run[0][1], run[1][0], run[1][1]]);
  }
  const K = offsets.length;
  const lo = new Int32Array(2 * K);
  const hi = new Int32Array(2 * K);
  runs.forEach(([lo0, hi0, lo1, hi1], k) => {
    // An empty run is stored as lo > hi.
    lo[k] = lo0 === Infinity ? 1 : lo0;
    hi[k] = lo0 === Infinity ? 0 : hi0;
    lo[K + k] = lo1 === Infinity ? 1 : lo1;
    hi[K + k] = lo1 === Infinity ? 0 : hi1;
  });
  return { radiusMetres, rowOffsets: Int32Array.from(offsets), lo, hi };
}

export interface DiscSums {
  /** Σ of the values of the cells within the band of each cell (itself included). */
  sums: Float64Array;
  /** Number of cells within the band of each cell (itself included). */
  counts: Float64Array;
}

/** Band sums of `values` (one per cell of `grid`) and band cell counts, each cell included. */
export function gridDiscSums(
  grid: Grid,
  values: ArrayLike<number>,
  radiusMetres: number,
  options: { tolerance?: number } = {},
): DiscSums {
  if (values.length !== grid.cellCount)
    throw new Error(`Need one value per cell: ${grid.cellCount} cells, ${values.length} values.`);
  const stencil = discStencil(grid, radiusMetres, options.tolerance ?? DEFAULT_BAND_TOLERANCE);
  const { cols, rows, layoutOfCell, mask } = grid;
  const n = grid.cellCount;
  const stride = cols + 1;
  const P = new Float64Array(rows * stride);
  const M = new Float64Array(rows * stride);
  for (let cell = 0; cell < n; cell++) {
    const k = layoutOfCell[cell];
    const r = (k / cols) | 0;
    P[k + r + 1] = values[cell]; // r · stride + c + 1
    M[k + r + 1] = 1;
  }
  for (let r = 0; r < rows; r++) {
    const base = r * stride;
    for (let c = 1; c <= cols; c++) {
      P[base + c] += P[base + c - 1];
      M[base + c] += M[base + c - 1];
    }
  }
  const { rowOffsets, lo, hi } = stencil;
  const K = rowOffsets.length;
  const lastCol = cols - 1;

  // Value sums for every lattice position, a whole lattice row at a time. Each row splits into
  // the columns whose run is clipped by the west edge, the unclipped middle (no branches) and the
  // columns clipped by the east edge.
  const latticeSums = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const parityBase = grid.shape === 'hex' && r & 1 ? K : 0;
    const at = r * cols;
    for (let k = 0; k < K; k++) {
      const rr = r + rowOffsets[k];
      if (rr < 0 || rr >= rows) continue;
      const dlo = lo[parityBase + k];
      const dhi = hi[parityBase + k];
      if (dlo > dhi) continue;
      const base = rr * stride;
      const westEnd = Math.min(cols, -dlo);
      const eastStart = Math.max(0, lastCol - dhi + 1);
      let c = 0;
      for (; c < westEnd && c < eastStart; c++) {
        if (c + dhi >= 0) latticeSums[at + c] += P[base + c + dhi + 1] - P[base];
      }
      for (; c < eastStart; c++) latticeSums[at + c] += P[base + c + dhi + 1] - P[base + c + dlo];
      for (; c < cols; c++) {
        const a = c + dlo < 0 ? 0 : c + dlo;
        if (a <= lastCol) latticeSums[at + c] += P[base + cols] - P[base + a];
      }
    }
  }

  // Neighbour counts: a cell whose whole stencil lies inside the study area has the full count,
  // so only cells near the edge need their runs counted. "Near" is decided by the chessboard
  // distance to the nearest lattice position outside the study area (two-pass distance
  // transform, Rosenfeld & Pfaltz 1966), compared with the stencil's reach.
  let reach = 0;
  const fullCount = [0, 0];
  for (let k = 0; k < K; k++) {
    for (const parity of [0, 1]) {
      const l = lo[parity * K + k];
      const h = hi[parity * K + k];
      if (l > h) continue;
      fullCount[parity] += h - l + 1;
      reach = Math.max(reach, Math.abs(rowOffsets[k]), Math.abs(l), Math.abs(h));
    }
  }
  const distance = new Int32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const k = r * cols + c;
      distance[k] = mask[k] ? Math.min(c + 1, cols - c, r + 1, rows - r) : 0;
    }
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const k = r * cols + c;
      let d = distance[k];
      if (d === 0) continue;
      if (c > 0) d = Math.min(d, distance[k - 1] + 1);
      if (r > 0) {
        d = Math.min(d, distance[k - cols] + 1);
        if (c > 0) d = Math.min(d, distance[k - cols - 1] + 1);
        if (c < lastCol) d = Math.min(d, distance[k - cols + 1] + 1);
      }
      distance[k] = d;
    }
  for (let r = rows - 1; r >= 0; r--)
    for (let c = lastCol; c >= 0; c--) {
      const k = r * cols + c;
      let d = distance[k];
      if (d === 0) continue;
      if (c < lastCol) d = Math.min(d, distance[k + 1] + 1);
      if (r < rows - 1) {
        d = Math.min(d, distance[k + cols] + 1);
        if (c < lastCol) d = Math.min(d, distance[k + cols + 1] + 1);
        if (c > 0) d = Math.min(d, distance[k + cols - 1] + 1);
      }
      distance[k] = d;
    }

  const sums = new Float64Array(n);
  const counts = new Float64Array(n);
  for (let cell = 0; cell < n; cell++) {
    const at = layoutOfCell[cell];
    sums[cell] = latticeSums[at];
    const r = (at / cols) | 0;
    const parity = grid.shape === 'hex' && r & 1 ? 1 : 0;
    if (distance[at] > reach) {
      counts[cell] = fullCount[parity];
      continue;
    }
    const c = at - r * cols;
    let m = 0;
    for (let k = 0; k < K; k++) {
      const rr = r + rowOffsets[k];
      if (rr < 0 || rr >= rows) continue;
      const a = c + lo[parity * K + k] < 0 ? 0 : c + lo[parity * K + k];
      const b = c + hi[parity * K + k] > lastCol ? lastCol : c + hi[parity * K + k];
      if (a > b) continue;
      m += M[rr * stride + b + 1] - M[rr * stride + a];
    }
    counts[cell] = m;
  }
  return { sums, counts };
}
