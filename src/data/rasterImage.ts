/**
 * A raster in local metres as a picture for the map: RGBA pixels in classes of a colour-blind-safe
 * ColorBrewer ramp, north up, and the four corners of the raster in lon/lat for deck.gl's
 * BitmapLayer. Built in the job worker, so the page only wraps the pixels in an ImageData.
 *
 * The raster is regular in metres on the local transverse Mercator; the map stretches the picture
 * between its four corners. `cornerStretchErrorMetres` measures how far any point of the picture
 * then lands from its true place (a few centimetres to a metre for a city-sized raster).
 */
import type { LocalProjection } from '../analysis/localProjection';

export type RGBA = [number, number, number, number];

/** ColorBrewer YlOrRd, 5 classes (sequential, colour-blind safe), lightest first. */
export const SEQUENTIAL_COLOURS: RGBA[] = [
  [255, 255, 178, 150],
  [254, 204, 92, 175],
  [253, 141, 60, 195],
  [240, 59, 32, 210],
  [189, 0, 38, 225],
];

/** ColorBrewer RdBu, 7 classes (diverging, colour-blind safe): blue = less, red = more. */
export const DIVERGING_COLOURS: RGBA[] = [
  [33, 102, 172, 215],
  [103, 169, 207, 195],
  [209, 229, 240, 170],
  [247, 247, 247, 0],
  [253, 219, 199, 170],
  [239, 138, 98, 195],
  [178, 24, 43, 215],
];

export interface RasterGrid {
  minXMetres: number;
  minYMetres: number;
  cellSizeMetres: number;
  cols: number;
  rows: number;
}

/**
 * The class of each value: −1 below `lower[0]` (or NaN, transparent), else the largest k with
 * value ≥ lower[k]. `lower` ascending.
 */
export function classIndex(value: number, lower: readonly number[]): number {
  if (!(value >= lower[0])) return -1;
  let k = 0;
  while (k + 1 < lower.length && value >= lower[k + 1]) k++;
  return k;
}

/**
 * RGBA pixels, row 0 the northern edge (as an image is drawn), from values row-major from the
 * south-west. A value takes the colour of its class (`classIndex` over `lower`, colours aligned);
 * class −1 is transparent.
 */
export function rasterToRgba(
  values: ArrayLike<number>,
  grid: RasterGrid,
  lower: readonly number[],
  colours: readonly RGBA[],
): Uint8ClampedArray {
  const { cols, rows } = grid;
  const out = new Uint8ClampedArray(4 * cols * rows);
  for (let r = 0; r < rows; r++) {
    const src = (rows - 1 - r) * cols;
    const dst = r * cols;
    for (let c = 0; c < cols; c++) {
      const k = classIndex(values[src + c], lower);
      if (k >= 0) out.set(colours[k], 4 * (dst + c));
    }
  }
  return out;
}

/** Corners in lon/lat in BitmapLayer order: south-west, north-west, north-east, south-east. */
export function rasterCorners(grid: RasterGrid, projection: LocalProjection): [number, number][] {
  const x0 = grid.minXMetres;
  const y0 = grid.minYMetres;
  const x1 = x0 + grid.cols * grid.cellSizeMetres;
  const y1 = y0 + grid.rows * grid.cellSizeMetres;
  return [
    projection.inverse(x0, y0),
    projection.inverse(x0, y1),
    projection.inverse(x1, y1),
    projection.inverse(x1, y0),
  ];
}

/** Web Mercator's northing of a latitude (unit sphere), and its inverse. */
const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const mercatorLat = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(y)) - 90;

/**
 * The largest distance (metres) between where a point of the raster truly is and where it lands
 * when the picture is drawn between its four lon/lat corners on a Web Mercator map, as deck.gl's
 * BitmapLayer draws it there: two triangles (south-west, north-east, north-west) and (south-west,
 * south-east, north-east), each textured affinely in Web Mercator coordinates. Checked over a
 * 17 × 17 lattice of the raster.
 */
export function cornerStretchErrorMetres(grid: RasterGrid, projection: LocalProjection): number {
  const corners = rasterCorners(grid, projection).map(([lon, lat]) => [lon, mercatorY(lat)]);
  const [sw, nw, ne, se] = corners;
  const w = grid.cols * grid.cellSizeMetres;
  const h = grid.rows * grid.cellSizeMetres;
  let worst = 0;
  const steps = 16;
  for (let i = 0; i <= steps; i++)
    for (let j = 0; j <= steps; j++) {
      const u = i / steps;
      const v = j / steps;
      // Upper-left triangle: P = sw + v·(nw − sw) + u·(ne − nw); lower-right: P = sw + u·(se − sw) + v·(ne − se).
      const p =
        v >= u
          ? [0, 1].map((k) => sw[k] + v * (nw[k] - sw[k]) + u * (ne[k] - nw[k]))
          : [0, 1].map((k) => sw[k] + u * (se[k] - sw[k]) + v * (ne[k] - se[k]));
      const [x, y] = projection.forward(p[0], mercatorLat(p[1]));
      const dx = x - (grid.minXMetres + u * w);
      const dy = y - (grid.minYMetres + v * h);
      worst = Math.max(worst, Math.hypot(dx, dy));
    }
  return worst;
}

/** A density or rate for a legend: 3 significant figures, thousands separated. */
export function formatLevel(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}
