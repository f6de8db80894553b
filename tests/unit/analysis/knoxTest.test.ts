import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floatingMs } from '../../../src/analysis/calendar';
import { knoxDateProblem, knoxTest, type KnoxOptions } from '../../../src/analysis/knoxTest';
import { createRandom, shuffleInPlace } from '../../../src/analysis/random';

const DAY = 86_400_000;
const referenceDir = path.resolve(__dirname, '../../../../shared/reference');
const dataDir = path.resolve(__dirname, '../../../../shared/data/nearrepeat_chicago_code_2016');

function readIncidents(file: string): { xy: Float64Array; times: number[] } {
  const lines = readFileSync(path.join(dataDir, file), 'utf8').trim().split(/\r?\n/);
  const xy = new Float64Array(2 * lines.length);
  const times: number[] = [];
  lines.forEach((line, i) => {
    const [x, y, date] = line.split(',');
    xy[2 * i] = Number(x);
    xy[2 * i + 1] = Number(y);
    const [yy, mm, dd] = date.split('-').map(Number);
    times.push(floatingMs(yy, mm, dd));
  });
  return { xy, times };
}

/** All pairs, every permutation: the O(P·n²) definition the fast path must equal. */
function bruteForceKnox(
  xy: Float64Array,
  times: number[],
  o: Required<Omit<KnoxOptions, 'onProgress'>>,
) {
  const n = times.length;
  const S = o.spaceBandCount;
  const T = o.timeBandCount;
  const c = o.singlePrecision ? Float64Array.from(xy, Math.fround) : xy;
  const days = Int32Array.from(times, (t) => Math.floor(t / DAY));
  const table = (d: Int32Array) => {
    const out = Array.from({ length: S + 2 }, () => new Array<number>(T + 1).fill(0));
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const dx = Math.abs(c[2 * i] - c[2 * j]);
        const dy = Math.abs(c[2 * i + 1] - c[2 * j + 1]);
        const dist = o.metric === 'manhattan' ? dx + dy : Math.sqrt(dx * dx + dy * dy);
        const row =
          dist <= o.sameLocationMetres
            ? 0
            : Math.min(S + 1, Math.floor(dist / o.spaceBandMetres) + 1);
        const col = Math.min(T, Math.floor(Math.abs(d[i] - d[j]) / o.timeBandDays));
        out[row][col]++;
      }
    return out;
  };
  const observed = table(days);
  const sums = observed.map((r) => r.map(() => 0));
  const atLeast = observed.map((r) => r.map(() => 0));
  const rng = createRandom(o.seed);
  const shuffled = days.slice();
  for (let k = 0; k < o.permutations; k++) {
    shuffleInPlace(shuffled, rng);
    const sim = table(shuffled);
    sim.forEach((r, a) =>
      r.forEach((v, b) => {
        sums[a][b] += v;
        if (v >= observed[a][b]) atLeast[a][b]++;
      }),
    );
  }
  return {
    observed,
    expected: sums.map((r) => r.map((s) => s / o.permutations)),
    p: atLeast.map((r) => r.map((a) => (a + 1) / (o.permutations + 1))),
  };
}

