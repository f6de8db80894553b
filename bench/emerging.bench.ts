/**
 * Emerging Hot Spot Analysis end to end: 1,000,000 incidents over five years, 250 × 200 square cells
 * of 200 m (50,000 cells), 60 monthly steps. Stages are timed separately; the space-time Gi* is
 * compared with two peers in the same run: a per-cell loop over each bin's neighbour bins (the
 * textbook method), and this module's own neighbour-list path (temporal window pre-summed, then a
 * loop over each cell's neighbour list).
 */
import { loadavg } from 'node:os';
import { floatingMs } from '../src/analysis/calendar';
import {
  classifyEmergingPatterns,
  emergingHotSpots,
  emergingTimeSteps,
  spaceTimeBins,
  spaceTimeCube,
  spaceTimeGiStar,
  type SquareLattice,
} from '../src/analysis/emergingHotSpots';
import { createRandom } from '../src/analysis/random';
import { distanceBandWeights } from '../src/analysis/spatialWeights';
import { measure, printTable } from './measure';

const COLS = 250;
const ROWS = 200;
const SIZE = 200;

function syntheticCity(n: number, seed: number) {
  const rng = createRandom(seed);
  const xy = new Float64Array(2 * n);
  const times = new Float64Array(n);
  const start = floatingMs(2019, 1, 1);
  const span = floatingMs(2024, 1, 1) - start;
  // 40 hot spots that grow or fade over the five years, over a uniform background.
  const spots = Array.from({ length: 40 }, () => ({
    x: rng.next() * COLS * SIZE,
    y: rng.next() * ROWS * SIZE,
    sd: 200 + rng.next() * 600,
    growing: rng.next() < 0.5,
  }));
  for (let i = 0; i < n; i++) {
    let u = rng.next();
    if (rng.next() < 0.35) {
      const s = spots[rng.int(spots.length)];
      xy[2 * i] = s.x + rng.normal() * s.sd;
      xy[2 * i + 1] = s.y + rng.normal() * s.sd;
      // Growing spots draw late times more often, fading ones early times.
      u = s.growing ? Math.sqrt(u) : 1 - Math.sqrt(u);
    } else {
      xy[2 * i] = rng.next() * COLS * SIZE;
      xy[2 * i + 1] = rng.next() * ROWS * SIZE;
    }
    times[i] = start + Math.floor(u * span);
  }
  return { xy, times };
}

function fullLattice(): SquareLattice {
  return {
    cols: COLS,
    rows: ROWS,
    cellSizeMetres: SIZE,
    shape: 'square',
    cellAtLayout: Int32Array.from({ length: COLS * ROWS }, (_, i) => i),
  };
}

function locate(xy: Float64Array, l: SquareLattice): Int32Array {
  const cells = new Int32Array(xy.length / 2);
  for (let i = 0; i < cells.length; i++) {
    const c = Math.floor(xy[2 * i] / l.cellSizeMetres);
    const r = Math.floor(xy[2 * i + 1] / l.cellSizeMetres);
    cells[i] = c >= 0 && c < l.cols && r >= 0 && r < l.rows ? l.cellAtLayout[r * l.cols + c] : -1;
  }
  return cells;
}

/** The textbook space-time Gi*: for every bin, visit every neighbour bin. */
function perCellLoopGiStar(
  counts: Float64Array,
  T: number,
  neighbourLists: Int32Array[],
  k: number,
): Float64Array {
  const cells = counts.length / T;
  let sum = 0;
  let sumSq = 0;
  for (let b = 0; b < counts.length; b++) {
    sum += counts[b];
    sumSq += counts[b] * counts[b];
  }
  const n = counts.length;
  const mean = sum / n;
  const sd = Math.sqrt(sumSq / n - mean * mean);
  const z = new Float64Array(counts.length);
  for (let i = 0; i < cells; i++) {
    const list = neighbourLists[i];
    for (let t = 0; t < T; t++) {
      let s = 0;
      let c = 0;
      for (let m = 0; m < list.length; m++) {
        const base = list[m] * T;
        for (let u = t < k ? 0 : t - k; u <= t; u++) {
          s += counts[base + u];
          c++;
        }
      }
      z[i * T + t] = (s - mean * c) / (sd * Math.sqrt((n * c - c * c) / (n - 1)));
    }
  }
  return z;
}

