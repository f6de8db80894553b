/**
 * Emerging Hot Spot Analysis, as ArcGIS Pro's tool of that name (Space Time Pattern Mining toolbox)
 * defines it: which hot spots are new, intensifying, persistent or fading?
 *
 * 1. Space-time cube: incidents counted by cell (location) and time step (`spaceTimeCube`). As in
 *    ArcGIS, only locations with at least one incident in at least one step are analysed.
 * 2. Space-time Gi* per bin (`spaceTimeGiStar`): the neighbours of bin (i, t) are the cells within
 *    the distance band of i (and i itself) in step t and in the `timeStepNeighbours` steps before it
 *    (ArcGIS's "Neighborhood Time Step", default 1), with binary weights. With Σx the neighbourhood's
 *    total, c its number of bins, and X̄, S the mean and (population) standard deviation over n bins,
 *    z = (Σx − X̄·c) / (S·√((n·c − c²) / (n − 1)))   (Getis & Ord 1992; Ord & Getis 1995).
 *    The "global window" sets which bins give X̄, S and n: 'cube' — every bin of the cube, ArcGIS's
 *    default ("Entire cube"); 'slice' — the cells of step t only (ArcGIS's "Individual time step",
 *    and what R sfdep's `emerging_hotspot_analysis` does, although the lagged bins of step t − 1
 *    still enter Σx). A window with no variance gives z = 0. Weights other than binary are not
 *    needed: sfdep's row-standardised weights give the same z, because Gi* is unchanged when all of
 *    one cell's weights are multiplied by the same number.
 * 3. Each bin's p-value (two-sided, normal) is corrected for multiple testing with the False
 *    Discovery Rate (Benjamini & Hochberg 1995) over all bins of the cube, as ArcGIS does, and binned
 *    −3…+3 (99, 95, 90% cold … hot; `confidenceBins`).
 * 4. The Mann-Kendall test on each location's z-score series gives its trend (`mannKendall`).
 * 5. Each location gets one of 17 patterns. Esri's definitions (ArcGIS Pro, "How Emerging Hot Spot
 *    Analysis works", pro.arcgis.com/en/pro-app/latest/tool-reference/space-time-pattern-mining/
 *    learnmoreemerging.htm; English text cross-checked against the Japanese ArcGIS AllSource page and
 *    an Esri tutorial's copy of the table):
 *    - New Hot Spot: "A location that is a statistically significant hot spot for the final time step
 *      and has never been a statistically significant hot spot before."
 *    - Consecutive Hot Spot: "A location with a single uninterrupted run of at least two
 *      statistically significant hot spot bins in the final time-step intervals. The location has
 *      never been a statistically significant hot spot prior to the final hot spot run and less
 *      than 90 percent of all bins are statistically significant hot spots."
 *    - Intensifying Hot Spot: "A location that has been a statistically significant hot spot for 90
 *      percent of the time-step intervals, including the final time step. In addition, the intensity
 *      of clustering of high counts in each time step is increasing overall and that increase is
 *      statistically significant."
 *    - Persistent Hot Spot: "A location that has been a statistically significant hot spot for 90
 *      percent of the time-step intervals with no discernible trend in the intensity of clustering
 *      over time."
 *    - Diminishing Hot Spot: "A location that has been a statistically significant hot spot for 90
 *      percent of the time-step intervals, including the final time step. In addition, the intensity
 *      of clustering in each time step is decreasing overall and that decrease is statistically
 *      significant."
 *    - Sporadic Hot Spot: "A statistically significant hot spot for the final time-step interval
 *      with a history of also being an on-again and off-again hot spot. Less than 90 percent of the
 *      time-step intervals have been statistically significant hot spots and none of the time-step
 *      intervals have been statistically significant cold spots."
 *    - Oscillating Hot Spot: "A statistically significant hot spot for the final time-step interval
 *      that has a history of also being a statistically significant cold spot during a prior time
 *      step. Less than 90 percent of the time-step intervals have been statistically significant hot
 *      spots."
 *    - Historical Hot Spot: "The most recent time period is not hot, but at least 90 percent of the
 *      time-step intervals have been statistically significant hot spots."
 *    - The eight Cold Spot patterns read the same with hot and cold swapped (an intensifying cold spot
 *      has a significant downward trend in z); No Pattern Detected: "Does not fall into any of the
 *      hot or cold spot patterns defined above."
 *    Where the words leave a choice, this file decides (and `classifyEmergingPatterns` follows it):
 *    the final bin picks the side; "90 percent" means ≥ 90% of the steps; Persistent needs the final
 *    step hot (otherwise the location is Historical); a location hot now with any earlier cold bin
 *    is Oscillating rather than New or Consecutive (as sfdep decides); a trend is significant at the
 *    same level as the bins. Codes follow ArcGIS's CATEGORY field: 1…8 hot in the order above,
 *    −1…−8 cold, 0 no pattern.
 *
 * Significance: 90% by default (Esri's default), i.e. a bin is hot when its FDR-corrected confidence
 * bin is ≥ +1 and the trend is significant at p ≤ 0.10; 95 and 99 are the other choices.
 *
 * Cells are either a square grid lattice (`grid.ts` layout, fast path: the neighbourhood sum is a
 * disc of cells, computed from per-row prefix sums in O(2R + 1) a bin instead of O(πR²)) or any
 * cells with neighbour lists (`spatialWeights.ts`, e.g. `distanceBandWeights` on the centres of
 * hexagons or polygons, or contiguity). Units: metres, floating wall-clock epoch ms. Complexity:
 * cube O(incidents · log steps); Gi* O(cells · steps · (2R + 1)) on the grid, O(cells · steps ·
 * neighbours) otherwise; Mann-Kendall O(cells · steps · log steps).
 *
 * @example
 * // Three cells in a row (neighbours: the next cell), four steps; cell 2 lights up at the end.
 * const weights = weightsFromNeighbourLists([[1], [0, 2], [1]]);
 * const counts = new Float64Array([1, 1, 1, 1,  1, 1, 1, 1,  1, 1, 1, 9]); // cell-major
 * const gi = spaceTimeGiStar(counts, 4, { kind: 'weights', weights }, { timeStepNeighbours: 0 });
 * // Step 3, cell 2: Σx = 9 + 1 = 10 over c = 2 bins (itself and cell 1); over all n = 12 bins
 * // X̄ = 20/12 = 5/3 and S² = 92/12 − 25/9 = 44/9, so
 * // z = (10 − 2·5/3) / (√(44/9) · √((12·2 − 2²) / 11)) = (20/3) / √(80/9) = √5
 * gi.z[2 * 4 + 3]; // 2.2361
 */