describe('knoxTest — pencil and paper', () => {
  it('bins three incidents as the doc example says', () => {
    const xy = new Float64Array([0, 0, 50, 0, 5000, 0]);
    const r = knoxTest(xy, [0, DAY, 31 * DAY], {
      spaceBandMetres: 100,
      spaceBandCount: 1,
      timeBandDays: 7,
      timeBandCount: 1,
      permutations: 99,
    });
    // (0,0)–(50,0): 50 m, 1 day. The far incident is 5000 m and 30–31 days from the others.
    expect(r.observed).toEqual([
      [0, 0],
      [1, 0],
      [0, 2],
    ]);
    expect(r.spaceBands).toEqual(['Same location', 'Up to 100 m', '100 m or more']);
    expect(r.timeBands).toEqual(['0–6 days', '7 days or more']);
    expect(r.totalPairs).toBe(3);
    expect(r.nearPairs).toBe(1);
  });

  it('puts pairs on a band edge in the upper band, and counts calendar days', () => {
    // Manhattan: (0,0)–(60,40) is exactly 100 m, so it is in the 100–200 m band, not "up to 100 m".
    // 23:00 on day 0 and 01:00 on day 7 are 7 calendar days apart although only 6 days 2 hours.
    const xy = new Float64Array([0, 0, 60, 40, 0, 0, 30, 0]);
    const times = [23 * 3_600_000, 7 * DAY + 3_600_000, 0, 2 * DAY];
    const r = knoxTest(xy, times, {
      spaceBandMetres: 100,
      spaceBandCount: 2,
      timeBandDays: 7,
      timeBandCount: 1,
      permutations: 0,
    });
    // Pairs: 0–1 100 m, 7 d → row 2 col 1; 0–2 same place, 0 d → row 0 col 0; 0–3 30 m, 2 d → row 1
    // col 0; 1–2 100 m, 7 d → row 2 col 1; 1–3 70 m, 5 d → row 1 col 0; 2–3 30 m, 2 d → row 1 col 0.
    expect(r.observed).toEqual([
      [1, 0],
      [3, 0],
      [0, 2],
      [0, 0],
    ]);
    expect(r.ratio[0][0]).toBeNaN();
    // Euclidean: (0,0)–(60,40) is 72.1 m, inside the first band.
    const e = knoxTest(xy, times, {
      spaceBandMetres: 100,
      spaceBandCount: 2,
      timeBandDays: 7,
      timeBandCount: 1,
      permutations: 0,
      metric: 'euclidean',
    });
    expect(e.observed[1]).toEqual([3, 2]);
  });

  it('gives p = (sims ≥ observed + 1) / (permutations + 1) and ratio = observed / mean', () => {
    // Two pairs of twins at the same spot on the same day, far apart, and far apart in time: every
    // shuffle that separates the twins lowers the same-location/same-day count.
    const xy = new Float64Array([0, 0, 0, 0, 9000, 0, 9000, 0]);
    const times = [0, 0, 100 * DAY, 100 * DAY];
    const r = knoxTest(xy, times, {
      spaceBandMetres: 100,
      spaceBandCount: 1,
      timeBandDays: 1,
      timeBandCount: 1,
      permutations: 999,
      seed: 3,
    });
    expect(r.observed[0][0]).toBe(2);
    // Shuffling 4 dates (two 0s, two 100s) over the pairs keeps both twins together in 1 of 3 ways.
    expect(r.expected[0][0]).toBeCloseTo(2 / 3, 1);
    expect(r.ratio[0][0]).toBeCloseTo(3, 0);
    expect(r.p[0][0]).toBeGreaterThan(0.25);
    expect(r.p[0][0]).toBeLessThan(0.42);
    expect(r.p[0][0] * 1000).toBeCloseTo(Math.round(r.p[0][0] * 1000), 9);
  });

  it('does not mutate its inputs and is reproducible from the seed', () => {
    const rng = createRandom(5);
    const xy = Float64Array.from({ length: 400 }, () => Math.round(rng.next() * 2000));
    const times = Array.from({ length: 200 }, () => Math.floor(rng.next() * 60) * DAY);
    const xyCopy = xy.slice();
    const timesCopy = times.slice();
    const o = { spaceBandMetres: 200, spaceBandCount: 3, timeBandDays: 7, timeBandCount: 2 };
    const a = knoxTest(xy, times, { ...o, permutations: 49, seed: 9 });
    const b = knoxTest(xy, times, { ...o, permutations: 49, seed: 9 });
    expect(xy).toEqual(xyCopy);
    expect(times).toEqual(timesCopy);
    expect(a.p).toEqual(b.p);
    expect(a.expected).toEqual(b.expected);
  });

  it('rejects options it cannot honour, with a reason', () => {
    const xy = new Float64Array([0, 0, 1, 1]);
    const base = { spaceBandMetres: 100, spaceBandCount: 3, timeBandDays: 7, timeBandCount: 3 };
    expect(() => knoxTest(xy, [0, DAY], { ...base, timeBandDays: 1.5 })).toThrow(/whole number/);
    expect(() => knoxTest(xy, [0, DAY], { ...base, spaceBandMetres: 0 })).toThrow(/positive/);
    expect(() => knoxTest(xy, [0], base)).toThrow(/must match/);
  });
});

