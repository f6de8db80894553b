/**
 * Square and hexagonal grids over a study area, in metres, and the count of points in each cell.
 *
 * Cells: a cell takes part when its centre lies inside the study area (`studyArea.ts`); zero-count
 * cells are kept, since "no incident here" is data. Points in a cell whose centre is outside the
 * study area are counted in `pointsOutside`, not dropped silently.
 *
 * Cell size (`cellSizeMetres`):
 * - square: the side of the square.
 * - hex: the flat-to-flat width of the hexagon, which is also the distance between the centres of
 *   neighbouring cells (side = width / √3, area = (√3 / 2) · width²). Hexagons are "pointy-top":
 *   flat sides face east and west, rows run east–west and every odd row is shifted east by half a
 *   width ("odd-r" offset layout, Patel 2013, Red Blob Games "Hexagonal Grids").
 *
 * Layout: cells sit on a `cols × rows` lattice whose cell (c, r) has its centre at
 * (originX + (c + shift) · cellSizeMetres, originY + r · rowSpacingMetres), with shift = 0, or 0.5
 * on odd hexagon rows; rowSpacingMetres is the side for squares and (√3 / 2) · width for hexagons.
 * Square grids are aligned to multiples of the cell size in the projected coordinates, so grids of
 * size s and 2s nest. `cellAtLayout[r · cols + c]` is the cell index or −1; cells are numbered
 * row by row from the south-west. The lattice lets stencils with row prefix sums run on the grid
 * (`gridDiscSums.ts`).
 *
 * A grid over `maxCells` (default 250,000) is refused with an Error that says how many cells it
 * would make and which cell size would fit, so a stray far-away point can never make a million
 * cells (and the study area from points already drops locational outliers).
 *
 * Point location is planar arithmetic: floor division for squares; for hexagons, axial coordinates
 * and cube rounding (Patel 2013). Complexity: O(rows · edges-crossing + cells) to build (a
 * scanline fill of the study-area polygons at each row of centres), O(n) to count n points.
 *
 * @example
 * const area = studyAreaFromPolygons([[new Float64Array([0, 0, 200, 0, 200, 100, 0, 100])]]);
 * const g = buildGrid(new Float64Array([10, 10, 20, 20, 150, 50]), {
 *   shape: 'square', cellSizeMetres: 100, studyArea: area,
 * });
 * g.cellCount; // 2 — centres (50, 50) and (150, 50)
 * g.counts; // Int32Array [2, 1]
 */
import { polygonEdges } from './pointInPolygon';
import type { StudyArea } from './studyArea';

export type GridShape = 'square' | 'hex';

export interface GridLayout {
  shape: GridShape;
  /** Square: the side. Hex: the flat-to-flat width (= distance between neighbouring centres). */
  cellSizeMetres: number;
  /** Distance between the centre lines of neighbouring rows. */
  rowSpacingMetres: number;
  /** Centre of lattice cell (0, 0). */
  originX: number;
  originY: number;
  cols: number;
  rows: number;
  /** Lattice index r · cols + c → cell index, or −1 where the centre is outside the study area. */
  cellAtLayout: Int32Array;
}

export interface Grid extends GridLayout {
  cellCount: number;
  /** Cell index → lattice index r · cols + c. */
  layoutOfCell: Int32Array;
  /** Lattice index → 1 inside the study area, 0 outside. */
  mask: Uint8Array;
  /** Interleaved centre coordinates of each cell, metres. */
  centres: Float64Array;
  /** 4 for squares, 6 for hexagons. */
  verticesPerCell: 4 | 6;
  /** Each cell's polygon, counter-clockwise, not closed: `verticesPerCell` (x, y) pairs a cell. */
  vertices: Float64Array;
  cellAreaSquareMetres: number;
}

export interface GridCounts {
  /** Points in each cell. */
  counts: Int32Array;
  /** For each input point, its cell index, or −1 when it is outside every cell of the grid. */
  pointCell: Int32Array;
  /** Points that fell in no cell (outside the study area, or in a cell whose centre is outside). */
  pointsOutside: number;
}

export interface BuiltGrid extends Grid, GridCounts {}

export interface GridOptions {
  shape: GridShape;
  cellSizeMetres: number;
  studyArea: StudyArea;
  /** Largest number of cells allowed; default 250,000. */
  maxCells?: number;
}

export const DEFAULT_MAX_CELLS = 250_000;
const SQRT3 = Math.sqrt(3);