import { addMonths, MS_PER_DAY, startOfDay, startOfMonth, startOfWeek } from './calendar';
import { confidenceBins } from './falseDiscoveryRate';
import type { GridLayout } from './grid';
import { mannKendall } from './mannKendall';
import { twoSidedP } from './normal';
import type { SpatialWeights } from './spatialWeights';

// ---------------------------------------------------------------------------------------------
// Time steps

export type TimeStepUnit = 'day' | 'week' | 'month';

export interface TimeStep {
  unit: TimeStepUnit;
  /** Units a step; defaults to 1 (e.g. { unit: 'day', count: 14 } for fortnights). */
  count?: number;
}

export interface TimeStepOptions {
  /**
   * 'end' (default, ArcGIS's "End time" alignment): the last step ends at the end of the last
   * incident's day and steps are counted back from there, so the final step — the one every
   * pattern turns on — is complete; the first may be partial. 'calendar': steps start at midnight,
   * on Mondays, or on the 1st of the month, from the first incident on; the last may be partial.
   */
  alignment?: 'end' | 'calendar';
}

const MAX_STEPS = 10_000;

/** Step edges (stepCount + 1 ascending floating epoch ms; step s is [edges[s], edges[s + 1])). */
export function emergingTimeSteps(
  timesMs: ArrayLike<number>,
  step: TimeStep,
  options: TimeStepOptions = {},
): Float64Array {
  const count = step.count ?? 1;
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`A time step is a whole number of ${step.unit}s, at least 1 (got ${count})`);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < timesMs.length; i++) {
    const t = timesMs[i];
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (!Number.isFinite(min))
    throw new Error('No incident has a valid time, so there are no time steps');
  const move = (edge: number, by: number): number => {
    if (step.unit === 'month') return addMonths(edge, by * count);
    return edge + by * count * (step.unit === 'week' ? 7 : 1) * MS_PER_DAY;
  };
  const edges: number[] = [];
  if ((options.alignment ?? 'end') === 'end') {
    const last = startOfDay(max) + MS_PER_DAY;
    edges.push(last);
    for (let k = 1; edges[edges.length - 1] > min; k++) {
      if (k > MAX_STEPS) throw new Error(`More than ${MAX_STEPS} time steps: choose a longer step`);
      edges.push(move(last, -k));
    }
    edges.reverse();
  } else {
    const first =
      step.unit === 'month'
        ? startOfMonth(min)
        : step.unit === 'week'
          ? startOfWeek(min)
          : startOfDay(min);
    edges.push(first);
    for (let k = 1; edges[edges.length - 1] <= max; k++) {
      if (k > MAX_STEPS) throw new Error(`More than ${MAX_STEPS} time steps: choose a longer step`);
      edges.push(move(first, k));
    }
  }
  return Float64Array.from(edges);
}

