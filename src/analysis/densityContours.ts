/**
 * Contours that enclose the densest p% of a study area on a density raster, and the share of
 * incidents inside each — "the densest 5% of the area holds 31% of incidents". This is the
 * highest-density-region reading of a kernel density surface (Hyndman, R. J. 1996 "Computing and
 * graphing highest density regions", The American Statistician 50(2) 120–126), with the region's
 * size fixed as a share of the study area instead of a share of the probability mass, as crime
 * concentration studies report it (Weisburd 2015, "The law of crime concentration and the
 * criminology of place", Criminology 53(2) 133–157).
 *
 * Steps: (1) rank the study area's cells by density; (2) the level for p% is the density of the
 * ⌈p/100 · cells⌉-th densest cell (all cells at least that dense are in, so ties can add a little
 * area, and the area actually covered is reported); (3) an incident is inside when the cell it
 * falls in is at or above the level and in the study area; (4) the outline at that level is
 * traced by marching squares with linear interpolation (d3-contour `contours()`), then put in
 * metres with exterior rings counter-clockwise and holes clockwise (RFC 7946).
 *
 * Units: the raster's cells and metres; levels in the surface's own unit (e.g. incidents per
 * km²); shares are fractions in [0, 1]. Complexity O(cells log cells + n) plus the tracing.
 *
 * @example
 * // a 2 × 2 raster (100 m cells), one hot cell of four: the densest 25% is that cell, and the
 * // incident in it is one of two → holds 50% of incidents
 * const surface = { minXMetres: 0, minYMetres: 0, cellSizeMetres: 100, cols: 2, rows: 2,
 *   values: new Float64Array([9, 1, 1, 1]) };
 * densityContours(surface, new Float64Array([50, 50, 150, 150]), { percents: [25] })[0]
 *   .incidentShare; // 0.5
 */
import { contours } from 'd3-contour';

export interface DensityRaster {
  minXMetres: number;
  minYMetres: number;
  cellSizeMetres: number;
  cols: number;
  rows: number;
  /** Row-major from the south-west corner (row 0 is the southern edge). */
  values: ArrayLike<number>;
}

export interface DensityContoursOptions {
  /** Shares of the study area, in percent; default [1, 5, 10, 25]. */
  percents?: readonly number[];
  /** One entry a cell; non-zero = inside the study area. Default: every cell. */
  studyAreaMask?: Uint8Array;
  /** Selection mask over the incidents; non-zero = include. Default: all. */
  incidentMask?: Uint8Array;
}

export interface DensityContour {
  /** The requested share of the study area, in percent. */
  percentOfArea: number;
  /** The density level (in the surface's unit): cells at or above it are inside. */
  level: number;
  /** Study-area cells at or above the level, and their share of the study area (ties may add). */
  cells: number;
  areaShare: number;
  areaKm2: number;
  /** Selected incidents in those cells, and their share of the selected incidents in the study area. */
  incidentsInside: number;
  incidentShare: number;
  /** The outline, in metres (x east, y north); exterior rings counter-clockwise. */
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  /** A sentence for a non-statistician. */
  summary: string;
}

function signedArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}

function percentText(share: number): string {
  const p = 100 * share;
  return p >= 10 || p === 0 ? `${Math.round(p)}%` : `${p.toFixed(1)}%`;
}