/** Grid geometry and counts in one call: `createGrid` then `countPointsInGrid`. */
export function buildGrid(xy: Float64Array, options: GridOptions): BuiltGrid {
  const grid = createGrid(options);
  return { ...grid, ...countPointsInGrid(grid, xy) };
}

export function createGrid(options: GridOptions): Grid {
  const { shape, cellSizeMetres: size, studyArea } = options;
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  if (!(size > 0) || !Number.isFinite(size))
    throw new Error(`The cell size must be a positive number of metres (got ${size}).`);
  const rowSpacing = shape === 'square' ? size : (size * SQRT3) / 2;
  const cellArea = shape === 'square' ? size * size : (SQRT3 / 2) * size * size;
  const { minX, minY, maxX, maxY } = studyArea;

  let originX: number;
  let originY: number;
  let cols: number;
  let rows: number;
  if (shape === 'square') {
    originX = Math.floor(minX / size) * size + size / 2;
    originY = Math.floor(minY / size) * size + size / 2;
    cols = Math.floor((maxX - (originX - size / 2)) / size) + 1;
    rows = Math.floor((maxY - (originY - size / 2)) / size) + 1;
  } else {
    originX = Math.floor(minX / size) * size;
    originY = Math.floor(minY / rowSpacing) * rowSpacing;
    cols = Math.ceil((maxX - originX) / size) + 1;
    rows = Math.ceil((maxY - originY) / rowSpacing) + 1;
  }

  const refuse = (count: number, approximate: boolean) => {
    const suggested = Math.ceil(
      Math.sqrt(studyArea.areaSquareMetres / maxCells / (shape === 'square' ? 1 : SQRT3 / 2)),
    );
    return new Error(
      `A ${formatMetres(size)} ${shape === 'square' ? 'square' : 'hexagon'} grid over this study area ` +
        `(${formatKm(maxX - minX)} × ${formatKm(maxY - minY)}) would make ${approximate ? 'about ' : ''}` +
        `${Math.round(count).toLocaleString('en-US')} cells, more than the limit of ` +
        `${maxCells.toLocaleString('en-US')}. Use cells of at least ${formatMetres(suggested)}, ` +
        `or a smaller study area.`,
    );
  };
  const estimate = studyArea.areaSquareMetres / cellArea;
  // Far over the limit: refuse from the area alone, before allocating anything.
  if (estimate > 2 * maxCells + 100) throw refuse(estimate, true);
  // A long thin study area can fit few cells in a huge bounding rectangle; bound the lattice too.
  const latticeLimit = Math.max(16 * maxCells, 1 << 20);
  if (cols * rows > latticeLimit)
    throw new Error(
      `The study area is long and thin: a ${formatMetres(size)} grid would need a bounding ` +
        `lattice of ${(cols * rows).toLocaleString('en-US')} cells (limit ` +
        `${latticeLimit.toLocaleString('en-US')}). Use larger cells or a more compact study area.`,
    );

  const layout: GridLayout = {
    shape,
    cellSizeMetres: size,
    rowSpacingMetres: rowSpacing,
    originX,
    originY,
    cols,
    rows,
    cellAtLayout: new Int32Array(cols * rows).fill(-1),
  };
  const mask = new Uint8Array(cols * rows);
  for (const polygon of studyArea.polygons) fillPolygon(polygonEdges(polygon.rings), layout, mask);

  let cellCount = 0;
  for (let k = 0; k < mask.length; k++) cellCount += mask[k];
  if (cellCount > maxCells) throw refuse(cellCount, false);

  const layoutOfCell = new Int32Array(cellCount);
  const centres = new Float64Array(2 * cellCount);
  const verticesPerCell = shape === 'square' ? 4 : 6;
  const vertices = new Float64Array(2 * verticesPerCell * cellCount);
  const corner = cellCorners(shape, size);
  let cell = 0;
  for (let r = 0; r < rows; r++) {
    const shift = shape === 'hex' && r & 1 ? 0.5 : 0;
    const cy = originY + r * rowSpacing;
    for (let c = 0; c < cols; c++) {
      const k = r * cols + c;
      if (!mask[k]) continue;
      layout.cellAtLayout[k] = cell;
      layoutOfCell[cell] = k;
      const cx = originX + (c + shift) * size;
      centres[2 * cell] = cx;
      centres[2 * cell + 1] = cy;
      const v = 2 * verticesPerCell * cell;
      for (let j = 0; j < verticesPerCell; j++) {
        vertices[v + 2 * j] = cx + corner[2 * j];
        vertices[v + 2 * j + 1] = cy + corner[2 * j + 1];
      }
      cell++;
    }
  }
  return {
    ...layout,
    cellCount,
    layoutOfCell,
    mask,
    centres,
    verticesPerCell,
    vertices,
    cellAreaSquareMetres: cellArea,
  };
}

