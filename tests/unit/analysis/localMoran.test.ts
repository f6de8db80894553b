import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localMoran, QUADRANT_LABELS } from '../../../src/analysis/localMoran';
import { createRandom } from '../../../src/analysis/random';
import {
  distanceBandWeights,
  rowStandardise,
  weightsFromNeighbourLists,
} from '../../../src/analysis/spatialWeights';

const dir = path.resolve(__dirname, '../../../../shared/reference');
const load = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8'));

const expectClose = (got: ArrayLike<number>, want: ArrayLike<number>, tolerance: number) => {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
  expect(worst).toBeLessThan(tolerance);
};

const fromOneBased = (lists: number[][]) =>
  rowStandardise(weightsFromNeighbourLists(lists.map((l) => l.map((j) => j - 1))));

describe('localMoran by hand', () => {
  it('gives the doc-block example: [1, 1, 5, 5] in a row', () => {
    const w = fromOneBased([[2], [1, 3], [2, 4], [3]]);
    const r = localMoran([1, 1, 5, 5], w, { permutations: 0 });
    // z = [−2, −2, 2, 2], m₂ = 4: I₀ = (−2/4)·(−2) = 1, I₁ = (−2/4)·0 = 0.
    expect(Array.from(r.I)).toEqual([1, -0, 0, 1]);
    // E[I₀] = −z₀² W₀ / ((n − 1) m₂) = −4 / 12.
    expect(r.expected[0]).toBeCloseTo(-1 / 3, 15);
    // Var[I₀] = (1/4)·(4/2)·(1 − 1/3)·(4 − 4/3) = 0.5·(2/3)·(8/3) = 8/9.
    expect(r.variance[0]).toBeCloseTo(8 / 9, 14);
    expect(Array.from(r.quadrant).map((q) => QUADRANT_LABELS[q])).toEqual(['LL', 'LL', 'HL', 'HH']);
  });
});

describe.skipIf(!existsSync(dir))(
  'localMoran against reference tools (needs ../shared/reference)',
  () => {
    it('matches esda Moran_Local on de Smith’s 10 zones through the (n − 1)/n factor', () => {
      // esda.Moran_Local(z, libpysal desmith.gal, transformation='r'): Is, EIc, VIc, q
      const ref = load('esda_moran_local_desmith.json');
      const lists = Object.values(ref.weights_or_params.gal_neighbours_1based) as number[][];
      const r = localMoran(ref.inputs.z, fromOneBased(lists), { permutations: 0 });
      const c = ref.expected.computed_independently;
      const f = 9 / 10;
      expectClose(
        Array.from(r.I, (v) => v * f),
        c.Is,
        1e-12,
      );
      // esda's EIc and VIc (Sokal et al. 1998 A7/A8) come out on spdep's scale: only Is carries
      // the factor. Printed to 8 significant digits in esda's tests, exact in the computed port.
      expectClose(r.expected, ref.expected.from_tests.EIc, 5e-8);
      expectClose(r.variance, ref.expected.from_tests.VIc, 5e-8);
      expectClose(r.expected, c.EIc, 1e-14);
      expectClose(r.variance, c.VIc, 1e-14);
      // esda standardises its own Is with these moments, so its conditional z mixes the two scales:
      // z_esda = ((n − 1)/n · Iᵢ − E) / √Var. Ours is spdep's Z.Ii = (Iᵢ − E) / √Var.
      expectClose(
        Array.from(r.I, (v, i) => (v * f - r.expected[i]) / Math.sqrt(r.variance[i])),
        c.Z_I_conditional,
        1e-12,
      );
      expectClose(
        r.z,
        Array.from(r.I, (v, i) => (v - c.EIc[i]) / Math.sqrt(c.VIc[i])),
        1e-12,
      );
      // esda q: 1 HH, 2 LH, 3 LL, 4 HL; ours (GeoDa): 1 HH, 2 LL, 3 LH, 4 HL.
      const esdaToOurs = [0, 1, 3, 2, 4];
      expect(Array.from(r.quadrant)).toEqual(
        ref.expected.from_doctest.q.map((q: number) => esdaToOurs[q]),
      );
      expect(Array.from(r.quadrant)).toEqual(ref.expected.from_doctest.q_geoda_quads);
    });

    it('matches spdep localmoran on the African conflict data', () => {
      // localmoran(afcon$totcon, nb2listw(paper.nb))  — style W, conditional, mlvar, two-sided
      const ref = load('spdep_afcon_localmoran_localG.json');
      const r = localMoran(ref.inputs.totcon, fromOneBased(ref.weights_or_params.paper_nb_1based), {
        seed: 3,
      });
      const c = ref.expected.computed_independently.localmoran;
      expectClose(r.I, c.Ii, 1e-9);
      expectClose(r.expected, c.E_Ii, 1e-12);
      expectClose(r.variance, c.Var_Ii, 1e-9);
      expectClose(r.z, c.Z_Ii, 1e-9);
      expectClose(r.p, c.p_two_sided, 1e-12);
      const names: string[] = ref.inputs.name;
      for (const [name, row] of Object.entries(ref.expected.published_localmoran_by_name)) {
        const i = names.indexOf(name);
        const { Ii, Z_Ii } = row as { Ii: number; Z_Ii: number };
        expect(Math.abs(r.I[i] - Ii)).toBeLessThanOrEqual(Math.abs(Ii) * 5e-5 + 1e-9);
        expect(Math.abs(r.z[i] - Z_Ii)).toBeLessThanOrEqual(Math.abs(Z_Ii) * 5e-4 + 1e-9);
      }
      // Permutation p-values depend on the generator: check their range, not their digits.
      const kenya = names.indexOf('KENYA');
      const sudan = names.indexOf('SUDAN');
      expect(r.pSim[kenya]).toBeLessThan(0.02);
      expect(r.pSim[sudan]).toBeLessThan(0.02);
      expect(Math.min(...r.pSim)).toBeGreaterThanOrEqual(1 / 1000);
      expect(Math.max(...r.pSim)).toBeLessThanOrEqual(1);
    });
  },
);