/**
 * A time step for the data's span: months when it covers at least 10 of them (the Mann-Kendall test
 * needs about 10 steps), weeks when it covers at least 10 weeks, else days; three months when
 * monthly steps would exceed 120.
 */
export function suggestTimeStep(timesMs: ArrayLike<number>): TimeStep {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < timesMs.length; i++) {
    if (timesMs[i] < min) min = timesMs[i];
    if (timesMs[i] > max) max = timesMs[i];
  }
  const days = (max - min) / MS_PER_DAY;
  if (days >= 120 * 30.44) return { unit: 'month', count: 3 };
  if (days >= 10 * 30.44) return { unit: 'month', count: 1 };
  if (days >= 70) return { unit: 'week', count: 1 };
  return { unit: 'day', count: 1 };
}

// ---------------------------------------------------------------------------------------------
// The cube

export interface SpaceTimeCube {
  cellCount: number;
  stepCount: number;
  /** Incidents per bin, cell-major: counts[cell · stepCount + step]. */
  counts: Float64Array;
  stepEdgesMs: Float64Array;
  /** Incidents with no cell (index < 0) or outside every step, not counted. */
  incidentsOutside: number;
}

/** Counts incidents per (cell, step). `cellOfIncident` is −1 for an incident in no cell. */
export function spaceTimeCube(
  cellOfIncident: ArrayLike<number>,
  timesMs: ArrayLike<number>,
  cellCount: number,
  stepEdgesMs: Float64Array,
): SpaceTimeCube {
  if (cellOfIncident.length !== timesMs.length)
    throw new Error(
      `${cellOfIncident.length} cells but ${timesMs.length} times; give one of each per incident`,
    );
  const stepCount = stepEdgesMs.length - 1;
  if (stepCount < 1) throw new Error('A cube needs at least one time step (two edges)');
  const counts = new Float64Array(cellCount * stepCount);
  const first = stepEdgesMs[0];
  const last = stepEdgesMs[stepCount];
  let outside = 0;
  for (let i = 0; i < timesMs.length; i++) {
    const cell = cellOfIncident[i];
    const t = timesMs[i];
    if (!(cell >= 0 && cell < cellCount) || !(t >= first && t < last)) {
      outside++;
      continue;
    }
    // The last edge ≤ t, by binary search.
    let lo = 0;
    let hi = stepCount;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (stepEdgesMs[mid] <= t) lo = mid;
      else hi = mid;
    }
    counts[cell * stepCount + lo]++;
  }
  return { cellCount, stepCount, counts, stepEdgesMs, incidentsOutside: outside };
}

// ---------------------------------------------------------------------------------------------
// Space-time Gi*

/** A square lattice of cells (a `Grid` from `grid.ts` fits): lattice r·cols + c → cell or −1. */
export type SquareLattice = Pick<
  GridLayout,
  'cols' | 'rows' | 'cellSizeMetres' | 'cellAtLayout'
