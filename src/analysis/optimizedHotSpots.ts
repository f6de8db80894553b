/**
 * "Find hot spots" in one click: Getis-Ord Gi* on incident counts in grid cells, with every
 * parameter chosen from the data and written to a methods log in plain English — after ArcGIS
 * Pro's Optimized Hot Spot Analysis ("How Optimized Hot Spot Analysis works", Esri):
 *
 * 1. Enough data: at least `minimumIncidents` incidents (default 60) and, after aggregation,
 *    `minimumCells` cells (default 30; Esri: results from fewer than 30 features are unreliable)
 *    whose counts are not all equal. Otherwise an Error says what is missing.
 * 2. Study area: the user's boundary polygons, else the convex hull of the incidents without
 *    locational outliers (`studyAreaFromPoints`: nearest-neighbour distance more than 3 SD above
 *    the mean), with the number dropped in the log.
 * 3. Cell size, from the incidents' nearest-neighbour distances: on the distinct incident
 *    locations inside the study area (coincident incidents count once), the larger of the mean and
 *    the median distance to the nearest other location, rounded up to two significant figures;
 *    raised, with a note, when the study area would otherwise need more than `maxCells` cells.
 * 4. Distance band: Global Moran's I z-score (randomisation) over 10 increasing distances
 *    (`incrementalSpatialAutocorrelation`, from the smallest distance at which every cell has a
 *    neighbour, in steps of one cell); the first statistically significant peak (z ≥ 1.96) is the
 *    band. Without such a peak: the mean distance from each cell to its K-th nearest cell, with
 *    K = 5% of the cells, at least 3 and at most 30.
 * 5. Gi* with that binary fixed distance band (each cell its own neighbour), z and two-sided p
 *    from the normal, and confidence bins with the false discovery rate correction always on
 *    (`confidenceBins(…, { fdr: true })`).
 *
 * The log ends up in every export; the caller adds the projection, the app version and the filters
 * through `log` (placed first). Units: metres. Complexity: O(n) for the incidents (hashing, grid
 * nearest neighbours, counting), O(cells · band rows · 10) for the band search.
 *
 * @example
 * const result = optimizedHotSpots(projectedIncidentsXY, { log: ['Projection: …', 'COP Planner 0.1.0'] });
 * result.cellSizeMetres; // e.g. 140
 * result.bandMetres; // e.g. 560
 * result.bins; // Int8Array of −3…3 per cell
 * result.log; // ['Projection: …', …, 'Cell size 140 m: the larger of …', …]
 */
import { confidenceBins } from './falseDiscoveryRate';
import { getisOrdGiStarGrid, type GiResult } from './getisOrdGiStar';
import { buildGrid, DEFAULT_MAX_CELLS, type BuiltGrid, type GridShape } from './grid';
import { distinctLocations, type DistinctLocations } from './distinctLocations';
import {
  incrementalSpatialAutocorrelation,
  type IncrementalResult,
} from './incrementalSpatialAutocorrelation';
import { nearestNeighbourDistances } from './nearestNeighbourDistances';
import { createPointGridIndex } from './pointGridIndex';
import type { PlanarPolygon } from './pointInPolygon';
import {
  isInStudyArea,
  studyAreaFromPoints,
  studyAreaFromPolygons,
  type StudyArea,
} from './studyArea';

export interface OptimizedHotSpotsOptions {
  /** Cell shape; default 'square' (ArcGIS's fishnet). */
  shape?: GridShape;
  /** Boundary polygons (rings in metres) defining where incidents are possible. */
  boundaries?: readonly PlanarPolygon[];
  /** Use this cell size instead of choosing one. */
  cellSizeMetres?: number;
  /** Never choose cells smaller than this (metres); default none. For street-snapped data. */
  minimumCellSizeMetres?: number;
  /** Use this distance band instead of choosing one. */
  bandMetres?: number;
  /** Largest grid; default 250,000 cells. */
  maxCells?: number;
  /** Fewest incidents to analyse; default 60. */
  minimumIncidents?: number;
  /** Fewest cells to analyse; default 30. */
  minimumCells?: number;
  /** Lines to put first in the methods log (projection, app version, filters). */
  log?: readonly string[];
  onProgress?: (fraction: number, stage: string) => void;
}

export interface OptimizedHotSpotsResult {
  grid: BuiltGrid;
  studyArea: StudyArea;
  cellSizeMetres: number;
  bandMetres: number;
  /** How the band was chosen. */
  bandRule: 'given' | 'first peak' | 'k nearest';
  incremental: IncrementalResult | null;
  /** Gi* z, p and neighbour counts per cell. */
  gi: GiResult;
  /** ArcGIS Gi_Bin per cell, −3…3, with FDR. */
  bins: Int8Array;
  /** Cells hot (bin ≥ 2) and cold (bin ≤ −2) at 95% confidence or more. */
  hotCells: number;
  coldCells: number;
  /** Plain-English lines: every parameter chosen and why. */
  log: string[];
}