export async function bench(): Promise<void> {
  const n = 1_000_000;
  const { xy, times } = syntheticCity(n, 11);
  const l = fullLattice();
  const cellCount = COLS * ROWS;
  const step = { unit: 'month' as const };

  let T = 0;
  const endToEnd = await measure(
    () => {
      const cellOf = locate(xy, l);
      const edges = emergingTimeSteps(times, step, { alignment: 'calendar' });
      const cube = spaceTimeCube(cellOf, times, cellCount, edges);
      T = cube.stepCount;
      return emergingHotSpots(cube, {
        kind: 'squareGrid',
        lattice: l,
        distanceBandMetres: 3 * SIZE,
      });
    },
    { runs: 3 },
  );

  const cellOf = locate(xy, l);
  const edges = emergingTimeSteps(times, step, { alignment: 'calendar' });
  const cube = spaceTimeCube(cellOf, times, cellCount, edges);
  const stages: Record<string, string | number>[] = [];
  const stage = async (name: string, fn: () => unknown, runs = 5) => {
    const m = await measure(fn, { runs });
    stages.push({ stage: name, 'median ms': m.medianMs });
    return m;
  };
  await stage('locate cells (lattice)', () => locate(xy, l));
  await stage('time steps', () => emergingTimeSteps(times, step, { alignment: 'calendar' }));
  await stage('cube (1M incidents)', () => spaceTimeCube(cellOf, times, cellCount, edges));
  const gi = spaceTimeGiStar(cube.counts, cube.stepCount, {
    kind: 'squareGrid',
    lattice: l,
    distanceBandMetres: 3 * SIZE,
  });
  await stage('Gi* (prefix sums, band 600 m)', () =>
    spaceTimeGiStar(cube.counts, cube.stepCount, {
      kind: 'squareGrid',
      lattice: l,
      distanceBandMetres: 3 * SIZE,
    }),
  );
  await stage('confidence bins with FDR', () => spaceTimeBins(gi));
  const bins = spaceTimeBins(gi);
  await stage('Mann-Kendall + patterns', () => classifyEmergingPatterns(gi, bins), 3);
  stages.push({ stage: 'end to end (all of the above)', 'median ms': endToEnd.medianMs });
  printTable(
    `Emerging hot spots, ${n.toLocaleString('en-US')} incidents, ${cellCount.toLocaleString('en-US')} cells × ${T} months (load average ${loadavg()[0].toFixed(1)})`,
    stages,
  );

  const centres = new Float64Array(2 * cellCount);
  for (let i = 0; i < cellCount; i++) {
    centres[2 * i] = ((i % COLS) + 0.5) * SIZE;
    centres[2 * i + 1] = (Math.floor(i / COLS) + 0.5) * SIZE;
  }
  const rows: Record<string, string | number>[] = [];
  for (const cellsInBand of [1, 2, 3]) {
    const band = cellsInBand * SIZE;
    const weights = distanceBandWeights(centres, band);
    const lists = Array.from({ length: cellCount }, (_, i) => {
      const own = weights.neighbours.subarray(weights.offsets[i], weights.offsets[i + 1]);
      const list = new Int32Array(own.length + 1);
      list[0] = i;
      list.set(own, 1);
      return list;
    });
    const fast = await measure(
      () =>
        spaceTimeGiStar(cube.counts, cube.stepCount, {
          kind: 'squareGrid',
          lattice: l,
          distanceBandMetres: band,
        }),
      { runs: 5 },
    );
    const listed = await measure(
      () => spaceTimeGiStar(cube.counts, cube.stepCount, { kind: 'weights', weights }),
      { runs: 3 },
    );
    const loop = await measure(() => perCellLoopGiStar(cube.counts, cube.stepCount, lists, 1), {
      runs: 3,
    });
    rows.push({
      'band (cells in disc)': `${band} m (${lists[COLS * 100 + 125].length})`,
      'prefix sums ms': fast.medianMs,
      'neighbour lists ms': listed.medianMs,
      'per-cell loop ms': loop.medianMs,
      'loop / prefix': loop.medianMs / fast.medianMs,
      'lists / prefix': listed.medianMs / fast.medianMs,
    });
  }
  printTable(
    'Space-time Gi* (1 earlier step), 50,000 cells × 60 steps: prefix sums vs peers',
    rows,
  );
}