export function densityContours(
  surface: DensityRaster,
  xy: Float64Array,
  options: DensityContoursOptions = {},
): DensityContour[] {
  const { cols, rows, cellSizeMetres: s, minXMetres, minYMetres, values } = surface;
  const cellCount = cols * rows;
  if (values.length !== cellCount)
    throw new Error(`The raster has ${values.length} values for ${cols} × ${rows} cells.`);
  const percents = options.percents ?? [1, 5, 10, 25];
  const study = options.studyAreaMask;
  if (study && study.length !== cellCount)
    throw new Error(`studyAreaMask has ${study.length} entries for ${cellCount} cells.`);
  const incidentMask = options.incidentMask;
  const n = xy.length >> 1;
  if (incidentMask && incidentMask.length !== n)
    throw new Error(`incidentMask has ${incidentMask.length} entries for ${n} incidents.`);

  // Step 1: the study area's densities, densest first.
  const inStudy = (i: number) => study === undefined || study[i] !== 0;
  const ranked: number[] = [];
  for (let i = 0; i < cellCount; i++) if (inStudy(i)) ranked.push(values[i]);
  ranked.sort((a, b) => b - a);
  const studyCells = ranked.length;
  if (studyCells === 0) throw new Error('The study area covers no cell of the raster.');
  let smallestPositive = Infinity;
  for (const v of ranked) if (v > 0 && v < smallestPositive) smallestPositive = v;

  // Each selected incident's cell (−1 when off the raster or outside the study area).
  const incidentCell = new Int32Array(n).fill(-1);
  let incidentsInStudy = 0;
  for (let i = 0; i < n; i++) {
    if (incidentMask !== undefined && incidentMask[i] === 0) continue;
    const c = Math.floor((xy[2 * i] - minXMetres) / s);
    const r = Math.floor((xy[2 * i + 1] - minYMetres) / s);
    if (c < 0 || c >= cols || r < 0 || r >= rows) continue;
    const cell = r * cols + c;
    if (!inStudy(cell)) continue;
    incidentCell[i] = cell;
    incidentsInStudy++;
  }

  // Cells outside the study area are NaN, which d3-contour treats as below every level.
  const traced: number[] = new Array<number>(cellCount);
  for (let i = 0; i < cellCount; i++) traced[i] = inStudy(i) ? values[i] : NaN;
  const tracer = contours().size([cols, rows]);
  const cellKm2 = (s * s) / 1e6;

  return percents.map((percentOfArea) => {
    if (!(percentOfArea > 0 && percentOfArea <= 100))
      throw new Error(
        `A contour must enclose between 0 and 100% of the area (got ${percentOfArea}).`,
      );
    // Step 2: the level of the ⌈p·cells⌉-th densest cell; never below the least positive density,
    // so that a contour does not swallow cells where nothing happened.
    const k = Math.max(1, Math.ceil((percentOfArea / 100) * studyCells));
    const level = Math.max(ranked[k - 1], smallestPositive);
    let cells = 0;
    for (let i = 0; i < cellCount; i++) if (inStudy(i) && values[i] >= level) cells++;
    // Step 3: incidents in those cells.
    let incidentsInside = 0;
    for (let i = 0; i < n; i++) {
      const cell = incidentCell[i];
      if (cell >= 0 && values[cell] >= level) incidentsInside++;
    }
    // Step 4: the outline, from grid units (cell c spans [c, c + 1]) to metres.
    const coordinates: number[][][][] = Number.isFinite(level)
      ? tracer.contour(traced, level).coordinates.map((polygon) =>
          polygon.map((ring, ringIndex) => {
            const metres = ring.map(([gx, gy]) => [minXMetres + gx * s, minYMetres + gy * s]);
            const wantPositive = ringIndex === 0;
            return signedArea(metres) > 0 === wantPositive ? metres : metres.reverse();
          }),
        )
      : [];
    const areaShare = cells / studyCells;
    const incidentShare = incidentsInStudy > 0 ? incidentsInside / incidentsInStudy : 0;
    let summary = `The densest ${percentText(areaShare)} of the area (${(cells * cellKm2).toFixed(2)} km²) holds ${percentText(incidentShare)} of incidents (${incidentsInside.toLocaleString('en-US')} of ${incidentsInStudy.toLocaleString('en-US')}).`;
    if (areaShare < (percentOfArea / 100) * 0.999)
      summary += ` Only ${percentText(areaShare)} of the area has any density, so the ${percentOfArea}% contour is that area.`;
    return {
      percentOfArea,
      level,
      cells,
      areaShare,
      areaKm2: cells * cellKm2,
      incidentsInside,
      incidentShare,
      geometry: { type: 'MultiPolygon' as const, coordinates },
      summary,
    };
  });
}