describe('knoxTest — the fast path equals all pairs in every permutation', () => {
  it.each([
    ['manhattan', true, 0],
    ['manhattan', false, 0.5],
    ['euclidean', true, 0],
  ] as const)('%s, single precision %s, same location ≤ %s m', (metric, singlePrecision, same) => {
    const rng = createRandom(21);
    const n = 300;
    // Integer metres and whole days, with repeated addresses, so many pairs sit exactly on edges.
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const source = i > 20 && rng.next() < 0.15 ? rng.int(i) : i;
      xy[2 * i] = source === i ? 350000 + rng.int(30) * 50 : xy[2 * source];
      xy[2 * i + 1] = source === i ? 570000 + rng.int(30) * 50 : xy[2 * source + 1];
    }
    const times = Array.from({ length: n }, () => rng.int(90) * DAY + rng.int(24) * 3_600_000);
    const options = {
      spaceBandMetres: 100,
      spaceBandCount: 4,
      timeBandDays: 3,
      timeBandCount: 5,
      metric,
      permutations: 40,
      seed: 77,
      sameLocationMetres: same,
      singlePrecision,
      alpha: 0.05,
    };
    const fast = knoxTest(xy, times, options);
    const brute = bruteForceKnox(xy, times, options);
    expect(fast.observed).toEqual(brute.observed);
    expect(fast.expected).toEqual(brute.expected);
    expect(fast.p).toEqual(brute.p);
  });
});