/** Counts points per cell and records each point's cell. O(n). */
export function countPointsInGrid(grid: Grid, xy: Float64Array): GridCounts {
  const n = xy.length >> 1;
  const counts = new Int32Array(grid.cellCount);
  const pointCell = new Int32Array(n);
  if (grid.shape === 'square') {
    const half = grid.cellSizeMetres / 2;
    countSquares(
      xy,
      grid.originX - half,
      grid.originY - half,
      1 / grid.cellSizeMetres,
      grid.cols,
      grid.rows,
      grid.cellAtLayout,
      counts,
      pointCell,
    );
  } else {
    countHexes(
      xy,
      grid.originX,
      grid.originY,
      1 / grid.cellSizeMetres,
      1 / grid.rowSpacingMetres,
      grid.cols,
      grid.rows,
      grid.cellAtLayout,
      counts,
      pointCell,
    );
  }
  let counted = 0;
  for (let cell = 0; cell < counts.length; cell++) counted += counts[cell];
  return { counts, pointCell, pointsOutside: n - counted };
}

/** The hot loop of square counting, on plain numbers and typed arrays only. */
function countSquares(
  xy: Float64Array,
  x0: number,
  y0: number,
  inv: number,
  cols: number,
  rows: number,
  cellAtLayout: Int32Array,
  counts: Int32Array,
  pointCell: Int32Array,
): void {
  const n = xy.length >> 1;
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    // Fractional lattice coordinates; the range test comes first, so truncation equals floor.
    const fc = (xy[j] - x0) * inv;
    const fr = (xy[j + 1] - y0) * inv;
    let cell = -1;
    if (fc >= 0 && fc < cols && fr >= 0 && fr < rows) {
      cell = cellAtLayout[(fr | 0) * cols + (fc | 0)];
      if (cell >= 0) counts[cell]++;
    }
    pointCell[i] = cell;
  }
}

/** The hot loop of hexagon counting: `locateHex` inlined on plain numbers. */
function countHexes(
  xy: Float64Array,
  originX: number,
  originY: number,
  invWidth: number,
  invRowSpacing: number,
  cols: number,
  rows: number,
  cellAtLayout: Int32Array,
  counts: Int32Array,
  pointCell: Int32Array,
): void {
  const n = xy.length >> 1;
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const rf = (xy[j + 1] - originY) * invRowSpacing;
    const qf = (xy[j] - originX) * invWidth - rf / 2;
    const sf = -qf - rf;
    let q = Math.round(qf);
    let r = Math.round(rf);
    const s = Math.round(sf);
    const dq = Math.abs(q - qf);
    const dr = Math.abs(r - rf);
    const ds = Math.abs(s - sf);
    if (dq > dr && dq > ds) q = -r - s;
    else if (dr > ds) r = -q - s;
    const c = q + ((r - (r & 1)) >> 1);
    let cell = -1;
    if (c >= 0 && c < cols && r >= 0 && r < rows) {
      cell = cellAtLayout[r * cols + c];
      if (cell >= 0) counts[cell]++;
    }
    pointCell[i] = cell;
  }
}

/** The index of the cell containing (x, y), or −1. */
export function locateCell(layout: GridLayout, x: number, y: number): number {
  if (layout.shape === 'hex') return locateHex(layout, x, y);
  // The same arithmetic as countPointsInGrid, so both put a point on a cell edge in the same cell.
  const inv = 1 / layout.cellSizeMetres;
  const fc = (x - (layout.originX - layout.cellSizeMetres / 2)) * inv;
  const fr = (y - (layout.originY - layout.cellSizeMetres / 2)) * inv;
  if (!(fc >= 0 && fc < layout.cols && fr >= 0 && fr < layout.rows)) return -1;
  return layout.cellAtLayout[(fr | 0) * layout.cols + (fc | 0)];
}

/** Pointy-top hexagon containing (x, y): axial coordinates, then cube rounding (Patel 2013). */
function locateHex(layout: GridLayout, x: number, y: number): number {
  const rf = (y - layout.originY) / layout.rowSpacingMetres;
  const qf = (x - layout.originX) / layout.cellSizeMetres - rf / 2;
  const sf = -qf - rf;
  let q = Math.round(qf);
  let r = Math.round(rf);
  const s = Math.round(sf);
  const dq = Math.abs(q - qf);
  const dr = Math.abs(r - rf);
  const ds = Math.abs(s - sf);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  const c = q + (r - (r & 1)) / 2;
  if (c < 0 || c >= layout.cols || r < 0 || r >= layout.rows) return -1;
  return layout.cellAtLayout[r * layout.cols + c];
}