> & {
  shape?: GridLayout['shape'];
};

export type EmergingNeighbourhood =
  /** Square grid: neighbours are the cells whose centres lie within `distanceBandMetres` (inclusive). */
  | { kind: 'squareGrid'; lattice: SquareLattice; distanceBandMetres: number }
  /** Any cells: neighbour lists (weights and self entries are ignored; the cell itself always counts). */
  | { kind: 'weights'; weights: SpatialWeights };

export type GlobalWindow = 'cube' | 'slice';

export interface SpaceTimeGiStarOptions {
  /** Earlier steps in each bin's neighbourhood (ArcGIS's Neighborhood Time Step); defaults to 1. */
  timeStepNeighbours?: number;
  /** Bins giving the mean and variance: 'cube' (default, ArcGIS) or 'slice' (sfdep). */
  window?: GlobalWindow;
  /** 1 for cells that take part; defaults to every cell. Others get z = NaN and are nobody's neighbour. */
  activeCells?: Uint8Array;
}

export interface SpaceTimeGiStar {
  cellCount: number;
  stepCount: number;
  /** Gi* z-score per bin, cell-major; NaN for inactive cells. */
  z: Float64Array;
  /** Two-sided p-value per bin (before FDR), cell-major; NaN for inactive cells. */
  p: Float64Array;
  active: Uint8Array;
  activeCount: number;
  /** Active cells in each cell's spatial neighbourhood, itself included. */
  neighbourCount: Int32Array;
}

/** Relative tolerance on the distance band, as `distanceBandWeights` uses. */
const BAND_TOLERANCE = 1e-6;

/** Half-widths (in cells) of the disc of lattice offsets within the band, for dy = −R … R. */
function discHalfWidths(lattice: SquareLattice, distanceBandMetres: number): Int32Array {
  const r = (distanceBandMetres * (1 + BAND_TOLERANCE)) / lattice.cellSizeMetres;
  const R = Math.floor(r);
  const half = new Int32Array(2 * R + 1);
  for (let dy = -R; dy <= R; dy++)
    half[dy + R] = Math.floor(Math.sqrt(Math.max(0, r * r - dy * dy)));
  return half;
}

/** Sums of `lattice values` over each cell's disc, from per-row prefix sums. */
function discSums(
  values: Float64Array,
  prefix: Float64Array,
  cols: number,
  rows: number,
  half: Int32Array,
  cellAt: Int32Array,
  active: Uint8Array,
  visit: (cell: number, sum: number) => void,
): void {
  const width = cols + 1;
  for (let r = 0; r < rows; r++) {
    let run = 0;
    prefix[r * width] = 0;
    for (let c = 0; c < cols; c++) {
      run += values[r * cols + c];
      prefix[r * width + c + 1] = run;
    }
  }
  const R = (half.length - 1) >> 1;
  for (let r = 0; r < rows; r++) {
    const r0 = Math.max(0, r - R);
    const r1 = Math.min(rows - 1, r + R);
    for (let c = 0; c < cols; c++) {
      const cell = cellAt[r * cols + c];
      if (cell < 0 || active[cell] === 0) continue;
      let sum = 0;
      for (let rr = r0; rr <= r1; rr++) {
        const h = half[rr - r + R];
        const lo = c - h < 0 ? 0 : c - h;
        const hi = c + h >= cols ? cols : c + h + 1;
        sum += prefix[rr * width + hi] - prefix[rr * width + lo];
      }
      visit(cell, sum);
    }
  }
}

