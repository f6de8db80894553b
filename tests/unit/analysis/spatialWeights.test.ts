import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/analysis/random';
import {
  binaryWeights,
  contiguityWeights,
  distanceBandWeights,
  islands,
  knnWeights,
  neighbourCounts,
  rowStandardise,
  type SpatialWeights,
  withSelf,
  withoutSelf,
} from '../../../src/analysis/spatialWeights';

const dir = path.resolve(__dirname, '../../../../shared/reference');

const rows = (w: SpatialWeights) =>
  Array.from({ length: w.n }, (_, i) =>
    Array.from(w.neighbours.subarray(w.offsets[i], w.offsets[i + 1])),
  );

const square = (x0: number, y0: number, side = 1) => [
  new Float64Array([x0, y0, x0 + side, y0, x0 + side, y0 + side, x0, y0 + side]),
];

describe('distanceBandWeights', () => {
  it('is inclusive at the band and tolerates rounding', () => {
    const w = distanceBandWeights(new Float64Array([0, 0, 15, 0, 40, 0]), 15);
    expect(rows(w)).toEqual([[1], [0], []]);
    expect(islands(w)).toEqual([2]);
    // 0.1 + 0.2 is 0.30000000000000004: a band of 0.3 still includes it.
    expect(rows(distanceBandWeights(new Float64Array([0, 0, 0.1 + 0.2, 0]), 0.3))).toEqual([
      [1],
      [0],
    ]);
    expect(rows(distanceBandWeights(new Float64Array([0, 0, 15.001, 0]), 15))).toEqual([[], []]);
  });

  describe.skipIf(!existsSync(dir))('esda 6 points (needs ../shared/reference)', () => {
    it('matches libpysal DistanceBand(points, threshold=15)', () => {
      // libpysal.weights.DistanceBand([[10,10],[20,10],[40,10],[15,20],[30,20],[30,30]], threshold=15)
      const ref = JSON.parse(readFileSync(path.join(dir, 'esda_getisord_6points.json'), 'utf8'));
      const xy = new Float64Array(ref.inputs.points_xy.flat());
      expect(rows(distanceBandWeights(xy, 15))).toEqual(ref.weights_or_params.neighbours_0based);
    });
  });

  it('agrees with brute force on random points', () => {
    const rng = createRandom(8);
    const n = 400;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) xy[i] = rng.next() * 1000;
    const w = distanceBandWeights(xy, 90);
    const expected = Array.from({ length: n }, (_, i) => {
      const out: number[] = [];
      for (let j = 0; j < n; j++)
        if (j !== i && Math.hypot(xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]) <= 90)
          out.push(j);
      return out;
    });
    expect(rows(w)).toEqual(expected);
  });
});

describe('knnWeights', () => {
  it('takes the k nearest others, nearest first', () => {
    const w = knnWeights(new Float64Array([0, 0, 1, 0, 3, 0, 7, 0]), 2);
    expect(rows(w)).toEqual([
      [1, 2],
      [0, 2],
      [1, 0],
      [2, 1],
    ]);
    expect(() => knnWeights(new Float64Array([0, 0, 1, 0]), 2)).toThrow(/needs more than 2/);
  });
});

describe('contiguityWeights', () => {
  const lattice = (): Float64Array[][] => {
    const out: Float64Array[][] = [];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out.push(square(c, r));
    return out;
  };

  it('gives rook and queen neighbours of a 3 × 3 lattice as libpysal lat2W', () => {
    // libpysal.weights.lat2W(3, 3, rook=True).neighbours (row-major, ids 0…8)
    expect(rows(contiguityWeights(lattice(), 'rook'))).toEqual([
      [1, 3],
      [0, 2, 4],
      [1, 5],
      [0, 4, 6],
      [1, 3, 5, 7],
      [2, 4, 8],
      [3, 7],
      [4, 6, 8],
      [5, 7],
    ]);
    // lat2W(3, 3, rook=False): queen adds the diagonals.
    expect(Array.from(neighbourCounts(contiguityWeights(lattice(), 'queen')))).toEqual([
      3, 5, 3, 5, 8, 5, 3, 5, 3,
    ]);
  });

  it('snaps vertices within the tolerance and separates corner from edge contact', () => {
    const a = square(0, 0);
    const b = [new Float64Array([1.0004, 0, 2, 0, 2, 1, 1.0004, 1])]; // 0.4 mm gap
    const c = square(2, 1); // touches b only at the corner (2, 1)
    expect(rows(contiguityWeights([a, b, c], 'rook'))).toEqual([[1], [0], []]);
    expect(rows(contiguityWeights([a, b, c], 'queen'))).toEqual([[1], [0, 2], [1]]);
    expect(rows(contiguityWeights([a, b, c], 'rook', { toleranceMetres: 1e-4 }))).toEqual([
      [],
      [],
      [],
    ]);
  });
});

describe('transforms', () => {
  it('row-standardises, binarises and adds or drops self without mutating', () => {
    const w = distanceBandWeights(new Float64Array([0, 0, 1, 0, 2, 0]), 1);
    const before = rows(w);
    const r = rowStandardise(w);
    expect(Array.from(r.weights)).toEqual([1, 0.5, 0.5, 1]);
    expect(Array.from(binaryWeights(r).weights)).toEqual([1, 1, 1, 1]);
    const s = withSelf(w);
    expect(rows(s)).toEqual([
      [0, 1],
      [1, 0, 2],
      [2, 1],
    ]);
    expect(rows(withoutSelf(s))).toEqual(before);
    expect(rows(w)).toEqual(before);
    expect(Array.from(w.weights)).toEqual([1, 1, 1, 1]);
  });
});
