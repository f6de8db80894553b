import { describe, expect, it } from 'vitest';
import { concentration } from '../../../src/analysis/concentration';
import { createRandom } from '../../../src/analysis/random';

describe('concentration', () => {
  it('gives the pencil-and-paper Lorenz curve, Gini, shares and ranked table', () => {
    // 4 places: 4, 3, 2, 1 incidents (10 in all). Ascending ranks: G = 2·(1·1 + 2·2 + 3·3 + 4·4)
    // /(4·10) − 5/4 = 1.5 − 1.25 = 0.25. Ranked: 40%, 70%, 90%, 100% cumulative.
    const c = concentration([2, 4, 1, 3], { labels: ['B', 'A', 'D', 'C'] });
    expect(c.gini).toBeCloseTo(0.25, 15);
    expect(c.generalisedGini).toBeCloseTo(0.25, 15); // 10 incidents ≥ 4 places: G′ = G
    expect(Array.from(c.lorenz.unitShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(c.lorenz.incidentShare)).toEqual([0, 0.4, 0.7, 0.9, 1]);
    expect(c.unitsFor25).toBe(1);
    expect(c.shareOfUnitsFor25).toBe(0.25);
    expect(c.unitsFor50).toBe(2);
    expect(c.shareOfUnitsFor50).toBe(0.5);
    expect(c.top.map((r) => [r.rank, r.label, r.count, r.share, r.cumulativeShare])).toEqual([
      [1, 'A', 4, 0.4, 0.4],
      [2, 'C', 3, 0.3, 0.7],
      [3, 'B', 2, 0.2, 0.9],
      [4, 'D', 1, 0.1, 1],
    ]);
    expect(c.summary).toBe(
      '50% of places (2 of 4) hold half of the 10 incidents, and 25% (1) hold a quarter; Gini 0.25.',
    );
  });

  it('reproduces the examples documented in lorenzgini (Bernasco & Steenbeek’s R package)', () => {
    // wsteenbeek/lorenzgini R/gini.R, @examples:
    //   gini(c(10,8,2,0,0,rep(0,5)), generalized = FALSE, unbiased = FALSE)  # 0.78
    //   gini(c(10,8,2,0,0,rep(0,5)), generalized = TRUE,  unbiased = FALSE)  # 0.78
    //   gini(c(5,2,1,0,0,rep(0,5)),  generalized = FALSE, unbiased = FALSE)  # 0.8
    //   gini(c(5,2,1,0,0,rep(0,5)),  generalized = TRUE,  unbiased = FALSE)  # 0.75
    //   gini(c(10, rep(0,9)),  generalized = FALSE, unbiased = FALSE)          # 0.9
    //   gini(c(10, rep(0,99)), generalized = FALSE, unbiased = FALSE)          # 0.99
    const zeros = (k: number) => new Array<number>(k).fill(0);
    const a = concentration([10, 8, 2, ...zeros(7)]);
    expect(a.gini).toBeCloseTo(0.78, 12);
    expect(a.generalisedGini).toBeCloseTo(0.78, 12);
    const b = concentration([5, 2, 1, ...zeros(7)]);
    expect(b.gini).toBeCloseTo(0.8, 12);
    // 8 incidents, 10 places: G′ = (10/8)·(0.8 − 1) + 1 = 0.75.
    expect(b.generalisedGini).toBeCloseTo(0.75, 12);
    // lorenzgini default gini(x) (generalized, unbiased): 0.75 · 8/7.
    expect(b.generalisedGiniUnbiased).toBeCloseTo((0.75 * 8) / 7, 12);
    expect(b.summary).toMatch(/at least 20% of places would be empty/);
    expect(concentration([10, ...zeros(9)]).gini).toBeCloseTo(0.9, 12);
    expect(concentration([10, ...zeros(99)]).gini).toBeCloseTo(0.99, 12);
  });

  it('scores the most even spread possible as 0 on the generalised Gini', () => {
    // 5 incidents over 20 places, one each: G = 1 − 5/20 = 0.75 but G′ = 0.
    const counts = [1, 1, 1, 1, 1, ...new Array<number>(15).fill(0)];
    const c = concentration(counts);
    expect(c.gini).toBeCloseTo(0.75, 12);
    expect(c.generalisedGini).toBeCloseTo(0, 12);
    expect(c.unitsWithIncidents).toBe(5);
    // All 5 in one place: G = 1 − 1/20 = 0.95, G′ = 4·(0.95 − 1) + 1 = 0.8 = 1 − 1/n; the
    // unbiased form (lorenzgini's default) scales by m/(m − 1) = 5/4 to reach 1.
    const one = concentration([5, ...new Array<number>(19).fill(0)]);
    expect(one.generalisedGini).toBeCloseTo(0.8, 12);
    expect(one.generalisedGiniUnbiased).toBeCloseTo(1, 12);
  });

  it('thins the Lorenz curve to the requested steps, keeping its ends exact', () => {
    const rng = createRandom(1);
    const counts = Array.from({ length: 5000 }, () => Math.floor(-3 * Math.log(1 - rng.next())));
    const c = concentration(counts, { lorenzSteps: 100 });
    expect(c.lorenz.unitShare).toHaveLength(101);
    expect(c.lorenz.unitShare[100]).toBe(1);
    expect(c.lorenz.incidentShare[100]).toBe(1);
    for (let j = 1; j <= 100; j++)
      expect(c.lorenz.incidentShare[j]).toBeGreaterThanOrEqual(c.lorenz.incidentShare[j - 1]);
    // Concave: the curve lies above the diagonal.
    expect(c.lorenz.incidentShare[50]).toBeGreaterThan(0.5);
    expect(concentration(counts, { lorenzSteps: 0 }).lorenz.unitShare).toHaveLength(5001);
  });

  it('shows the law of crime concentration on a realistic skewed street-segment pattern', () => {
    // 10,000 segments; a few hundred "hot" segments with high Poisson rates, the rest low.
    const rng = createRandom(2015);
    const poisson = (lambda: number) => {
      let k = 0;
      let p = Math.exp(-lambda);
      let s = p;
      const u = rng.next();
      while (u > s) {
        k++;
        p *= lambda / k;
        s += p;
      }
      return k;
    };
    const counts = Array.from({ length: 10000 }, (_, i) => poisson(i < 300 ? 25 : 0.3));
    const c = concentration(counts);
    expect(c.shareOfUnitsFor50).toBeGreaterThan(0.01);
    expect(c.shareOfUnitsFor50).toBeLessThan(0.06);
    expect(c.shareOfUnitsFor25).toBeLessThan(c.shareOfUnitsFor50);
    expect(c.top).toHaveLength(20);
    expect(c.top[0].index).toBeLessThan(300);
    expect(c.gini).toBeGreaterThan(0.7);
  });

  it('refuses inputs that have no concentration to measure', () => {
    expect(() => concentration([])).toThrow(/no places/);
    expect(() => concentration([0, 0])).toThrow(/No place has an incident/);
    expect(() => concentration([1, -1])).toThrow(/zero or more/);
  });
});
