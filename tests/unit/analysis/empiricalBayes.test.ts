import { describe, expect, it } from 'vitest';
import { empiricalBayes } from '../../../src/analysis/empiricalBayes';
import { createRandom } from '../../../src/analysis/random';

describe('empiricalBayes (global EB rate smoothing, as GeoDa)', () => {
  it('gives the pencil-and-paper case', () => {
    // Two areas of 100 people with 0 and 10 events. θ = 10/200 = 0.05;
    // Σ P(r − θ)²/Σ P = (100·0.0025 + 100·0.0025)/200 = 0.0025; P̄ = 100;
    // σ² = 0.0025 − 0.05/100 = 0.002; w = 0.002/(0.002 + 0.05/100) = 0.8;
    // EB = 0.8·0 + 0.2·0.05 = 0.01 → 10 per 1,000; 0.8·0.1 + 0.01 = 0.09 → 90 per 1,000.
    const r = empiricalBayes([0, 10], [100, 100]);
    expect(Array.from(r.crudeRate)).toEqual([0, 100]);
    expect(r.priorMeanRate).toBeCloseTo(50, 12);
    expect(r.priorVariance).toBeCloseTo(0.002, 15);
    expect(r.weight[0]).toBeCloseTo(0.8, 12);
    expect(r.smoothedRate[0]).toBeCloseTo(10, 10);
    expect(r.smoothedRate[1]).toBeCloseTo(90, 10);
    expect(r.warnings).toEqual([]);
  });

  it('matches R spdep::EBest on the first 12 Auckland areas (Marshall’s data)', () => {
    // R 4.2, spdep 1.2-7, spData: data(auckland, package = "spData"); d <- auckland[1:12, ]
    //   res <- EBest(d$Deaths.1977.85, 9 * d$Under.5.1981); attr(res, "parameters")
    //   $a 3.67077828622658e-07   $b 0.00225409039679764
    const deaths = [8, 2, 5, 8, 1, 2, 2, 1, 6, 2, 15, 6];
    const population = [2268, 405, 3240, 3294, 486, 324, 648, 243, 6372, 2106, 4698, 1647];
    const estmm = [
      0.0025975139737513, 0.00242016956942017, 0.00200855763022166, 0.00231503884120702,
      0.00223968067677575, 0.00245049359882439, 0.00233353929119848, 0.00232493657498517,
      0.00158572078178007, 0.00192097090154649, 0.00266099439739835, 0.00254782701502411,
    ];
    const r = empiricalBayes(deaths, population, { perUnits: 1 });
    expect(r.priorVariance / 3.67077828622658e-7).toBeCloseTo(1, 12);
    expect(r.priorMeanRate).toBeCloseTo(0.00225409039679764, 15);
    r.smoothedRate.forEach((v, i) => expect(v / estmm[i]).toBeCloseTo(1, 12));
    expect(r.crudeRate[0]).toBeCloseTo(0.00352733686067019, 15); // res$raw[1]
  });

  it('shrinks small areas more than large ones and keeps the overall rate (realistic input)', () => {
    // 200 areas with a true rate varying around 30 per 1,000 and populations from 50 to 20,000.
    const rng = createRandom(6);
    const pop: number[] = [];
    const events: number[] = [];
    for (let i = 0; i < 200; i++) {
      const p = Math.round(50 * Math.pow(400, rng.next()));
      const rate = 0.03 * Math.exp(0.3 * rng.normal());
      pop.push(p);
      events.push(Math.round(p * rate + Math.sqrt(p * rate) * rng.normal()));
    }
    const clipped = events.map((e) => Math.max(0, e));
    const r = empiricalBayes(clipped, pop);
    const small = pop.indexOf(Math.min(...pop));
    const large = pop.indexOf(Math.max(...pop));
    expect(r.weight[small]).toBeLessThan(r.weight[large]);
    expect(r.weight[large]).toBeGreaterThan(0.9);
    // The population-weighted mean of the smoothed rates is not far from the overall rate.
    let num = 0;
    let den = 0;
    r.smoothedRate.forEach((v, i) => {
      num += v * pop[i];
      den += pop[i];
    });
    expect(num / den / r.priorMeanRate).toBeCloseTo(1, 1);
    // Smoothed rates spread less than crude ones.
    const spread = (a: Float64Array) => Math.max(...a) - Math.min(...a);
    expect(spread(r.smoothedRate)).toBeLessThan(spread(r.crudeRate));
  });

  it('sets a negative prior variance to 0 and explains it; skips areas without people', () => {
    // Identical rates: σ² = 0 − θ/P̄ < 0 → 0, so every rate is the overall rate.
    const r = empiricalBayes([1, 2, 3, 0], [100, 200, 300, 0]);
    expect(r.priorVariance).toBe(0);
    expect(r.smoothedRate[0]).toBeCloseTo(10, 12);
    expect(r.smoothedRate[2]).toBeCloseTo(10, 12);
    expect(Number.isNaN(r.smoothedRate[3])).toBe(true);
    expect(r.excludedAreas).toBe(1);
    expect(r.warnings.join(' ')).toMatch(/no more than chance/);
    expect(r.warnings.join(' ')).toMatch(/1 areas have no population/);
    expect(() => empiricalBayes([1], [0])).toThrow(/No area has a population/);
  });
});