/** Space-time Getis-Ord Gi* for every bin of a cube (cell-major `values`). */
export function spaceTimeGiStar(
  values: Float64Array,
  stepCount: number,
  neighbourhood: EmergingNeighbourhood,
  options: SpaceTimeGiStarOptions = {},
): SpaceTimeGiStar {
  const k = options.timeStepNeighbours ?? 1;
  const window = options.window ?? 'cube';
  if (!Number.isInteger(stepCount) || stepCount < 1 || values.length % stepCount !== 0)
    throw new Error(`${values.length} values do not make whole series of ${stepCount} steps`);
  if (!Number.isInteger(k) || k < 0)
    throw new Error('timeStepNeighbours must be a whole number, 0 or more');
  if (window !== 'cube' && window !== 'slice')
    throw new Error(`window must be 'cube' or 'slice', not '${String(window)}'`);
  const T = stepCount;
  const cellCount = values.length / T;
  const active = options.activeCells ?? new Uint8Array(cellCount).fill(1);
  if (active.length !== cellCount)
    throw new Error(`activeCells has ${active.length} entries for ${cellCount} cells`);
  let activeCount = 0;
  for (let i = 0; i < cellCount; i++) if (active[i]) activeCount++;

  // Each bin's own window total Σ_{s = t−k…t} x(i, s), step-major so a slice is contiguous.
  const windowed = new Float64Array(T * cellCount);
  for (let i = 0; i < cellCount; i++) {
    if (!active[i]) continue;
    let run = 0;
    const base = i * T;
    for (let t = 0; t < T; t++) {
      run += values[base + t];
      if (t > k) run -= values[base + t - k - 1];
      windowed[t * cellCount + i] = run;
    }
  }

  // Mean and population variance of the window (every active bin, or each slice).
  const meanOf = new Float64Array(T);
  const sdOf = new Float64Array(T);
  let nOf = activeCount;
  if (window === 'cube') {
    nOf = activeCount * T;
    let sum = 0;
    for (let i = 0; i < cellCount; i++)
      if (active[i]) for (let t = 0; t < T; t++) sum += values[i * T + t];
    const mean = nOf > 0 ? sum / nOf : 0;
    let ss = 0;
    for (let i = 0; i < cellCount; i++)
      if (active[i])
        for (let t = 0; t < T; t++) {
          const d = values[i * T + t] - mean;
          ss += d * d;
        }
    meanOf.fill(mean);
    sdOf.fill(nOf > 0 ? Math.sqrt(ss / nOf) : 0);
  } else {
    for (let t = 0; t < T; t++) {
      let sum = 0;
      for (let i = 0; i < cellCount; i++) if (active[i]) sum += values[i * T + t];
      const mean = activeCount > 0 ? sum / activeCount : 0;
      let ss = 0;
      for (let i = 0; i < cellCount; i++)
        if (active[i]) {
          const d = values[i * T + t] - mean;
          ss += d * d;
        }
      meanOf[t] = mean;
      sdOf[t] = activeCount > 0 ? Math.sqrt(ss / activeCount) : 0;
    }
  }

  const z = new Float64Array(cellCount * T).fill(NaN);
  const p = new Float64Array(cellCount * T).fill(NaN);
  const neighbourCount = new Int32Array(cellCount);
  const n = nOf;
  const setBin = (cell: number, t: number, sum: number) => {
    const bins = neighbourCount[cell] * (t < k ? t + 1 : k + 1);
    const sd = sdOf[t];
    const spread = n * bins - bins * bins;
    let value = 0;
    if (sd > 0 && spread > 0) value = (sum - meanOf[t] * bins) / (sd * Math.sqrt(spread / (n - 1)));
    z[cell * T + t] = value;
    p[cell * T + t] = twoSidedP(value);
  };

  if (neighbourhood.kind === 'squareGrid') {
    const { lattice, distanceBandMetres } = neighbourhood;
    if (lattice.shape !== undefined && lattice.shape !== 'square')
      throw new Error(
        "The grid fast path needs square cells; for hexagons pass { kind: 'weights', weights: distanceBandWeights(centres, band) }",
      );
    if (!(distanceBandMetres >= 0))
      throw new Error('distanceBandMetres must be a distance in metres, 0 or more');
    const { cols, rows, cellAtLayout } = lattice;
    if (cellAtLayout.length !== cols * rows)
      throw new Error(
        `cellAtLayout has ${cellAtLayout.length} entries for a ${cols} × ${rows} lattice`,
      );
    const latticeOfCell = new Int32Array(cellCount).fill(-1);
    for (let l = 0; l < cellAtLayout.length; l++) {
      const cell = cellAtLayout[l];
      if (cell >= cellCount)
        throw new Error(`The lattice names cell ${cell}, but the cube has ${cellCount}`);
      if (cell >= 0) latticeOfCell[cell] = l;
    }
    for (let i = 0; i < cellCount; i++)
      if (active[i] && latticeOfCell[i] < 0) throw new Error(`Cell ${i} is not on the lattice`);
    const half = discHalfWidths(lattice, distanceBandMetres);
    const plane = new Float64Array(cols * rows);
    const prefix = new Float64Array(rows * (cols + 1));
    for (let i = 0; i < cellCount; i++) if (active[i]) plane[latticeOfCell[i]] = 1;
    discSums(plane, prefix, cols, rows, half, cellAtLayout, active, (cell, sum) => {
      neighbourCount[cell] = Math.round(sum);
    });
    for (let t = 0; t < T; t++) {
      const slice = windowed.subarray(t * cellCount, (t + 1) * cellCount);
      for (let i = 0; i < cellCount; i++) if (active[i]) plane[latticeOfCell[i]] = slice[i];
      discSums(plane, prefix, cols, rows, half, cellAtLayout, active, (cell, sum) =>
        setBin(cell, t, sum),
      );
    }
  } else {
    const { offsets, neighbours, n: featureCount } = neighbourhood.weights;
    if (featureCount !== cellCount)
      throw new Error(`The weights describe ${featureCount} cells, but the cube has ${cellCount}`);
    for (let i = 0; i < cellCount; i++) {
      if (!active[i]) continue;
      let count = 1;
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const j = neighbours[e];
        if (j !== i && active[j]) count++;
      }
      neighbourCount[i] = count;
    }
    for (let t = 0; t < T; t++) {
      const slice = windowed.subarray(t * cellCount, (t + 1) * cellCount);
      for (let i = 0; i < cellCount; i++) {
        if (!active[i]) continue;
        let sum = slice[i];
        for (let e = offsets[i]; e < offsets[i + 1]; e++) {
          const j = neighbours[e];
          if (j !== i && active[j]) sum += slice[j];
        }
        setBin(i, t, sum);
      }
    }
  }
  return { cellCount, stepCount: T, z, p, active, activeCount, neighbourCount };
}

