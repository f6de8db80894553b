/**
 * Dual kernel density: two density surfaces on the same raster (two periods, or two categories)
 * compared cell by cell as a ratio, a difference and a log ratio.
 *
 *   difference = A − B
 *   ratio      = (A + f) / (B + f)
 *   log ratio  = ln((A + f) / (B + f))      (0 where the two agree; symmetric: ln 2 and −ln 2)
 *
 * The floor f keeps empty cells from dividing by zero and keeps cells with almost nothing in
 * either surface from showing huge ratios: by default 1% of the mean density of the two surfaces
 * over the study area, stated in the result. With `scale: 'share'` each surface is first divided
 * by its own total over the study area, so that the comparison is of where incidents concentrate,
 * not of how many there are — the kernel estimate of relative risk (Kelsall, J. E. & Diggle, P. J.
 * 1995 "Kernel estimation of relative risk", Bernoulli 1(1–2) 3–16).
 *
 * Source: Levine, N. (2013) CrimeStat IV, chapter 10, "Dual kernel density interpolation" (ratio,
 * log ratio and difference of two densities on one grid).
 *
 * Units: difference in the surfaces' unit (incidents per km², or share of the surface per cell
 * with `scale: 'share'`); ratio and log ratio unitless. Cells outside the study area are NaN.
 * Complexity O(cells).
 *
 * @example
 * const grid = { minXMetres: 0, minYMetres: 0, cellSizeMetres: 100, cols: 3, rows: 1 };
 * const d = dualKernelDensity({ ...grid, values: new Float64Array([4, 0, 2]) },
 *   { ...grid, values: new Float64Array([2, 0, 2]) }, { floor: 1 });
 * d.ratio; // [5/3, 1, 1]; d.difference: [2, 0, 0]
 */
import type { DensityRaster } from './densityContours';

export interface DualKernelDensityOptions {
  /** Added to both surfaces before dividing, in the compared unit. Default: 1% of their mean. */
  floor?: number;
  /** `'intensity'` (default) compares the surfaces as they are; `'share'` divides each by its total. */
  scale?: 'intensity' | 'share';
  /** One entry a cell; non-zero = inside. Default: every cell. */
  studyAreaMask?: Uint8Array;
}

export interface DualKernelDensity {
  minXMetres: number;
  minYMetres: number;
  cellSizeMetres: number;
  cols: number;
  rows: number;
  difference: Float64Array;
  ratio: Float64Array;
  logRatio: Float64Array;
  /** The floor used, in the compared unit. */
  floor: number;
  scale: 'intensity' | 'share';
  /** One sentence for the methods log. */
  method: string;
}

export function dualKernelDensity(
  first: DensityRaster,
  second: DensityRaster,
  options: DualKernelDensityOptions = {},
): DualKernelDensity {
  const same =
    first.cols === second.cols &&
    first.rows === second.rows &&
    first.cellSizeMetres === second.cellSizeMetres &&
    first.minXMetres === second.minXMetres &&
    first.minYMetres === second.minYMetres;
  if (!same)
    throw new Error(
      'The two density surfaces are on different rasters; compute both on the same grid.',
    );
  const cells = first.cols * first.rows;
  if (first.values.length !== cells || second.values.length !== cells)
    throw new Error(`Each surface needs ${cells} values.`);
  const study = options.studyAreaMask;
  if (study && study.length !== cells)
    throw new Error(`studyAreaMask has ${study.length} entries for ${cells} cells.`);
  const scale = options.scale ?? 'intensity';
  const inStudy = (i: number) => study === undefined || study[i] !== 0;

  let totalA = 0;
  let totalB = 0;
  let studyCells = 0;
  for (let i = 0; i < cells; i++) {
    if (!inStudy(i)) continue;
    totalA += first.values[i];
    totalB += second.values[i];
    studyCells++;
  }
  if (studyCells === 0) throw new Error('The study area covers no cell of the raster.');
  if (scale === 'share' && !(totalA > 0 && totalB > 0))
    throw new Error('A surface with no density cannot be compared as shares.');
  const factorA = scale === 'share' ? 1 / totalA : 1;
  const factorB = scale === 'share' ? 1 / totalB : 1;
  const meanOfBoth = (totalA * factorA + totalB * factorB) / (2 * studyCells);
  const floor = options.floor ?? 0.01 * meanOfBoth;
  if (!(floor > 0))
    throw new Error(
      `The floor must be positive to divide safely (got ${floor}); both surfaces may be empty.`,
    );

  const difference = new Float64Array(cells);
  const ratio = new Float64Array(cells);
  const logRatio = new Float64Array(cells);
  for (let i = 0; i < cells; i++) {
    if (!inStudy(i)) {
      difference[i] = ratio[i] = logRatio[i] = NaN;
      continue;
    }
    const a = first.values[i] * factorA;
    const b = second.values[i] * factorB;
    difference[i] = a - b;
    ratio[i] = (a + floor) / (b + floor);
    logRatio[i] = Math.log(ratio[i]);
  }
  const what = scale === 'share' ? 'each surface as a share of its total' : 'the two densities';
  return {
    minXMetres: first.minXMetres,
    minYMetres: first.minYMetres,
    cellSizeMetres: first.cellSizeMetres,
    cols: first.cols,
    rows: first.rows,
    difference,
    ratio,
    logRatio,
    floor,
    scale,
    method: `Dual kernel density of ${what}: difference A − B, ratio (A + f)/(B + f) and its natural log, with floor f = ${floor.toPrecision(3)}${options.floor === undefined ? ' (1% of the mean of both surfaces)' : ''}.`,
  };
}
