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
 * Cells are either a square grid lattice (`grid.ts` layout; fast path: a cell's neighbourhood is a
 * disc of cells, and with prefix sums of the series along each lattice row it costs 2R + 1
 * differences of two series instead of πR² series) or any cells with neighbour lists
 * (`spatialWeights.ts`, e.g. `distanceBandWeights` on the centres of hexagons or polygons, or
 * contiguity). Units: metres, floating wall-clock epoch ms. Complexity: cube O(incidents) for steps
 * of whole days (a day → step table), else O(incidents · log steps); Gi* O(cells · steps · (2R + 1))
 * on the grid with memory for one more cube, O(cells · steps · neighbours) otherwise; Mann-Kendall
 * O(cells · steps · log steps). Everything reads and writes series contiguously (cell-major).
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
import { benjaminiHochbergThreshold, confidenceBins } from './falseDiscoveryRate';
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
  for (let s = 0; s < stepCount; s++)
    if (!(stepEdgesMs[s] < stepEdgesMs[s + 1])) throw new Error('Step edges must increase');
  const first = stepEdgesMs[0];
  const last = stepEdgesMs[stepCount];
  // Steps of whole days (all edges at midnight, the usual case): a day → step table replaces the
  // binary search, one lookup an incident.
  const spanDays = (last - first) / MS_PER_DAY;
  let byDay: Int32Array | null = null;
  if (spanDays <= 1_000_000 && stepEdgesMs.every((e) => e % MS_PER_DAY === 0)) {
    byDay = new Int32Array(spanDays);
    for (let s = 0; s < stepCount; s++)
      byDay.fill(
        s,
        (stepEdgesMs[s] - first) / MS_PER_DAY,
        (stepEdgesMs[s + 1] - first) / MS_PER_DAY,
      );
  }
  // Counted in 32-bit integers (half the memory traffic of doubles), widened at the end.
  const tally = new Uint32Array(cellCount * stepCount);
  let outside = 0;
  for (let i = 0; i < timesMs.length; i++) {
    const cell = cellOfIncident[i];
    const t = timesMs[i];
    if (!(cell >= 0 && cell < cellCount) || !(t >= first && t < last)) {
      outside++;
      continue;
    }
    let step: number;
    if (byDay !== null) step = byDay[Math.floor((t - first) / MS_PER_DAY)];
    else {
      let lo = 0;
      let hi = stepCount;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (stepEdgesMs[mid] <= t) lo = mid;
        else hi = mid;
      }
      step = lo;
    }
    tally[cell * stepCount + step]++;
  }
  return {
    cellCount,
    stepCount,
    counts: Float64Array.from(tally),
    stepEdgesMs,
    incidentsOutside: outside,
  };
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
  /** Gi* z-score per bin, cell-major; NaN for inactive cells. Its p-value is `twoSidedP(z)`. */
  z: Float64Array;
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
  const C = values.length / T;
  const active = options.activeCells ?? new Uint8Array(C).fill(1);
  if (active.length !== C)
    throw new Error(`activeCells has ${active.length} entries for ${C} cells`);
  let activeCount = 0;
  let shift = NaN;
  for (let i = 0; i < C; i++)
    if (active[i]) {
      if (activeCount === 0) shift = values[i * T];
      activeCount++;
    }

  // Per-step sums of (x − shift) and its square over active cells, for the window's mean and
  // standard deviation (the shift keeps the variance accurate when values sit far from 0). They
  // are gathered while the data is read for the neighbourhood sums.
  const sum1 = new Float64Array(T);
  const sum2 = new Float64Array(T);
  const gather = (cell: number) => {
    const base = cell * T;
    for (let t = 0; t < T; t++) {
      const d = values[base + t] - shift;
      sum1[t] += d;
      sum2[t] += d * d;
    }
  };
  const n = window === 'cube' ? activeCount * T : activeCount;
  const meanOf = new Float64Array(T);
  const invSdOf = new Float64Array(T);
  const finishStats = () => {
    let c1 = 0;
    let c2 = 0;
    for (let t = 0; t < T; t++) {
      c1 += sum1[t];
      c2 += sum2[t];
    }
    for (let t = 0; t < T; t++) {
      const s1 = window === 'cube' ? c1 : sum1[t];
      const s2 = window === 'cube' ? c2 : sum2[t];
      const m = n > 0 ? s1 / n : 0;
      const sd = n > 0 ? Math.sqrt(Math.max(0, s2 / n - m * m)) : 0;
      meanOf[t] = shift + m;
      invSdOf[t] = sd > 0 ? 1 / sd : 0; // no variance: z = 0
    }
  };

  const neighbourCount = new Int32Array(C);
  const z = new Float64Array(values.length);
  const sums = new Float64Array(T);
  const factors = new Float64Array(k + 1);
  /**
   * z of every step of `cell` from `sums`, the per-step totals of its spatial neighbourhood: first
   * each step's total over the step and the k before it, then Getis & Ord's formula.
   */
  const writeZ = (cell: number) => {
    const count = neighbourCount[cell];
    // 1 / √((n·c − c²) / (n − 1)) for c = count × m bins, m = 1 … k + 1 steps in the window.
    for (let m = 1; m <= k + 1; m++) {
      const bins = count * m;
      const spread = n * bins - bins * bins;
      factors[m - 1] = spread > 0 ? 1 / Math.sqrt(spread / (n - 1)) : 0;
    }
    const base = cell * T;
    let run = 0;
    for (let t = 0; t < T; t++) {
      run += sums[t];
      if (t > k) run -= sums[t - k - 1];
      const m = t < k ? t + 1 : k + 1;
      z[base + t] = (run - meanOf[t] * count * m) * factors[m - 1] * invSdOf[t];
    }
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
    const onLattice = new Uint8Array(C);
    for (let l = 0; l < cellAtLayout.length; l++) {
      const cell = cellAtLayout[l];
      if (cell >= C) throw new Error(`The lattice names cell ${cell}, but the cube has ${C}`);
      if (cell >= 0) onLattice[cell] = 1;
    }
    for (let i = 0; i < C; i++)
      if (active[i] && !onLattice[i]) throw new Error(`Cell ${i} is not on the lattice`);
    const half = discHalfWidths(lattice, distanceBandMetres);
    const R = (half.length - 1) >> 1;
    const width = cols + 1;
    // Row prefix sums of whole series: prefix[(r · (cols + 1) + c) · T + t] = Σ_{c′ < c} x at step
    // t over lattice row r. A disc sum is then, for each of its 2R + 1 rows, one difference of two
    // contiguous series: no transposes and no strided access.
    const prefix = new Float64Array(rows * width * T);
    const countPrefix = new Float64Array(rows * width);
    for (let r = 0; r < rows; r++) {
      let at = r * width * T;
      let activeSoFar = 0;
      for (let c = 0; c < cols; c++) {
        const cell = cellAtLayout[r * cols + c];
        const next = at + T;
        if (cell >= 0 && active[cell]) {
          const base = cell * T;
          for (let t = 0; t < T; t++) prefix[next + t] = prefix[at + t] + values[base + t];
          gather(cell);
          activeSoFar++;
        } else prefix.copyWithin(next, at, at + T);
        countPrefix[r * width + c + 1] = activeSoFar;
        at = next;
      }
    }
    finishStats();
    for (let r = 0; r < rows; r++) {
      const r0 = r - R < 0 ? 0 : r - R;
      const r1 = r + R >= rows ? rows - 1 : r + R;
      for (let c = 0; c < cols; c++) {
        const cell = cellAtLayout[r * cols + c];
        if (cell < 0 || !active[cell]) continue;
        sums.fill(0);
        let count = 0;
        for (let rr = r0; rr <= r1; rr++) {
          const h = half[rr - r + R];
          const lo = c - h < 0 ? 0 : c - h;
          const hi = c + h >= cols ? cols : c + h + 1;
          count += countPrefix[rr * width + hi] - countPrefix[rr * width + lo];
          const hiAt = (rr * width + hi) * T;
          const loAt = (rr * width + lo) * T;
          for (let t = 0; t < T; t++) sums[t] += prefix[hiAt + t] - prefix[loAt + t];
        }
        neighbourCount[cell] = count;
        writeZ(cell);
      }
    }
  } else {
    const { offsets, neighbours, n: featureCount } = neighbourhood.weights;
    if (featureCount !== C)
      throw new Error(`The weights describe ${featureCount} cells, but the cube has ${C}`);
    for (let i = 0; i < C; i++) if (active[i]) gather(i);
    finishStats();
    for (let i = 0; i < C; i++) {
      if (!active[i]) continue;
      const own = i * T;
      for (let t = 0; t < T; t++) sums[t] = values[own + t];
      let count = 1;
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const j = neighbours[e];
        if (j === i || !active[j]) continue;
        count++;
        const base = j * T;
        for (let t = 0; t < T; t++) sums[t] += values[base + t];
      }
      neighbourCount[i] = count;
      writeZ(i);
    }
  }
  for (let i = 0; i < C; i++) if (!active[i]) z.fill(NaN, i * T, (i + 1) * T);
  return { cellCount: C, stepCount: T, z, active, activeCount, neighbourCount };
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
 * with `fdr: false`); 0 for inactive cells. Equals `confidenceBins(z, twoSidedP(z), { fdr })` over
 * the active bins, computed faster: only bins with |z| ≥ 1.64 can have p ≤ 0.10, and the
 * Benjamini-Hochberg threshold of m tests needs only the p-values at or below α — run on those m′
 * with α · m′ / m, the step-up comparison p₍ₖ₎ ≤ (k / m′)(α m′ / m) = (k / m) α is the same.
 */