// ---------------------------------------------------------------------------------------------
// Bins, trends and patterns

export type EmergingConfidence = 90 | 95 | 99;

/** Esri's pattern names by code + 8 (code −8 … 8; 0 = No Pattern Detected). */
const PATTERN_NAMES = [
  'Historical Cold Spot',
  'Oscillating Cold Spot',
  'Sporadic Cold Spot',
  'Diminishing Cold Spot',
  'Persistent Cold Spot',
  'Intensifying Cold Spot',
  'Consecutive Cold Spot',
  'New Cold Spot',
  'No Pattern Detected',
  'New Hot Spot',
  'Consecutive Hot Spot',
  'Intensifying Hot Spot',
  'Persistent Hot Spot',
  'Diminishing Hot Spot',
  'Sporadic Hot Spot',
  'Oscillating Hot Spot',
  'Historical Hot Spot',
] as const;

export type EmergingPatternName = (typeof PATTERN_NAMES)[number];

/** Esri's name of a pattern code (ArcGIS CATEGORY: 1 New Hot Spot … 8 Historical, −1 … −8 cold). */
export function emergingPatternName(code: number): EmergingPatternName {
  const name = PATTERN_NAMES[code + 8];
  if (name === undefined) throw new Error(`No emerging hot spot pattern has code ${code}`);
  return name;
}

/** Every pattern code with its name, hot first, for legends. */
export const EMERGING_PATTERNS: readonly { code: number; name: EmergingPatternName }[] = [
  1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8, 0,
].map((code) => ({ code, name: PATTERN_NAMES[code + 8] }));

/**
 * ArcGIS's −3…+3 confidence bin of every bin of the cube, FDR-corrected over all active bins (or not,
 * with `fdr: false`); 0 for inactive cells.
 */
