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
 * Complexity: O(cols · rows) for the prefix sums plus O(cells · (2R + 1)).
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
  const { cols, rows, layoutOfCell } = grid;
  const stride = cols + 1;
  const P = new Float64Array(rows * stride);
  const M = new Float64Array(rows * stride);
  for (let cell = 0; cell < grid.cellCount; cell++) {
    const k = layoutOfCell[cell];
    const r = (k / cols) | 0;
    const c = k - r * cols;
    P[r * stride + c + 1] = values[cell];
    M[r * stride + c + 1] = 1;
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
  const sums = new Float64Array(grid.cellCount);
  const counts = new Float64Array(grid.cellCount);
  for (let cell = 0; cell < grid.cellCount; cell++) {
    const k0 = layoutOfCell[cell];
    const r = (k0 / cols) | 0;
    const c = k0 - r * cols;
    const parityBase = grid.shape === 'hex' && r & 1 ? K : 0;
    let s = 0;
    let m = 0;
    for (let k = 0; k < K; k++) {
      const rr = r + rowOffsets[k];
      if (rr < 0 || rr >= rows) continue;
      let a = c + lo[parityBase + k];
      let b = c + hi[parityBase + k];
      if (a < 0) a = 0;
      if (b > cols - 1) b = cols - 1;
      if (a > b) continue;
      const base = rr * stride;
      s += P[base + b + 1] - P[base + a];
      m += M[base + b + 1] - M[base + a];
    }
    sums[cell] = s;
    counts[cell] = m;
  }
  return { sums, counts };
}