export function optimizedHotSpots(
  xy: Float64Array,
  options: OptimizedHotSpotsOptions = {},
): OptimizedHotSpotsResult {
  const shape = options.shape ?? 'square';
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  const minimumIncidents = options.minimumIncidents ?? 60;
  const minimumCells = options.minimumCells ?? 30;
  const progress = options.onProgress ?? (() => {});
  const log: string[] = [...(options.log ?? [])];
  const n = xy.length >> 1;
  log.push(
    'Method: optimized hot spot analysis (Getis-Ord Gi* on incident counts per cell, with the cell size, distance band and multiple-testing correction chosen from the data, after ArcGIS Pro’s Optimized Hot Spot Analysis).',
  );

  // 1. Enough incidents.
  if (n < minimumIncidents)
    throw new Error(
      `Hot spot analysis needs at least ${minimumIncidents} incidents; the current selection has ${n.toLocaleString('en-US')}. Widen the dates, categories or area.`,
    );

  // 2. Study area.
  progress(0, 'study area');
  // Distinct locations and their nearest-neighbour distances serve both the outlier rule of the
  // hull and the cell size, so they are computed once.
  const locations = distinctLocations(xy);
  const nearest = nearestNeighbourDistances(locations.xy);
  const studyArea = options.boundaries
    ? studyAreaFromPolygons(options.boundaries)
    : studyAreaFromPoints(xy, { locations, nearestNeighbourMetres: nearest });
  log.push(studyArea.description);

  // 3. Cell size from nearest-neighbour distances of distinct incident locations.
  progress(0.1, 'cell size');
  let cellSize: number;
  if (options.cellSizeMetres !== undefined) {
    cellSize = options.cellSizeMetres;
    log.push(`Cell size ${formatMetres(cellSize)} (${shapeWords(shape)}), as chosen by the user.`);
  } else {
    cellSize = chooseCellSize(xy, locations, nearest, studyArea, shape, maxCells, log);
    const floor = options.minimumCellSizeMetres;
    if (floor !== undefined && cellSize < floor) {
      log.push(
        `Cell size raised from ${formatMetres(cellSize)} to the minimum of ${formatMetres(floor)} set by the user.`,
      );
      cellSize = floor;
    }
  }

  progress(0.2, 'counting');
  const grid = buildGrid(xy, { shape, cellSizeMetres: cellSize, studyArea, maxCells });
  const counted = n - grid.pointsOutside;
  log.push(
    `${grid.cellCount.toLocaleString('en-US')} cells of ${formatMetres(cellSize)} cover the study area (zero-count cells included); ${counted.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} incidents fall in them.` +
      (grid.pointsOutside > 0
        ? ` ${grid.pointsOutside.toLocaleString('en-US')} incident${grid.pointsOutside === 1 ? '' : 's'} lie outside the study area or in a cell whose centre is outside it, and ${grid.pointsOutside === 1 ? 'is' : 'are'} not counted.`
        : ''),
  );
  if (grid.cellCount < minimumCells)
    throw new Error(
      `Hot spot analysis needs at least ${minimumCells} cells; ${formatMetres(cellSize)} cells make only ${grid.cellCount} over this study area. Use a smaller cell size or a larger area.`,
    );
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < grid.cellCount; i++) {
    lo = Math.min(lo, grid.counts[i]);
    hi = Math.max(hi, grid.counts[i]);
  }
  if (lo === hi)
    throw new Error(
      `Every cell holds ${lo} incident${lo === 1 ? '' : 's'}, so there is no concentration to test. Use a different cell size or more incidents.`,
    );

  // 4. Distance band.
  progress(0.3, 'distance band');
  let band: number;
  let bandRule: OptimizedHotSpotsResult['bandRule'];
  let incremental: IncrementalResult | null = null;
  if (options.bandMetres !== undefined) {
    band = options.bandMetres;
    bandRule = 'given';
    log.push(`Distance band ${formatMetres(band)}, as chosen by the user.`);
  } else {
    // The smallest distance at which every cell has a neighbour.
    const start = kthNeighbourDistances(grid, 1).reduce((a, b) => Math.max(a, b), 0);
    incremental = incrementalSpatialAutocorrelation(grid.counts, grid, {
      startMetres: start,
      incrementMetres: cellSize,
      bands: 10,
      onProgress: (f) => progress(0.3 + 0.5 * f, 'distance band'),
    });
    const tested = `${formatMetres(incremental.steps[0].distanceMetres)} to ${formatMetres(incremental.steps[incremental.steps.length - 1].distanceMetres)} in steps of ${formatMetres(cellSize)}`;
    if (incremental.firstPeak) {
      band = incremental.firstPeak.distanceMetres;
      bandRule = 'first peak';
      log.push(
        `Distance band ${formatMetres(band)}: the first statistically significant peak of the z-score of Global Moran’s I (z = ${incremental.firstPeak.z.toFixed(2)}, randomisation) over 10 distances from ${tested} — the scale at which incidents cluster most.`,
      );
    } else {
      const k = Math.min(30, Math.max(3, Math.round(0.05 * grid.cellCount)));
      const kth = kthNeighbourDistances(grid, k);
      let sum = 0;
      for (let i = 0; i < kth.length; i++) sum += kth[i];
      band = sum / kth.length;
      bandRule = 'k nearest';
      log.push(
        `Distance band ${formatMetres(band)}: Global Moran’s I showed no statistically significant peak over 10 distances from ${tested}, so the band is the mean distance from each cell to its ${ordinal(k)} nearest cell (K = 5% of the cells, kept between 3 and 30).`,
      );
    }
  }

  // 5. Gi* with FDR.
  progress(0.85, 'Gi*');
  const gi = getisOrdGiStarGrid(grid, grid.counts, band);
  const bins = confidenceBins(gi.z, gi.p, { fdr: true });
  let minN = Infinity;
  let maxN = 0;
  for (let i = 0; i < gi.neighbours.length; i++) {
    minN = Math.min(minN, gi.neighbours[i]);
    maxN = Math.max(maxN, gi.neighbours[i]);
  }
  log.push(
    `Getis-Ord Gi* (Ord & Getis 1995) on the count in each cell, with binary weights over a fixed distance band of ${formatMetres(band)} including the cell itself; each cell has ${minN === maxN ? minN : `${minN} to ${maxN}`} cells in its neighbourhood. z-scores are compared with the normal distribution (two-sided p).`,
  );
  log.push(
    'Multiple testing: the false discovery rate correction (Benjamini & Hochberg 1995) sets the 99%, 95% and 90% confidence levels, so that at most that share of the cells called hot or cold are expected to be false alarms.',
  );
  let hotCells = 0;
  let coldCells = 0;
  for (let i = 0; i < bins.length; i++) {
    if (bins[i] >= 2) hotCells++;
    if (bins[i] <= -2) coldCells++;
  }
  log.push(
    `Result: ${hotCells.toLocaleString('en-US')} hot-spot cell${hotCells === 1 ? '' : 's'} and ${coldCells.toLocaleString('en-US')} cold-spot cell${coldCells === 1 ? '' : 's'} at 95% confidence or more, of ${grid.cellCount.toLocaleString('en-US')} cells.`,
  );
  progress(1, 'done');
  return {
    grid,
    studyArea,
    cellSizeMetres: cellSize,
    bandMetres: band,
    bandRule,
    incremental,
    gi,
    bins,
    hotCells,
    coldCells,
    log,
  };
}

