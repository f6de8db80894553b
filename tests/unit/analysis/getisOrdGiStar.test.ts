import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getisOrdGiStar, getisOrdGiStarGrid } from '../../../src/analysis/getisOrdGiStar';
import { createGrid } from '../../../src/analysis/grid';
import { createRandom } from '../../../src/analysis/random';
import {
  distanceBandWeights,
  rowStandardise,
  weightsFromNeighbourLists,
  withSelf,
} from '../../../src/analysis/spatialWeights';
import { studyAreaFromPolygons } from '../../../src/analysis/studyArea';

const dir = path.resolve(__dirname, '../../../../shared/reference');
const load = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8'));

const expectClose = (got: ArrayLike<number>, want: ArrayLike<number>, tolerance: number) => {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
  expect(worst).toBeLessThan(tolerance);
};

describe('getisOrdGiStar by hand', () => {
  it('gives the doc-block example: values 1, 2, 9 in a chain', () => {
    const w = weightsFromNeighbourLists([[1], [0, 2], [1]]);
    const gi = getisOrdGiStar([1, 2, 9], w);
    // x̄ = 4, s = √(38/3); feature 2: (11 − 8) / (s · √((3·2 − 4)/2)) = 3 / s.
    expect(gi.z[2]).toBeCloseTo(3 / Math.sqrt(38 / 3), 12);
    // Feature 1 neighbours everyone: W = n, the variance is 0 and Gi* is undefined.
    expect(gi.z[1]).toBeNaN();
    expect(Array.from(gi.neighbours)).toEqual([2, 3, 2]);
    expect(gi.p[2]).toBeCloseTo(0.399, 3);
  });

  it('does not mutate its inputs', () => {
    const w = weightsFromNeighbourLists([[1], [0, 2], [1]]);
    const values = new Float64Array([1, 2, 9]);
    getisOrdGiStar(values, w, { star: false });
    expect(Array.from(values)).toEqual([1, 2, 9]);
    expect(Array.from(w.neighbours)).toEqual([1, 0, 2, 1]);
  });
});