export function spaceTimeBins(gi: SpaceTimeGiStar, options: { fdr?: boolean } = {}): Int8Array {
  const fdr = options.fdr ?? true;
  const T = gi.stepCount;
  const z = new Float64Array(gi.activeCount * T);
  const p = new Float64Array(gi.activeCount * T);
  let k = 0;
  for (let i = 0; i < gi.cellCount; i++) {
    if (!gi.active[i]) continue;
    z.set(gi.z.subarray(i * T, (i + 1) * T), k * T);
    p.set(gi.p.subarray(i * T, (i + 1) * T), k * T);
    k++;
  }
  const compact = confidenceBins(z, p, { fdr });
  const bins = new Int8Array(gi.cellCount * T);
  k = 0;
  for (let i = 0; i < gi.cellCount; i++) {
    if (!gi.active[i]) continue;
    bins.set(compact.subarray(k * T, (k + 1) * T), i * T);
    k++;
  }
  return bins;
}

export interface EmergingClassifyOptions {
  /** Confidence for hot/cold bins and for the trend, in per cent; defaults to 90 (Esri's). */
  confidence?: EmergingConfidence;
  /** First cell to classify (for splitting the work by cell); defaults to 0. */
  firstCell?: number;
  /** One past the last cell to classify; defaults to all cells. */
  endCell?: number;
}

export interface EmergingPatterns {
  firstCell: number;
  /** Pattern code of each cell firstCell … endCell − 1 (see `emergingPatternName`); 0 when inactive. */
  pattern: Int8Array;
  /** Mann-Kendall τ of each cell's z series (NaN when inactive). */
  trendTau: Float64Array;
  /** Mann-Kendall two-sided p (NaN when inactive). */
  trendP: Float64Array;
  /** Mann-Kendall z (continuity corrected; NaN when inactive). */
  trendZ: Float64Array;
}

function levelOf(confidence: EmergingConfidence): number {
  if (confidence === 90) return 1;
  if (confidence === 95) return 2;
  if (confidence === 99) return 3;
  throw new Error(`confidence must be 90, 95 or 99 (per cent), not ${String(confidence)}`);
}

/**
 * The pattern of one location from its bins' states (+1 hot, −1 cold, 0 neither, oldest first) and
 * its trend (+1 significantly up, −1 down, 0 none). See the doc block for the rules.
 */
export function emergingPatternOf(states: ArrayLike<number>, trend: number): number {
  const n = states.length;
  if (n === 0) return 0;
  let hot = 0;
  let cold = 0;
  for (let t = 0; t < n; t++) {
    if (states[t] > 0) hot++;
    else if (states[t] < 0) cold++;
  }
  const final = states[n - 1];
  if (final === 0) {
    if (hot >= 0.9 * n) return 8;
    if (cold >= 0.9 * n) return -8;
    return 0;
  }
  // Mirror cold onto hot: sign = +1 for the hot side, −1 for the cold side.
  const sign = final > 0 ? 1 : -1;
  const same = sign > 0 ? hot : cold;
  const other = sign > 0 ? cold : hot;
  if (same >= 0.9 * n) {
    if (trend === sign) return sign * 3; // Intensifying
    if (trend === -sign) return sign * 5; // Diminishing
    return sign * 4; // Persistent
  }
  if (other > 0) return sign * 7; // Oscillating
  if (same === 1) return sign * 1; // New
  let run = 0;
  while (run < n && states[n - 1 - run] === final) run++;
  if (run === same) return sign * 2; // Consecutive (run ≥ 2, nothing before it)
  return sign * 6; // Sporadic
}

/** Mann-Kendall trend of each location's z series and its pattern. */
export function classifyEmergingPatterns(
  gi: SpaceTimeGiStar,
  bins: Int8Array,
  options: EmergingClassifyOptions = {},
): EmergingPatterns {
  const confidence = options.confidence ?? 90;
  const level = levelOf(confidence);
  const alpha = 1 - confidence / 100;
  const first = options.firstCell ?? 0;
  const end = options.endCell ?? gi.cellCount;
  if (!(first >= 0 && end <= gi.cellCount && first <= end))
    throw new Error(`Cells ${first}…${end} are outside 0…${gi.cellCount}`);
  const T = gi.stepCount;
  const count = end - first;
  const pattern = new Int8Array(count);
  const trendTau = new Float64Array(count).fill(NaN);
  const trendP = new Float64Array(count).fill(NaN);
  const trendZ = new Float64Array(count).fill(NaN);
  const states = new Int8Array(T);
  for (let i = first; i < end; i++) {
    if (!gi.active[i]) continue;
    const mk = mannKendall(gi.z.subarray(i * T, (i + 1) * T));
    const k = i - first;
    trendTau[k] = mk.tau;
    trendP[k] = mk.p;
    trendZ[k] = mk.z;
    for (let t = 0; t < T; t++) {
      const b = bins[i * T + t];
      states[t] = b >= level ? 1 : b <= -level ? -1 : 0;
    }
    const trend = mk.p <= alpha && mk.S !== 0 ? Math.sign(mk.S) : 0;
    pattern[k] = emergingPatternOf(states, trend);
  }
  return { firstCell: first, pattern, trendTau, trendP, trendZ };
}