/**
 * The distance from each cell centre to its k-th nearest other cell centre (metres), walking the
 * lattice offsets in order of distance; an index search finishes the rare cell whose k-th
 * neighbour is farther than the walk.
 */
export function kthNeighbourDistances(grid: BuiltGrid, k: number): Float64Array {
  const { cols, rows, cellAtLayout, layoutOfCell, cellSizeMetres: w, rowSpacingMetres: h } = grid;
  const reach = Math.ceil(Math.sqrt(k)) + 6;
  const offsets: { dc: number; dr: number; d: number }[][] = [[], []];
  for (const parity of [0, 1]) {
    for (let dr = -reach; dr <= reach; dr++)
      for (let dc = -reach; dc <= reach; dc++) {
        if (dr === 0 && dc === 0) continue;
        const shift = grid.shape === 'hex' && dr & 1 ? (parity === 0 ? 0.5 : -0.5) : 0;
        offsets[parity].push({ dc, dr, d: Math.hypot((dc + shift) * w, dr * h) });
      }
    offsets[parity].sort((a, b) => a.d - b.d);
  }
  // Beyond this distance the walk may have skipped cells outside the square of offsets.
  const safe = (reach - 1) * Math.min(w, h);
  const out = new Float64Array(grid.cellCount);
  let index: ReturnType<typeof createPointGridIndex> | null = null;
  for (let cell = 0; cell < grid.cellCount; cell++) {
    const at = layoutOfCell[cell];
    const r = (at / cols) | 0;
    const c = at - r * cols;
    const list = offsets[grid.shape === 'hex' && r & 1 ? 1 : 0];
    let found = 0;
    let distance = NaN;
    for (const o of list) {
      if (o.d > safe) break;
      const rr = r + o.dr;
      const cc = c + o.dc;
      if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
      if (cellAtLayout[rr * cols + cc] < 0) continue;
      if (++found === k) {
        distance = o.d;
        break;
      }
    }
    if (Number.isNaN(distance)) {
      index ??= createPointGridIndex(grid.centres, w * 4);
      const nearest = index.nearest(grid.centres[2 * cell], grid.centres[2 * cell + 1], k, cell);
      distance = nearest.length > 0 ? nearest[nearest.length - 1].distance : NaN;
    }
    out[cell] = distance;
  }
  return out;
}

