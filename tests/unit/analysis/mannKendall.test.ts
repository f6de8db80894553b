import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mannKendall } from '../../../src/analysis/mannKendall';
import { createRandom } from '../../../src/analysis/random';

const referenceDir = path.resolve(__dirname, '../../../../shared/reference');
const referenceFile = path.join(referenceDir, 'pymannkendall_tests.json');

interface PyMkResult {
  trend: string;
  h: boolean;
  p: number;
  z: number;
  Tau: number;
  s: number;
  var_s: number;
}
interface KendallPair {
  tau: number;
  p: number;
  S: number;
  'independent port_normal_cc_p': number;
}
interface Reference {
  inputs: { arbitrary_1d_data: (number | null)[] };
  expected: {
    original_test: PyMkResult;
    computed_independently_original_test: { n_after_nan_drop: number };
    R_Kendall_MannKendall_n10_no_ties: { pairs_tau_p: KendallPair[] };
  };
}

/** Straight from the definition, for cross-checking: every pair, ties grouped by sorting. */
function naiveMannKendall(values: number[]): { S: number; varS: number } {
  const x = values.filter((v) => !Number.isNaN(v));
  const n = x.length;
  let S = 0;
  for (let k = 0; k < n; k++) for (let j = k + 1; j < n; j++) S += Math.sign(x[j] - x[k]);
  const groups = new Map<number, number>();
  for (const v of x) groups.set(v, (groups.get(v) ?? 0) + 1);
  let tie = 0;
  for (const t of groups.values()) tie += t * (t - 1) * (2 * t + 5);
  return { S, varS: (n * (n - 1) * (2 * n + 5) - tie) / 18 };
}

/** A permutation of 1…n with exactly `inversions` inversions (Lehmer code filled greedily). */
function permutationWithInversions(n: number, inversions: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i + 1);
  const out: number[] = [];
  let left = inversions;
  for (let i = 0; i < n; i++) {
    const take = Math.min(left, n - 1 - i);
    left -= take;
    out.push(pool.splice(take, 1)[0]);
  }
  return out;
}

describe('mannKendall by hand', () => {
  it('counts rising minus falling pairs on four values', () => {
    // 1,3,2,4: five rising pairs, one falling → S = 4; Var(S) = 4·3·13/18 = 26/3; z = 3/√(26/3)
    const r = mannKendall([1, 3, 2, 4]);
    expect(r.n).toBe(4);
    expect(r.S).toBe(4);
    expect(r.varS).toBeCloseTo(26 / 3, 12);
    expect(r.z).toBeCloseTo(3 / Math.sqrt(26 / 3), 12);
    expect(r.tau).toBeCloseTo(4 / 6, 12);
    expect(r.trend).toBe('no trend');
  });

  it('corrects the variance for ties and drops NaN', () => {
    // 1, NaN, 1, 2 → 1, 1, 2: S = 0 + 1 + 1 = 2; Var(S) = (3·2·11 − 2·1·9)/18 = 48/18
    const r = mannKendall([1, NaN, 1, 2]);
    expect(r.n).toBe(3);
    expect(r.S).toBe(2);
    expect(r.varS).toBeCloseTo(48 / 18, 12);
    expect(r.z).toBeCloseTo(1 / Math.sqrt(48 / 18), 12);
    expect(r.tau).toBeCloseTo(2 / 3, 12);
  });

  it('handles degenerate series', () => {
    expect(mannKendall([])).toMatchObject({ n: 0, S: 0, varS: 0, z: 0, p: 1, trend: 'no trend' });
    expect(Number.isNaN(mannKendall([5]).tau)).toBe(true);
    expect(mannKendall([NaN, NaN]).n).toBe(0);
  });

  it('labels the trend at the chosen alpha', () => {
    const rising = [1, 2, 3, 4, 5, 6, 7, 8];
    // S = 28, Var(S) = 8·7·21/18 = 65.33, z = 27/8.083 = 3.340 → p ≈ 0.00084
    expect(mannKendall(rising).trend).toBe('increasing');
    expect(mannKendall(rising.slice().reverse()).trend).toBe('decreasing');
    expect(mannKendall(rising, { alpha: 0.0001 }).trend).toBe('no trend');
    expect(mannKendall(rising).trend).toBe('increasing'); // the cached critical value is refreshed
  });

  it('agrees with the O(n²) textbook definition on random series with ties and NaN', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 5 }),
            fc.double({ min: -10, max: 10, noNaN: true }),
            fc.constant(NaN),
          ),
          { maxLength: 150 },
        ),
        (xs) => {
          const r = mannKendall(xs);
          const ref = naiveMannKendall(xs);
          expect(r.S).toBe(ref.S);
          expect(r.varS).toBeCloseTo(ref.varS, 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not mutate its input and forgets the previous (longer) series', () => {
    const rng = createRandom(7);
    const long = Float64Array.from({ length: 500 }, () => rng.int(10));
    const copy = long.slice();
    mannKendall(long);
    expect(long).toEqual(copy);
    expect(mannKendall([3, 2, 1])).toMatchObject({ n: 3, S: -3 });
  });
});