// ---------------------------------------------------------------------------------------------
// End to end

export interface EmergingHotSpotOptions extends SpaceTimeGiStarOptions {
  /** Confidence for bins and trend, per cent; defaults to 90. */
  confidence?: EmergingConfidence;
  /** Correct bin p-values with the False Discovery Rate; defaults to true (ArcGIS). */
  fdr?: boolean;
}

export interface EmergingHotSpotResult extends EmergingPatterns {
  gi: SpaceTimeGiStar;
  /** −3…+3 confidence bin of every bin, cell-major. */
  bins: Int8Array;
  /** Locations per pattern code (key: code). */
  patternCounts: Map<number, number>;
  /** The parameters in words, for the methods log. */
  methods: string[];
}

/**
 * Emerging Hot Spot Analysis of a cube. Locations with no incident in any step are left out (as in
 * ArcGIS) unless `activeCells` says otherwise.
 */
export function emergingHotSpots(
  cube: Pick<SpaceTimeCube, 'counts' | 'stepCount'>,
  neighbourhood: EmergingNeighbourhood,
  options: EmergingHotSpotOptions = {},
): EmergingHotSpotResult {
  const T = cube.stepCount;
  const cellCount = cube.counts.length / T;
  let active = options.activeCells;
  if (!active) {
    active = new Uint8Array(cellCount);
    for (let i = 0; i < cellCount; i++)
      for (let t = 0; t < T; t++)
        if (cube.counts[i * T + t] !== 0) {
          active[i] = 1;
          break;
        }
  }
  const confidence = options.confidence ?? 90;
  const fdr = options.fdr ?? true;
  const gi = spaceTimeGiStar(cube.counts, T, neighbourhood, { ...options, activeCells: active });
  const bins = spaceTimeBins(gi, { fdr });
  const patterns = classifyEmergingPatterns(gi, bins, { confidence });
  const patternCounts = new Map<number, number>();
  for (let i = 0; i < cellCount; i++)
    if (active[i])
      patternCounts.set(patterns.pattern[i], (patternCounts.get(patterns.pattern[i]) ?? 0) + 1);
  const k = options.timeStepNeighbours ?? 1;
  const where =
    neighbourhood.kind === 'squareGrid'
      ? `square cells of ${neighbourhood.lattice.cellSizeMetres} m, neighbours within ${neighbourhood.distanceBandMetres} m (centre to centre)`
      : 'the given neighbour lists';
  const methods = [
    `Emerging Hot Spot Analysis (ArcGIS Pro definitions): ${gi.activeCount.toLocaleString('en-US')} locations with at least one incident × ${T} time steps.`,
    `Space-time Gi* with binary weights: ${where}, plus the same cells in the ${k} previous time ${k === 1 ? 'step' : 'steps'}.`,
    `Mean and variance from ${(options.window ?? 'cube') === 'cube' ? 'the whole cube (ArcGIS’s default global window)' : 'each time step separately (as R sfdep)'}.`,
    `A bin is a hot or cold spot at ${confidence}% confidence${fdr ? ', after False Discovery Rate correction over all bins' : ' (no correction for multiple tests)'}; trends by the Mann-Kendall test on each location's z-scores at p ≤ ${(1 - confidence / 100).toFixed(2)}.`,
  ];
  return { ...patterns, gi, bins, patternCounts, methods };
}