function chooseCellSize(
  xy: Float64Array,
  allLocations: DistinctLocations,
  allNearest: Float64Array,
  studyArea: StudyArea,
  shape: GridShape,
  maxCells: number,
  log: string[],
): number {
  let nn: Float64Array;
  let m: number;
  let incidents: number;
  if (studyArea.source === 'hull') {
    // The hull holds every location but the outliers, so their distances can be reused.
    const keep: number[] = [];
    incidents = 0;
    const outlierAt = new Uint8Array(allLocations.multiplicity.length);
    for (let i = 0; i < studyArea.isOutlier!.length; i++)
      if (studyArea.isOutlier![i]) outlierAt[allLocations.locationOf[i]] = 1;
    for (let loc = 0; loc < outlierAt.length; loc++)
      if (!outlierAt[loc]) {
        keep.push(allNearest[loc]);
        incidents += allLocations.multiplicity[loc];
      }
    nn = Float64Array.from(keep);
    m = keep.length;
  } else {
    const n = xy.length >> 1;
    const inside: number[] = [];
    for (let i = 0; i < n; i++) {
      if (isInStudyArea(studyArea, xy[2 * i], xy[2 * i + 1])) inside.push(xy[2 * i], xy[2 * i + 1]);
    }
    const locations = distinctLocations(new Float64Array(inside));
    m = locations.multiplicity.length;
    incidents = inside.length >> 1;
    nn = m >= 2 ? nearestNeighbourDistances(locations.xy) : new Float64Array(0);
  }
  if (m < 2)
    throw new Error(
      'The incidents inside the study area are all at one location, so no cell size can be derived from their spacing. Give a cell size.',
    );
  let sum = 0;
  for (let i = 0; i < m; i++) sum += nn[i];
  const mean = sum / m;
  const sorted = Float64Array.from(nn).sort();
  const median = m % 2 ? sorted[(m - 1) / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
  let size = roundUpTwoFigures(Math.max(mean, median));
  const coincident = incidents - m;
  log.push(
    `Cell size ${formatMetres(size)} (${shapeWords(shape)}): the larger of the mean (${formatMetres(mean)}) and the median (${formatMetres(median)}) distance from each of the ${m.toLocaleString('en-US')} distinct incident locations to its nearest neighbour, rounded up` +
      (coincident > 0
        ? `; ${coincident.toLocaleString('en-US')} incidents share a location with another and count once here.`
        : '.'),
  );
  const cellArea = shape === 'square' ? 1 : Math.sqrt(3) / 2;
  const smallest = roundUpTwoFigures(Math.sqrt(studyArea.areaSquareMetres / maxCells / cellArea));
  if (size < smallest) {
    log.push(
      `Cell size raised from ${formatMetres(size)} to ${formatMetres(smallest)} so that the grid stays within ${maxCells.toLocaleString('en-US')} cells.`,
    );
    size = smallest;
  }
  return size;
}

function roundUpTwoFigures(x: number): number {
  if (!(x > 0)) return x;
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.ceil(x / unit - 1e-9) * unit;
}

function shapeWords(shape: GridShape): string {
  return shape === 'square' ? 'the side of each square' : 'the flat-to-flat width of each hexagon';
}

function formatMetres(m: number): string {
  return `${Number(m.toPrecision(m >= 100 ? 4 : 3)).toLocaleString('en-US')} m`;
}

function ordinal(k: number): string {
  const suffix =
    k % 10 === 1 && k !== 11
      ? 'st'
      : k % 10 === 2 && k !== 12
        ? 'nd'
        : k % 10 === 3 && k !== 13
          ? 'rd'
          : 'th';
  return `${k}${suffix}`;
}
