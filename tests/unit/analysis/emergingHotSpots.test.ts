import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floatingMs } from '../../../src/analysis/calendar';
import {
  classifyEmergingPatterns,
  emergingHotSpots,
  emergingPatternName,
  emergingPatternOf,
  emergingTimeSteps,
  spaceTimeBins,
  spaceTimeCube,
  spaceTimeGiStar,
  suggestTimeStep,
  type SquareLattice,
} from '../../../src/analysis/emergingHotSpots';
import { confidenceBins } from '../../../src/analysis/falseDiscoveryRate';
import { twoSidedP } from '../../../src/analysis/normal';
import { createRandom, type Random } from '../../../src/analysis/random';
import {
  distanceBandWeights,
  weightsFromNeighbourLists,
} from '../../../src/analysis/spatialWeights';

const referenceDir = path.resolve(__dirname, '../../../../shared/reference');

/** A full cols × rows lattice of square cells, numbered row by row. */
function lattice(cols: number, rows: number, size: number, holes: number[] = []): SquareLattice {
  const cellAtLayout = new Int32Array(cols * rows);
  let next = 0;
  for (let l = 0; l < cols * rows; l++) cellAtLayout[l] = holes.includes(l) ? -1 : next++;
  return { cols, rows, cellSizeMetres: size, cellAtLayout, shape: 'square' };
}

function centresOf(l: SquareLattice): Float64Array {
  const cells = Math.max(...l.cellAtLayout) + 1;
  const xy = new Float64Array(2 * cells);
  for (let i = 0; i < l.cellAtLayout.length; i++) {
    const c = l.cellAtLayout[i];
    if (c < 0) continue;
    xy[2 * c] = ((i % l.cols) + 0.5) * l.cellSizeMetres;
    xy[2 * c + 1] = (Math.floor(i / l.cols) + 0.5) * l.cellSizeMetres;
  }
  return xy;
}