describe.skipIf(!existsSync(dir))(
  'getisOrdGiStar against reference tools (needs ../shared/reference)',
  () => {
    it('matches esda G_Local on 6 points with a 15-unit band (binary, Gi* and Gi)', () => {
      // esda.getisord.G_Local(y, libpysal.weights.DistanceBand(points, 15), transform='B', star=True/False)
      const ref = load('esda_getisord_6points.json');
      const xy = new Float64Array(ref.inputs.points_xy.flat());
      const w = distanceBandWeights(xy, 15);
      const star = getisOrdGiStar(ref.inputs.y, w);
      expectClose(star.z, ref.expected.from_doctests.G_Local_B_star_Zs, 1e-6);
      const byVariant = ref.expected.computed_independently.by_variant;
      expectClose(star.z, byVariant['transform=B,star=True'].Zs, 1e-12);
      expectClose(
        star.p,
        byVariant['transform=B,star=True'].p_norm_one_sided.map((q: number) => 2 * q),
        1e-12,
      );
      const plain = getisOrdGiStar(ref.inputs.y, w, { star: false });
      expectClose(plain.z, ref.expected.from_doctests.G_Local_B_Zs, 1e-6);
      expectClose(plain.z, byVariant['transform=B,star=False'].Zs, 1e-12);
    });

    it('matches spdep localG on the Getis-Ord 1996 16 × 16 grid at bands 30…150 m', () => {
      // library(spdep); data(getisord, package = "spData"); xycoords <- cbind(go_x, go_y)
      // nb30 <- dnearneigh(xycoords, 0, 30); G30 <- localG(go_val, nb2listw(nb30, style = "B"))
      // G30s <- localG(go_val, nb2listw(include.self(nb30), style = "B")); … likewise 60 … 150
      const ref = load('spdep_getisord_localG.json');
      const { x, y, val } = ref.inputs;
      const xy = new Float64Array(x.flatMap((xi: number, i: number) => [xi, y[i]]));
      const computed = ref.expected.computed_independently;
      const published = ref.expected.published_index_120_1based;
      for (const d of [30, 60, 90, 120, 150]) {
        const gi = getisOrdGiStar(val, distanceBandWeights(xy, d), { star: false });
        expectClose(gi.z, computed[`G${d}_Gi_B`], 1e-6);
        expect(gi.z[119]).toBeCloseTo(published[`G${d}`], 5);
      }
      const gistar = getisOrdGiStar(val, distanceBandWeights(xy, 30));
      expectClose(gistar.z, computed.G30s_Gistar_B, 1e-6);
      expect(gistar.z[119]).toBeCloseTo(published.G30s_gistar, 5);

      // The same grid through the fast stencil: cells of 30 m whose centres are the 256 points.
      const area = studyAreaFromPolygons([[new Float64Array([0, 0, 480, 0, 480, 480, 0, 480])]]);
      const grid = createGrid({ shape: 'square', cellSizeMetres: 30, studyArea: area });
      expect(grid.cellCount).toBe(256);
      expect(grid.centres[2 * 17]).toBe(x[17] + 15);
      expect(grid.centres[2 * 17 + 1]).toBe(y[17] + 15);
      for (const d of [30, 60, 90, 120, 150]) {
        const fast = getisOrdGiStarGrid(grid, val, d, { star: false });
        expectClose(fast.z, computed[`G${d}_Gi_B`], 1e-6);
      }
      expectClose(getisOrdGiStarGrid(grid, val, 30).z, computed.G30s_Gistar_B, 1e-6);
    });

    it('matches spdep localG on the Anselin (1995) African conflict data, contiguity weights', () => {
      // data(afcon, package = "spData")
      // localG(afcon$totcon, nb2listw(include.self(paper.nb)))            # Gi*, style W
      // localG(afcon$totcon, nb2listw(include.self(paper.nb), style="B")) # Gi*, style B
      // localG(afcon$totcon, nb2listw(paper.nb, style = "B"))             # Gi
      const ref = load('spdep_afcon_localmoran_localG.json');
      const w = weightsFromNeighbourLists(
        ref.weights_or_params.paper_nb_1based.map((list: number[]) => list.map((j) => j - 1)),
      );
      const x = ref.inputs.totcon;
      const computed = ref.expected.computed_independently;
      const binaryStar = getisOrdGiStar(x, w);
      expectClose(binaryStar.z, computed.localG_gistar_B_include_self, 1e-9);
      // Row-standardising a row scales its numerator and its standard error alike: same z.
      const rowStar = getisOrdGiStar(x, rowStandardise(withSelf(w)));
      expectClose(rowStar.z, computed.localG_gistar_W_include_self, 1e-9);
      expectClose(getisOrdGiStar(x, w, { star: false }).z, computed.localG_gi_B_no_self, 1e-9);
      // The published table, 3 decimals, by country name.
      const names: string[] = ref.inputs.name;
      for (const [name, value] of Object.entries(ref.expected.published_localG_gistar_W_by_name)) {
        expect(binaryStar.z[names.indexOf(name)]).toBeCloseTo(value as number, 3);
      }
    });
  },
);

describe('getisOrdGiStarGrid agrees with getisOrdGiStar on distance-band weights', () => {
  const rng = createRandom(17);
  const star: number[] = [];
  for (let k = 0; k < 18; k++) {
    const a = (k / 18) * 2 * Math.PI;
    const r = (k % 2 === 0 ? 3000 : 1800) + rng.next() * 300;
    star.push(r * Math.cos(a), r * Math.sin(a));
  }
  const hole = new Float64Array([-400, -300, 500, -300, 500, 350, -400, 350]);
  const area = studyAreaFromPolygons([[new Float64Array(star), hole]]);

  for (const shape of ['square', 'hex'] as const) {
    it(`on ${shape} grids with bands of 1 to 6 cells, Gi* and Gi`, () => {
      for (let trial = 0; trial < 6; trial++) {
        const size = 150 + rng.next() * 100;
        const grid = createGrid({ shape, cellSizeMetres: size, studyArea: area });
        const counts = new Float64Array(grid.cellCount);
        for (let i = 0; i < counts.length; i++) {
          const hot = Math.hypot(grid.centres[2 * i] - 1500, grid.centres[2 * i + 1]) < 700;
          counts[i] = Math.floor(-Math.log(1 - rng.next()) * (hot ? 8 : 2));
        }
        // Include bands that fall exactly on lattice distances (1, √2, 2, √3 cells …).
        const band = [size, size * Math.SQRT2, 2 * size, size * Math.sqrt(3), 3.4 * size, 6 * size][
          trial
        ];
        const w = distanceBandWeights(grid.centres, band);
        for (const isStar of [true, false]) {
          const slow = getisOrdGiStar(counts, w, { star: isStar });
          const fast = getisOrdGiStarGrid(grid, counts, band, { star: isStar });
          expectClose(fast.z, slow.z, 1e-9);
          expect(Array.from(fast.neighbours)).toEqual(Array.from(slow.neighbours));
        }
      }
    });
  }
});