describe.skipIf(!existsSync(referenceDir) || !existsSync(dataDir))(
  'knoxTest — Chicago tables from NRC 1.3 and NearRepeat (needs ../shared/reference and ../shared/data)',
  () => {
    const reference = () =>
      JSON.parse(readFileSync(path.join(referenceDir, 'nearrepeat_knox_chicago.json'), 'utf8')) as {
        expected: {
          NearRepeat_vignette_chicago_be: { observed: number[][]; pvalues_STOCHASTIC: number[][] };
          NRC_vignette_chicago_be: { nrc_observed: number[][] };
          NRC_arson_run: {
            tables: { 'Observed frequencies distribution': { rows: Record<string, number[]> } };
          };
          computed_independently: {
            arson_manhattan_unrounded_sds_0_1_200_400_600_Inf_tds_0_1_2_3_Inf: number[][];
          };
        };
      };

    it("equals NRC's burglary table (100 m × 3, 7 days × 3, Manhattan)", () => {
      // NRC 1.3 on chicago_be_month1.csv, "Observed frequencies distribution" (NearRepeat vignette
      // NRC.Rmd); NRC labels "1 to 100", "101 to 200" … mean [0, 100), [100, 200) ….
      const { xy, times } = readIncidents('chicago_be_month1.csv');
      const r = knoxTest(xy, times, {
        spaceBandMetres: 100,
        spaceBandCount: 3,
        timeBandDays: 7,
        timeBandCount: 3,
        permutations: 0,
      });
      expect(r.observed).toEqual(reference().expected.NRC_vignette_chicago_be.nrc_observed);
      expect(r.totalPairs).toBe(469965);
    });

    it("equals NearRepeat's burglary table, and its Monte Carlo results as ranges", () => {
      // R: NearRepeat(x, y, time, sds = c(0, 0.1, 200, 400, 600), tds = c(0, 7, 14, 21),
      //    nrep = 999) with set.seed(9489), Manhattan; bins [a, b), pairs past 600 m / 21 days dropped.
      // Same location [0, 0.1) here is ≤ 0.1 m; no pair lies exactly 0.1 m apart.
      const { xy, times } = readIncidents('chicago_be_month1.csv');
      const r = knoxTest(xy, times, {
        spaceBandMetres: 200,
        spaceBandCount: 3,
        timeBandDays: 7,
        timeBandCount: 3,
        sameLocationMetres: 0.1,
        singlePrecision: false,
        permutations: 999,
        seed: 9489,
      });
      const ref = reference().expected.NearRepeat_vignette_chicago_be;
      expect(r.observed.slice(0, 4).map((row) => row.slice(0, 3))).toEqual(ref.observed);
      // Permutation p-values depend on the RNG: compare only which side of 0.05 they fall.
      for (let s = 0; s < 4; s++)
        for (let t = 0; t < 3; t++)
          expect(r.p[s][t] <= 0.05).toBe(ref.pvalues_STOCHASTIC[s][t] <= 0.05);
      expect(r.ratio[0][0]).toBeGreaterThan(1.5);
      expect(r.ratio[1][0]).toBeGreaterThan(1.25);
    });

    it("equals NRC's arson table exactly (200 m × 3, 1 day × 3)", () => {
      // chicago_arson_NRverbose_2019-09-23_145637.csv, "Observed frequencies distribution".
      const { xy, times } = readIncidents('chicago_arson.csv');
      const r = knoxTest(xy, times, {
        spaceBandMetres: 200,
        spaceBandCount: 3,
        timeBandDays: 1,
        timeBandCount: 3,
        permutations: 99,
      });
      const rows =
        reference().expected.NRC_arson_run.tables['Observed frequencies distribution'].rows;
      expect(r.observed).toEqual(Object.values(rows));
      // NRC: row 1–200 m, 0 days: 9 observed, ratio 74.25, p = 0.01 with 99 iterations.
      expect(r.p[1][0]).toBeCloseTo(0.01, 10);
      expect(r.ratio[1][0]).toBeGreaterThan(20);
    });

    it('differs from the double-precision arson table only in the pairs on a band edge', () => {
      // numpy, sds = c(0, 1, 200, 400, 600, Inf), tds = c(0, 1, 2, 3, Inf), unrounded Manhattan.
      // In double precision one pair is 399.96 m apart (NRC's single precision makes it 400.0) and one
      // is 0.56 m apart (same location only with a tolerance of 1 m).
      const { xy, times } = readIncidents('chicago_arson.csv');
      const r = knoxTest(xy, times, {
        spaceBandMetres: 200,
        spaceBandCount: 3,
        timeBandDays: 1,
        timeBandCount: 3,
        permutations: 0,
        singlePrecision: false,
        sameLocationMetres: 0.99,
      });
      expect(r.observed).toEqual(
        reference().expected.computed_independently
          .arson_manhattan_unrounded_sds_0_1_200_400_600_Inf_tds_0_1_2_3_Inf,
      );
    });

    it('summarises the burglary run as NRC does: near repeats within 200 m in the first week', () => {
      // NRC's summary: "Within 1 to 100 meters … overrepresented for up to 7 days. Within 101 to 200
      // meters … up to 7 days", plus a repeat-victimisation pattern at the same location.
      const { xy, times } = readIncidents('chicago_be_month1.csv');
      const r = knoxTest(xy, times, {
        spaceBandMetres: 100,
        spaceBandCount: 3,
        timeBandDays: 7,
        timeBandCount: 3,
        permutations: 999,
        seed: 2019,
      });
      const nearRows = r.significantCells
        .filter((c) => c.fromFirstTimeBand)
        .map((c) => c.spaceBand);
      expect(nearRows).toEqual([0, 1, 2]);
      expect(r.summary[0]).toMatch(/^Near-repeat pattern found/);
      expect(r.summary).toContain(
        'Within 100 m of an incident, the risk was raised for up to 6 days.',
      );
      expect(r.summary).toContain(
        'Between 100 and 200 m of an incident, the risk was raised for up to 6 days.',
      );
      expect(r.summary.some((s) => s.startsWith('Repeat victimisation found'))).toBe(true);
    });
  },
);

describe('knoxDateProblem', () => {
  it('declines month-precision dates with a reason and accepts day-precision ones', () => {
    const monthly = Array.from({ length: 24 }, (_, i) =>
      floatingMs(2020 + Math.floor(i / 12), (i % 12) + 1, 1),
    );
    expect(knoxDateProblem(monthly)).toMatch(/1st of a month/);
    const daily = Array.from({ length: 24 }, (_, i) => floatingMs(2020, 1, 1) + i * 3 * DAY);
    expect(knoxDateProblem(daily)).toBeNull();
    expect(knoxDateProblem([0])).toMatch(/at least two/);
  });
});