/** Corner offsets from a cell's centre, counter-clockwise. */
function cellCorners(shape: GridShape, size: number): Float64Array {
  if (shape === 'square') {
    const h = size / 2;
    return new Float64Array([-h, -h, h, -h, h, h, -h, h]);
  }
  const side = size / SQRT3;
  const out = new Float64Array(12);
  for (let j = 0; j < 6; j++) {
    const angle = ((30 + 60 * j) * Math.PI) / 180;
    out[2 * j] = side * Math.cos(angle);
    out[2 * j + 1] = side * Math.sin(angle);
  }
  return out;
}

/**
 * Marks lattice cells whose centres are inside one polygon (even–odd rule, the same half-open
 * crossing test as `preparePolygon(...).contains`): for each row of centres, the polygon's edges
 * crossing that row give sorted x-crossings, and centres in [x₂ₖ, x₂ₖ₊₁) are inside.
 */
function fillPolygon(edges: Float64Array, layout: GridLayout, mask: Uint8Array): void {
  const { rows, cols, originX, originY, rowSpacingMetres: h, cellSizeMetres: w } = layout;
  const edgeCount = edges.length / 4;
  const rowY = (r: number) => originY + r * h;
  // Rows whose centre line y satisfies min(y1, y2) ≤ y < max(y1, y2); checked exactly below.
  const rowRange = (k: number): [number, number] => {
    const y1 = edges[4 * k + 1];
    const y2 = edges[4 * k + 3];
    const lo = Math.max(0, Math.floor((Math.min(y1, y2) - originY) / h) - 1);
    const hi = Math.min(rows - 1, Math.ceil((Math.max(y1, y2) - originY) / h) + 1);
    return [lo, hi];
  };
  const crosses = (k: number, y: number) => edges[4 * k + 1] > y !== edges[4 * k + 3] > y;

  const start = new Int32Array(rows + 1);
  for (let k = 0; k < edgeCount; k++) {
    const [lo, hi] = rowRange(k);
    for (let r = lo; r <= hi; r++) if (crosses(k, rowY(r))) start[r + 1]++;
  }
  for (let r = 0; r < rows; r++) start[r + 1] += start[r];
  const xs = new Float64Array(start[rows]);
  const fill = start.slice(0, rows);
  for (let k = 0; k < edgeCount; k++) {
    const [lo, hi] = rowRange(k);
    const x1 = edges[4 * k];
    const y1 = edges[4 * k + 1];
    const x2 = edges[4 * k + 2];
    const y2 = edges[4 * k + 3];
    for (let r = lo; r <= hi; r++) {
      const y = rowY(r);
      if (crosses(k, y)) xs[fill[r]++] = x1 + ((y - y1) * (x2 - x1)) / (y2 - y1);
    }
  }
  for (let r = 0; r < rows; r++) {
    const row = xs.subarray(start[r], start[r + 1]).sort();
    const shift = layout.shape === 'hex' && r & 1 ? 0.5 : 0;
    for (let k = 0; k + 1 < row.length; k += 2) {
      // Centre x = originX + (c + shift)·w lies in [row[k], row[k + 1]).
      let c0 = Math.ceil((row[k] - originX) / w - shift);
      let c1 = Math.ceil((row[k + 1] - originX) / w - shift) - 1;
      // Floating-point guard: confirm the end cells with the same arithmetic as the centres.
      while (c0 - 1 >= 0 && originX + (c0 - 1 + shift) * w >= row[k]) c0--;
      while (originX + (c0 + shift) * w < row[k]) c0++;
      while (originX + (c1 + 1 + shift) * w < row[k + 1]) c1++;
      while (c1 >= c0 && originX + (c1 + shift) * w >= row[k + 1]) c1--;
      c0 = Math.max(c0, 0);
      c1 = Math.min(c1, cols - 1);
      for (let c = c0; c <= c1; c++) mask[r * cols + c] = 1;
    }
  }
}

function formatMetres(m: number): string {
  return `${Number(m.toPrecision(4)).toLocaleString('en-US')} m`;
}

function formatKm(m: number): string {
  return `${(m / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} km`;
}
