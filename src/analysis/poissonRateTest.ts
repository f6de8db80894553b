/**
 * The exact conditional test that two Poisson counts come from the same rate: is 30 burglaries this
 * month against 18 last month more than chance?
 *
 * Given the total n = x₁ + x₂, the first count is Binomial(n, π) under H₀, with
 * π = r·T₁ / (r·T₁ + T₂) (T = the exposure of each count — days, say — and r the rate ratio under H₀,
 * 1 by default). The two-sided p-value is R's `binom.test`: the total probability of every outcome no
 * more likely than the one observed, with R's relative tolerance (an outcome counts when
 * P(i) ≤ P(x₁)·(1 + 1e−7)). The rate ratio is (x₁/T₁) / (x₂/T₂).
 *
 * Source: R `poisson.test(c(x1, x2), c(T1, T2), r)` (stats package, R ≥ 2.x; it calls
 * `binom.test(x1, x1 + x2, r*T1/(r*T1 + T2))`); the conditional test is J. Przyborowski & H. Wileński
 * (1940) "Homogeneity of results in testing samples from Poisson series", Biometrika 31, 313–323.
 * Binomial probabilities use C. Loader (2000) "Fast and accurate computation of binomial
 * probabilities" (R's `dbinom`: Stirling-error and deviance terms, accurate to a few ulp for any n);
 * tail sums are added term by term from the observed value outwards until the terms vanish.
 *
 * Units: counts are whole numbers ≥ 0; exposures in any one unit (days, months, person-years);
 * the rate ratio is per that unit. Both counts 0 gives p = 1 and a NaN ratio, as R does.
 * Complexity: O(log n) density evaluations plus O(√n) terms for the tails.
 *
 * @example
 * // 10 against 0 in equal times: under H₀ each of the 10 events falls in either period with
 * // probability ½, so p = P(all 10 in one period) = 2 · 0.5¹⁰ = 0.001953125
 * poissonRateTest(10, 0); // { rateRatio: Infinity, p: 0.001953125, … }
 */

export interface PoissonRateTestResult {
  count1: number;
  count2: number;
  exposure1: number;
  exposure2: number;
  /** (count1 / exposure1) / (count2 / exposure2): Infinity when count2 = 0 < count1, NaN when both are 0. */
  rateRatio: number;
  /** Two-sided p-value, as R's `poisson.test(c(count1, count2), c(exposure1, exposure2))$p.value`. */
  p: number;
}

export interface PoissonRateTestOptions {
  /** Exposure (time base) of the first count, e.g. days; defaults to 1. */
  exposure1?: number;
  /** Exposure of the second count, in the same unit; defaults to 1. */
  exposure2?: number;
  /** The rate ratio under the null hypothesis; defaults to 1. */
  ratio?: number;
}

const LN_2PI = 1.8378770664093453; // ln(2π)

/**
 * Stirling-series error ln(k!) − [(k + ½)ln k − k + ½ln 2π] at whole k = 0 … 15, rounded to double from
 * 40-digit values (mpmath), the integer entries of R's sferr_halves table.
 */
const STIRLING_ERROR = [
  0.0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093,
  0.016644691189821193, 0.013876128823070748, 0.01189670994589177, 0.010411265261972096,
  0.009255462182712733, 0.00833056343336287, 0.007573675487951841, 0.00694284010720953,
  0.006408994188004207, 0.0059513701127588475, 0.005554733551962801,
];

/** Loader's stirlerr(k) for a whole k ≥ 0 (R nmath/stirlerr.c). */
function stirlingError(k: number): number {
  if (k <= 15) return STIRLING_ERROR[k];
  const kk = k * k;
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  if (k > 500) return (S0 - S1 / kk) / k;
  if (k > 80) return (S0 - (S1 - S2 / kk) / kk) / k;
  if (k > 35) return (S0 - (S1 - (S2 - S3 / kk) / kk) / kk) / k;
  return (S0 - (S1 - (S2 - (S3 - S4 / kk) / kk) / kk) / kk) / k;
}

/** Loader's deviance term bd0(x, np) = x ln(x/np) + np − x, without cancellation (R nmath/bd0.c). */
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    if (Math.abs(s) < Number.MIN_VALUE) return s;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
  }
  return x * Math.log(x / np) + np - x;
}