export function spaceTimeBins(gi: SpaceTimeGiStar, options: { fdr?: boolean } = {}): Int8Array {
  const fdr = options.fdr ?? true;
  const T = gi.stepCount;
  const bins = new Int8Array(gi.cellCount * T);
  const where: number[] = [];
  const candidatesZ: number[] = [];
  const candidatesP: number[] = [];
  for (let i = 0; i < gi.cellCount; i++) {
    if (!gi.active[i]) continue;
    for (let b = i * T; b < (i + 1) * T; b++) {
      const z = gi.z[b];
      if (!(Math.abs(z) >= 1.64)) continue; // p > 0.101 below this
      const p = twoSidedP(z);
      if (!(p <= 0.1)) continue;
      where.push(b);
      candidatesZ.push(z);
      candidatesP.push(p);
    }
  }
  if (!fdr) {
    const compact = confidenceBins(candidatesZ, candidatesP);
    where.forEach((b, c) => (bins[b] = compact[c]));
    return bins;
  }
  const m = gi.activeCount * T;
  // BH at α over all m tests, from the m′ p-values ≤ α alone: α · m′ / m over those m′.
  const threshold = (alpha: number) => {
    const small = candidatesP.filter((p) => p <= alpha);
    return m > 0 ? benjaminiHochbergThreshold(small, (alpha * small.length) / m) : 0;
  };
  const t99 = threshold(0.01);
  const t95 = threshold(0.05);
  const t90 = threshold(0.1);
  where.forEach((b, c) => {
    const p = candidatesP[c];
    if (!(p <= t90)) return;
    const level = p <= t99 ? 3 : p <= t95 ? 2 : 1;
    bins[b] = candidatesZ[c] > 0 ? level : -level;
  });
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