function poisson(rng: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Gi* straight from the formula, bin by bin, for cross-checking both fast paths. */
function bruteGiStar(
  values: Float64Array,
  T: number,
  neighbours: number[][],
  active: Uint8Array,
  k: number,
  window: 'cube' | 'slice',
): Float64Array {
  const cells = values.length / T;
  const z = new Float64Array(values.length).fill(NaN);
  const stats = (ts: number[]) => {
    const xs: number[] = [];
    for (let i = 0; i < cells; i++) if (active[i]) for (const t of ts) xs.push(values[i * T + t]);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    return { mean, sd, n: xs.length };
  };
  const all = stats(Array.from({ length: T }, (_, t) => t));
  for (let t = 0; t < T; t++) {
    const { mean, sd, n } = window === 'cube' ? all : stats([t]);
    for (let i = 0; i < cells; i++) {
      if (!active[i]) continue;
      let sum = 0;
      let c = 0;
      for (const j of [i, ...neighbours[i]])
        if (active[j])
          for (let s = Math.max(0, t - k); s <= t; s++) {
            sum += values[j * T + s];
            c++;
          }
      const spread = n * c - c * c;
      z[i * T + t] =
        sd > 0 && spread > 0 ? (sum - mean * c) / (sd * Math.sqrt(spread / (n - 1))) : 0;
    }
  }
  return z;
}

describe('spaceTimeGiStar — pencil and paper', () => {
  it('gives the doc example: z = √5', () => {
    const weights = weightsFromNeighbourLists([[1], [0, 2], [1]]);
    const counts = new Float64Array([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9]);
    const gi = spaceTimeGiStar(counts, 4, { kind: 'weights', weights }, { timeStepNeighbours: 0 });
    expect(gi.z[2 * 4 + 3]).toBeCloseTo(Math.sqrt(5), 12);
    expect(Array.from(gi.neighbourCount)).toEqual([2, 3, 2]);
    // With one earlier step: cell 2, step 3 sums steps 2 and 3 of cells 1 and 2 = 1+1+1+9 = 12 over
    // c = 4 bins; z = (12 − 4·5/3) / (√(44/9)·√((48 − 16)/11)) = (16/3) / √(1408/99).
    const lagged = spaceTimeGiStar(counts, 4, { kind: 'weights', weights });
    expect(lagged.z[2 * 4 + 3]).toBeCloseTo(16 / 3 / Math.sqrt(1408 / 99), 12);
    // Step 0 has no earlier step: c = 2 there.
    expect(lagged.z[2 * 4 + 0]).toBeCloseTo(gi.z[2 * 4 + 0], 12);
  });

  it('gives the same z on the grid fast path, from neighbour lists and from the formula', () => {
    const rng = createRandom(17);
    const l = lattice(13, 9, 100, [0, 1, 14, 50, 51, 116]);
    const cells = Math.max(...l.cellAtLayout) + 1;
    const T = 7;
    const values = Float64Array.from({ length: cells * T }, () => poisson(rng, 1.5));
    const active = Uint8Array.from({ length: cells }, () => (rng.next() < 0.9 ? 1 : 0));
    for (const band of [100, 150, 250]) {
      const weights = distanceBandWeights(centresOf(l), band);
      const lists = Array.from({ length: cells }, (_, i) =>
        Array.from(weights.neighbours.subarray(weights.offsets[i], weights.offsets[i + 1])),
      );
      for (const window of ['cube', 'slice'] as const)
        for (const k of [0, 1, 2]) {
          const options = { timeStepNeighbours: k, window, activeCells: active };
          const grid = spaceTimeGiStar(
            values,
            T,
            { kind: 'squareGrid', lattice: l, distanceBandMetres: band },
            options,
          );
          const listed = spaceTimeGiStar(values, T, { kind: 'weights', weights }, options);
          const brute = bruteGiStar(values, T, lists, active, k, window);
          for (let b = 0; b < values.length; b++) {
            if (Number.isNaN(brute[b])) {
              expect(grid.z[b]).toBeNaN();
              continue;
            }
            expect(grid.z[b]).toBeCloseTo(brute[b], 10);
            expect(listed.z[b]).toBeCloseTo(brute[b], 10);
          }
        }
    }
  });

  it('does not mutate the cube and refuses hexagons on the square fast path', () => {
    const l = lattice(3, 3, 100);
    const values = Float64Array.from({ length: 9 * 4 }, (_, i) => i % 5);
    const copy = values.slice();
    spaceTimeGiStar(values, 4, { kind: 'squareGrid', lattice: l, distanceBandMetres: 100 });
    expect(values).toEqual(copy);
    expect(() =>
      spaceTimeGiStar(values, 4, {
        kind: 'squareGrid',
        lattice: { ...l, shape: 'hex' },
        distanceBandMetres: 100,
      }),
    ).toThrow(/square cells/);
  });
});

describe('emergingPatternOf — Esri’s definitions, step by step', () => {
  const s = (text: string) => Array.from(text, (ch) => (ch === 'H' ? 1 : ch === 'C' ? -1 : 0));
  it.each([
    ['..........', 0, 'No Pattern Detected'],
    ['.........H', 0, 'New Hot Spot'],
    ['.......HHH', 0, 'Consecutive Hot Spot'],
    ['.H.....HHH', 0, 'Sporadic Hot Spot'],
    ['.H..H....H', 0, 'Sporadic Hot Spot'],
    ['C........H', 0, 'Oscillating Hot Spot'],
    ['C......HHH', 0, 'Oscillating Hot Spot'],
    ['HHHHHHHHHH', 1, 'Intensifying Hot Spot'],
    ['.HHHHHHHHH', 0, 'Persistent Hot Spot'],
    ['HHHHHHHHHH', -1, 'Diminishing Hot Spot'],
    ['HHHHHHHHH.', -1, 'Historical Hot Spot'],
    ['HHHHHHHH..', 0, 'No Pattern Detected'],
    ['.........C', 0, 'New Cold Spot'],
    ['........CC', 0, 'Consecutive Cold Spot'],
    ['CCCCCCCCCC', -1, 'Intensifying Cold Spot'],
    ['CCCCCCCCCC', 0, 'Persistent Cold Spot'],
    ['CCCCCCCCCC', 1, 'Diminishing Cold Spot'],
    ['C.C......C', 0, 'Sporadic Cold Spot'],
    ['H........C', 0, 'Oscillating Cold Spot'],
    ['CCCCCCCCC.', 1, 'Historical Cold Spot'],
  ])('%s with trend %i is %s', (states, trend, name) => {
    expect(emergingPatternName(emergingPatternOf(s(states), trend))).toBe(name);
  });
});

describe('time steps and the cube', () => {
  it('aligns monthly steps to the end of the data, as ArcGIS does by default', () => {
    const times = [floatingMs(2023, 1, 20), floatingMs(2023, 3, 14, 17)];
    const edges = emergingTimeSteps(times, { unit: 'month' });
    // The last step ends at midnight after 14 March; steps go back a month until one starts before
    // the first incident (20 January).
    expect(Array.from(edges)).toEqual([
      floatingMs(2023, 1, 15),
      floatingMs(2023, 2, 15),
      floatingMs(2023, 3, 15),
    ]);
    const calendar = emergingTimeSteps(times, { unit: 'month' }, { alignment: 'calendar' });
    expect(Array.from(calendar)).toEqual([
      floatingMs(2023, 1, 1),
      floatingMs(2023, 2, 1),
      floatingMs(2023, 3, 1),
      floatingMs(2023, 4, 1),
    ]);
    const weeks = emergingTimeSteps(times, { unit: 'week', count: 2 }, { alignment: 'calendar' });
    expect(weeks[0]).toBe(floatingMs(2023, 1, 16)); // the Monday before 20 January
    expect(weeks[1] - weeks[0]).toBe(14 * 86_400_000);
  });

  it('suggests months for a year of data and weeks for a quarter', () => {
    expect(suggestTimeStep([floatingMs(2022, 1, 1), floatingMs(2023, 6, 1)])).toEqual({
      unit: 'month',
      count: 1,
    });
    expect(suggestTimeStep([floatingMs(2023, 1, 1), floatingMs(2023, 4, 1)])).toEqual({
      unit: 'week',
      count: 1,
    });
  });

  it('counts incidents per cell and step, and counts the ones outside', () => {
    const edges = new Float64Array([0, 10, 20]);
    const cube = spaceTimeCube([0, 1, 1, -1, 0, 1], [0, 5, 15, 5, 20, 19.999], 2, edges);
    expect(Array.from(cube.counts)).toEqual([1, 0, 1, 2]);
    expect(cube.incidentsOutside).toBe(2); // no cell; at the last edge
  });
});

describe('emergingHotSpots — a planted emerging cluster and a fading one', () => {
  // 30 × 30 cells of 200 m, 24 monthly steps, background Poisson(1). Cluster A (3 × 3 cells near the
  // south-west) appears in the last 4 months; cluster B (near the north-east) is strong for two
  // years but fades steadily.
  const size = 30;
  const T = 24;
  const rng = createRandom(2024);
  const l = lattice(size, size, 200);
  const counts = new Float64Array(size * size * T);
  const inA = (x: number, y: number) => x >= 5 && x <= 7 && y >= 5 && y <= 7;
  const inB = (x: number, y: number) => x >= 21 && x <= 23 && y >= 20 && y <= 22;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      for (let t = 0; t < T; t++) {
        let mean = 1;
        if (inA(x, y) && t >= T - 4) mean += 6 + 2 * (t - (T - 4));
        if (inB(x, y)) mean += 12 - (9 * t) / (T - 1);
        counts[(y * size + x) * T + t] = poisson(rng, mean);
      }
  const result = emergingHotSpots(
    { counts, stepCount: T },
    { kind: 'squareGrid', lattice: l, distanceBandMetres: 200 },
  );
  const patternAt = (x: number, y: number) => emergingPatternName(result.pattern[y * size + x]);

  it('finds the emerging cluster new, consecutive or intensifying', () => {
    expect(['New Hot Spot', 'Consecutive Hot Spot', 'Intensifying Hot Spot']).toContain(
      patternAt(6, 6),
    );
    expect(patternAt(6, 6)).toBe('Consecutive Hot Spot');
  });

  it('finds the fading cluster diminishing', () => {
    expect(patternAt(22, 21)).toBe('Diminishing Hot Spot');
    expect(result.trendTau[21 * size + 22]).toBeLessThan(-0.5);
  });

  it('leaves most of the background without a pattern, and logs its parameters', () => {
    const none = result.patternCounts.get(0) ?? 0;
    expect(none / result.gi.activeCount).toBeGreaterThan(0.8);
    expect(result.methods.join(' ')).toMatch(
      /90% confidence, after False Discovery Rate correction/,
    );
    expect(result.methods.join(' ')).toMatch(/whole cube/);
  });

  it('classifies a range of cells the same as the whole cube (for splitting across workers)', () => {
    const part = classifyEmergingPatterns(result.gi, result.bins, { firstCell: 600, endCell: 700 });
    expect(Array.from(part.pattern)).toEqual(Array.from(result.pattern.subarray(600, 700)));
    expect(Array.from(part.trendP)).toEqual(Array.from(result.trendP.subarray(600, 700)));
  });

  it('bins every bin exactly as confidenceBins over all active bins, with and without FDR', () => {
    const z: number[] = [];
    for (let i = 0; i < result.gi.cellCount; i++)
      if (result.gi.active[i]) z.push(...result.gi.z.subarray(i * T, (i + 1) * T));
    const p = z.map(twoSidedP);
    for (const fdr of [true, false]) {
      const expected = confidenceBins(z, p, { fdr });
      const got = spaceTimeBins(result.gi, { fdr });
      const compact: number[] = [];
      for (let i = 0; i < result.gi.cellCount; i++)
        if (result.gi.active[i]) compact.push(...got.subarray(i * T, (i + 1) * T));
      expect(compact).toEqual(Array.from(expected));
      // The test must be able to fail: FDR makes a difference on this cube.
      expect(expected.filter((b) => b !== 0).length).toBeGreaterThan(0);
    }
    expect(spaceTimeBins(result.gi, { fdr: true })).not.toEqual(
      spaceTimeBins(result.gi, { fdr: false }),
    );
  });

  it('leaves out locations without a single incident, as ArcGIS does', () => {
    const sparse = counts.slice();
    for (let t = 0; t < T; t++) sparse[0 * T + t] = 0;
    const r = emergingHotSpots(
      { counts: sparse, stepCount: T },
      { kind: 'squareGrid', lattice: l, distanceBandMetres: 200 },
    );
    expect(r.gi.active[0]).toBe(0);
    expect(r.gi.z[0]).toBeNaN();
    expect(r.pattern[0]).toBe(0);
    expect(r.gi.neighbourCount[1]).toBe(3); // cell 1 on the south edge: itself, cells 2 and 31
  });
});

describe.skipIf(!existsSync(referenceDir))(
  'spaceTimeGiStar + Mann-Kendall — R sfdep, Boston guns 2010–2019 (needs ../shared/reference)',
  () => {
    interface Boston {
      inputs: { long_table: [string, number, number][]; geometry_order_ids: string[] };
      weights_or_params: { 'independent port_queen_neighbours_0based_geometry_order': number[][] };
      expected: {
        published_by_true_location: Record<string, { tau: number; p_value: number }>;
        computed_independently: { gi_star_by_location: Record<string, number[]> };
      };
    }
    const load = () =>
      JSON.parse(
        readFileSync(path.join(referenceDir, 'sfdep_emerging_hotspot_boston.json'), 'utf8'),
      ) as Boston;

    it('matches sfdep’s per-slice Gi* and its Mann-Kendall τ and p for all 168 tracts', () => {
      // R: emerging_hotspot_analysis(bos, "value", k = 1, nsim = 9) — queen contiguity with the tract
      // itself, row-standardised weights (the same z as binary), per-time-slice mean and variance.
      // τ and p are printed by sfdep (float32 digits); its rows are in SORTED id order although its
      // location column is in geometry order, so the file's published_by_true_location is used.
      const boston = load();
      const ids = boston.inputs.geometry_order_ids;
      const cellOf = new Map(ids.map((id, i) => [id, i]));
      const T = 10;
      const values = new Float64Array(ids.length * T);
      for (const [id, year, value] of boston.inputs.long_table)
        values[cellOf.get(id)! * T + (year - 2010)] = value;
      const weights = weightsFromNeighbourLists(
        boston.weights_or_params['independent port_queen_neighbours_0based_geometry_order'],
      );
      const gi = spaceTimeGiStar(
        values,
        T,
        { kind: 'weights', weights },
        { window: 'slice', timeStepNeighbours: 1 },
      );
      const patterns = classifyEmergingPatterns(gi, spaceTimeBins(gi));
      const zExpected = boston.expected.computed_independently.gi_star_by_location;
      const mk = boston.expected.published_by_true_location;
      expect(Object.keys(mk).length).toBe(168);
      ids.forEach((id, i) => {
        zExpected[id].forEach((z, t) => expect(gi.z[i * T + t]).toBeCloseTo(z, 10));
        expect(patterns.trendTau[i]).toBeCloseTo(mk[id].tau, 6);
        expect(patterns.trendP[i]).toBeCloseTo(mk[id].p_value, 6);
      });
    });

    it('differs with ArcGIS’s whole-cube window, which compares each year with all ten', () => {
      const boston = load();
      const ids = boston.inputs.geometry_order_ids;
      const cellOf = new Map(ids.map((id, i) => [id, i]));
      const values = new Float64Array(ids.length * 10);
      for (const [id, year, value] of boston.inputs.long_table)
        values[cellOf.get(id)! * 10 + (year - 2010)] = value;
      const weights = weightsFromNeighbourLists(
        boston.weights_or_params['independent port_queen_neighbours_0based_geometry_order'],
      );
      const slice = spaceTimeGiStar(values, 10, { kind: 'weights', weights }, { window: 'slice' });
      const cube = spaceTimeGiStar(values, 10, { kind: 'weights', weights }, { window: 'cube' });
      let differ = 0;
      for (let b = 0; b < values.length; b++) if (Math.abs(slice.z[b] - cube.z[b]) > 0.01) differ++;
      expect(differ).toBeGreaterThan(values.length / 2);
    });
  },
);