/** P(X = x) for X ~ Binomial(n, p), q = 1 − p (R's dbinom_raw). */
function binomialDensity(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x < 0 || x > n) return 0;
  if (x === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q));
  }
  if (x === n) return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p));
  const lc =
    stirlingError(n) - stirlingError(x) - stirlingError(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(lc - 0.5 * lf);
}

/** Σ P(X = i) for i = from, from − 1, …, 0 (terms shrink away from the mode on this side). */
function sumDownwards(from: number, n: number, p: number, q: number): number {
  if (from < 0) return 0;
  let term = binomialDensity(from, n, p, q);
  let sum = term;
  for (let i = from; i > 0 && term > sum * 1e-17; i--) {
    term *= (i / (n - i + 1)) * (q / p);
    sum += term;
  }
  return sum;
}

/** Σ P(X = i) for i = from, from + 1, …, n (terms shrink away from the mode on this side). */
function sumUpwards(from: number, n: number, p: number, q: number): number {
  if (from > n) return 0;
  let term = binomialDensity(from, n, p, q);
  let sum = term;
  for (let i = from; i < n && term > sum * 1e-17; i++) {
    term *= ((n - i) / (i + 1)) * (p / q);
    sum += term;
  }
  return sum;
}

/**
 * First i in [lo, hi] where `isBelow(i)` holds, for a predicate that is false then true along
 * the range (hi + 1 when it never holds).
 */
function firstTrue(lo: number, hi: number, isBelow: (i: number) => boolean): number {
  let a = lo;
  let b = hi + 1;
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    if (isBelow(mid)) b = mid;
    else a = mid + 1;
  }
  return a;
}

/** Two-sided exact binomial p-value of x successes in n trials, as R's `binom.test(x, n, p)`. */
function binomialTwoSidedP(x: number, n: number, p: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (p === 1) return x === n ? 1 : 0;
  const q = 1 - p;
  const relErr = 1 + 1e-7;
  const d = binomialDensity(x, n, p, q) * relErr;
  const m = n * p;
  if (x === m) return 1;
  let pValue: number;
  if (x < m) {
    // Outcomes on the far side of the mean as unlikely as x: the densities fall from ceil(m) to n.
    const first = firstTrue(Math.ceil(m), n, (i) => binomialDensity(i, n, p, q) <= d);
    pValue = sumDownwards(x, n, p, q) + sumUpwards(first, n, p, q);
  } else {
    // The densities rise from 0 to floor(m): the unlikely ones are 0 … last.
    const last = firstTrue(0, Math.floor(m), (i) => binomialDensity(i, n, p, q) > d) - 1;
    pValue = sumDownwards(last, n, p, q) + sumUpwards(x, n, p, q);
  }
  return Math.min(1, pValue);
}

/**
 * Exact two-sided test that `count1` (over `exposure1`) and `count2` (over `exposure2`) share one
 * Poisson rate (times `ratio`), as R's `poisson.test(c(count1, count2), c(exposure1, exposure2))`.
 */
export function poissonRateTest(
  count1: number,
  count2: number,
  options: PoissonRateTestOptions = {},
): PoissonRateTestResult {
  const exposure1 = options.exposure1 ?? 1;
  const exposure2 = options.exposure2 ?? 1;
  const ratio = options.ratio ?? 1;
  for (const [name, count] of [
    ['count1', count1],
    ['count2', count2],
  ] as const) {
    if (!(count >= 0) || !Number.isInteger(count)) {
      throw new RangeError(`poissonRateTest: ${name} must be a whole number ≥ 0, got ${count}`);
    }
  }
  if (!(exposure1 > 0) || !(exposure2 > 0) || !(ratio > 0)) {
    throw new RangeError(
      `poissonRateTest: exposures and ratio must be > 0, got ${exposure1}, ${exposure2}, ${ratio}`,
    );
  }
  const n = count1 + count2;
  const pi = (ratio * exposure1) / (ratio * exposure1 + exposure2);
  return {
    count1,
    count2,
    exposure1,
    exposure2,
    rateRatio: count1 / exposure1 / (count2 / exposure2),
    p: binomialTwoSidedP(count1, n, pi),
  };
}