describe.skipIf(!existsSync(referenceFile))(
  'mannKendall against pyMannKendall and R Kendall (needs ../shared/reference)',
  () => {
    const ref = existsSync(referenceFile)
      ? (JSON.parse(readFileSync(referenceFile, 'utf8')) as Reference)
      : undefined;

    it('reproduces original_test on the 360-value series with 7 NaN', () => {
      // Python: pymannkendall.original_test(arbitrary_1d_data) (pyMannKendall tests, commit ec2e3ab)
      const data = ref!.inputs.arbitrary_1d_data.map((v) => v ?? NaN);
      const want = ref!.expected.original_test;
      const r = mannKendall(data);
      expect(r.n).toBe(ref!.expected.computed_independently_original_test.n_after_nan_drop);
      expect(r.S).toBe(want.s);
      expect(r.varS).toBeCloseTo(want.var_s, 6);
      expect(r.z).toBeCloseTo(want.z, 12);
      expect(r.p).toBeCloseTo(want.p, 12);
      expect(r.tau).toBeCloseTo(want.Tau, 14);
      expect(r.trend).toBe(want.trend);
    });

    it('reproduces the pyMannKendall fixtures (constant series, strict trend, README)', () => {
      // NoTrendData: np.ones(360) * c → s 0, var_s 0, z 0, p 1, Tau 0, 'no trend'
      expect(mannKendall(new Float64Array(360).fill(3.5))).toMatchObject({
        S: 0,
        varS: 0,
        z: 0,
        p: 1,
        tau: 0,
        trend: 'no trend',
      });
      // TrendData: arange(360) + tiny noise → s 64620, Tau 1, p 0 (to double precision), 'increasing'
      const rng = createRandom(1);
      const rising = Array.from({ length: 360 }, (_, i) => i + rng.next() * 1e-6);
      const r = mannKendall(rising);
      expect(r.S).toBe(64620);
      expect(r.tau).toBe(1);
      expect(r.p).toBeLessThan(1e-100);
      expect(r.trend).toBe('increasing');
      // README: original_test(np.random.rand(360)) reports var_s = 5205500 (n = 360, no ties)
      const noise = Array.from({ length: 360 }, () => rng.next());
      expect(mannKendall(noise).varS).toBe(5205500);
    });

    it('matches R Kendall::MannKendall tau and p on the 32 n = 10 series (sfdep docs)', () => {
      // R: Kendall::MannKendall(x) printed in single precision, so agreement is to ~1e-7; the
      // reference's double-precision port of the same formula is matched to 1e-12.
      const pairs = ref!.expected.R_Kendall_MannKendall_n10_no_ties.pairs_tau_p;
      expect(pairs).toHaveLength(32);
      for (const pair of pairs) {
        const x = permutationWithInversions(10, (45 - pair.S) / 2);
        const r = mannKendall(x);
        expect(r.S).toBe(pair.S);
        expect(r.varS).toBe(125);
        expect(Math.abs(r.tau - pair.tau)).toBeLessThan(5e-8);
        expect(Math.abs(r.p - pair.p)).toBeLessThan(1e-6);
        expect(r.p).toBeCloseTo(pair['independent port_normal_cc_p'], 12);
      }
    });
  },
);