describe('localMoran conditional permutations', () => {
  it('reproduce the analytic conditional moments and are seeded', () => {
    // The conditional-randomisation E and Var are the exact moments of the permutation
    // distribution, so with many permutations zSim ≈ z.
    const rng = createRandom(40);
    const n = 300;
    const xy = new Float64Array(2 * n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xy[2 * i] = rng.next() * 1000;
      xy[2 * i + 1] = rng.next() * 1000;
      values[i] = Math.floor(rng.next() * 6 + (xy[2 * i] < 300 ? 4 : 0));
    }
    const w = rowStandardise(distanceBandWeights(xy, 110));
    const valuesBefore = Array.from(values);
    const weightsBefore = Array.from(w.weights);
    const r = localMoran(values, w, { permutations: 9999, seed: 2 });
    let worst = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(r.z[i]) && Number.isFinite(r.zSim[i]))
        worst = Math.max(worst, Math.abs(r.zSim[i] - r.z[i]));
    }
    expect(worst).toBeLessThan(0.15);
    const again = localMoran(values, w, { permutations: 99, seed: 2 });
    const same = localMoran(values, w, { permutations: 99, seed: 2 });
    const other = localMoran(values, w, { permutations: 99, seed: 9 });
    expect(Array.from(again.pSim)).toEqual(Array.from(same.pSim));
    expect(Array.from(again.pSim)).not.toEqual(Array.from(other.pSim));
    expect(Array.from(values)).toEqual(valuesBefore);
    expect(Array.from(w.weights)).toEqual(weightsBefore);
    // FDR is stricter than the plain cut-off.
    const fdr = localMoran(values, w, { permutations: 999, seed: 2, fdr: true });
    const plain = localMoran(values, w, { permutations: 999, seed: 2 });
    const count = (a: Int8Array) => a.reduce((s, q) => s + (q > 0 ? 1 : 0), 0);
    expect(count(fdr.cluster)).toBeLessThanOrEqual(count(plain.cluster));
    expect(count(plain.cluster)).toBeGreaterThan(10);
    expect(fdr.pSimThreshold).toBeLessThan(0.05);
  });
});
