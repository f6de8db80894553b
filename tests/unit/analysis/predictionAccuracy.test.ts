import { describe, expect, it } from 'vitest';
import { predictionAccuracy } from '../../../src/analysis/predictionAccuracy';
import { createRandom, type Random } from '../../../src/analysis/random';

describe('predictionAccuracy — pencil and paper', () => {
  it('gives the doc example: hit rate, PAI and PEI of a perfect ranking', () => {
    const r = predictionAccuracy([3, 2, 1, 0], [5, 3, 2, 0], 250 * 250, {
      areaShares: [0.25, 0.5],
    });
    expect(r.totalIncidents).toBe(10);
    expect(r.totalAreaSquareMetres).toBe(4 * 62_500);
    expect(r.atShares[0]).toMatchObject({
      areaShare: 0.25,
      hitRate: 0.5,
      pai: 2,
      bestHitRate: 0.5,
      pei: 1,
    });
    expect(r.atShares[0].areaSquareMetres).toBe(62_500);
    expect(r.atShares[0].incidentsCaptured).toBe(5);
    expect(r.atShares[1].hitRate).toBeCloseTo(0.8, 12);
    expect(r.atShares[1].pai).toBeCloseTo(1.6, 12);
    expect(Array.from(r.curveAreaShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(r.curveHitRate)).toEqual([0, 0.5, 0.8, 1, 1]);
  });

  it('scores a ranking that misses: the best cell last', () => {
    // Ranked 0 > 1 > 2 > 3 but the test incidents are 0, 0, 0, 4: at half the area nothing is hit.
    const r = predictionAccuracy([4, 3, 2, 1], [0, 0, 0, 4], 1, { areaShares: [0.5, 1] });
    expect(r.atShares[0]).toMatchObject({ hitRate: 0, pai: 0, bestHitRate: 1, pei: 0 });
    expect(r.atShares[1]).toMatchObject({ hitRate: 1, pai: 1, pei: 1 });
  });

  it('breaks ties as documented: average, pessimistic, index', () => {
    // Cells 0 and 1 tie at the top; they hold 4 and 0 of the 6 test incidents.
    const scores = [1, 1, 0, 0];
    const counts = [4, 0, 1, 1];
    const at = (ties: 'average' | 'pessimistic' | 'index') =>
      predictionAccuracy(scores, counts, 1, { areaShares: [0.25], ties }).atShares[0].hitRate;
    expect(at('average')).toBeCloseTo(1 / 3, 12); // half of the tied block: (4 + 0) / 2 of 6
    expect(at('index')).toBeCloseTo(4 / 6, 12); // cell 0 first
    expect(at('pessimistic')).toBe(0); // fewer test incidents first, as ptools::pai
    // With averaged ties the curve has one vertex per block.
    const r = predictionAccuracy(scores, counts, 1, { ties: 'average' });
    expect(Array.from(r.curveAreaShare)).toEqual([0, 0.5, 1]);
  });

  it('interpolates inside a cell and ranks NaN scores last', () => {
    // Two cells of 1 and 3 m²; the top cell (score NaN ranks last) is the big one.
    const r = predictionAccuracy([NaN, 5], [3, 1], [3, 1], { areaShares: [0.25, 0.5] });
    // Cell 1 (1 m², 1 incident) comes first; 0.5 of the area is it plus 1 m² of cell 0's 3 m².
    expect(r.atShares[0].hitRate).toBeCloseTo(0.25, 12);
    expect(r.atShares[1].hitRate).toBeCloseTo(0.25 + (1 / 3) * 0.75, 12);
    // Best: densities 1/1 and 3/3 are equal, so any order is best.
    expect(r.atShares[1].pei).toBeCloseTo(1, 12);
  });

  it('rejects inputs it cannot score, with a reason', () => {
    expect(() => predictionAccuracy([1, 2], [1], 1)).toThrow(/one of each per cell/);
    expect(() => predictionAccuracy([1, 2], [1, 1], [1, 0])).toThrow(/positive area/);
    expect(() => predictionAccuracy([1], [1], 1, { areaShares: [5] })).toThrow(/0\.05 for 5%/);
  });
});

describe('predictionAccuracy — ptools::pai (R), the reference implementation of PAI and PEI', () => {
  // R 4.2.2, ptools R/pai.R (github.com/apwheele/ptools, commit 0f71d2dc) sourced as is:
  //   crime_dat <- data.frame(id=1:6, obs=c(6,7,3,2,1,0), pred=c(8,4,4,2,1,0)); crime_dat$const <- 1
  //   pai(crime_dat, 'obs', 'pred', 'const')[, c('PCumArea', 'PAI', 'PEI')]
  // ptools breaks tied predictions by the lower observed count first: ties = 'pessimistic'.
  it('equals the equal-area example (the one in ?pai)', () => {
    const r = predictionAccuracy([8, 4, 4, 2, 1, 0], [6, 7, 3, 2, 1, 0], 1, {
      areaShares: [1, 2, 3, 4, 5, 6].map((k) => k / 6),
      ties: 'pessimistic',
    });
    const pai = [1.89473684210526, 1.42105263157895, 1.68421052631579, 1.42105263157895, 1.2, 1];
    const pei = [0.857142857142857, 0.692307692307692, 1, 1, 1, 1];
    r.atShares.forEach((s, k) => {
      expect(s.pai).toBeCloseTo(pai[k], 12);
      expect(s.pei).toBeCloseTo(pei[k], 12);
    });
  });

  it('equals its PAI with unequal areas; PEI compares equal areas, where ptools does not', () => {
    //   d2 <- data.frame(obs=c(4,0,9,1,2,0,5,3,0,1),
    //                    pred=c(0.2,0.9,0.5,0.1,0.7,0.3,0.8,0.4,0.05,0.6), area=c(1,2,1,1,3,1,2,1,1,2))
    //   pai(d2, 'obs', 'pred', 'area')[, c('PCumArea', 'PAI', 'PEI')]
    // ptools ranks by predicted density pred / area, so that is the score here.
    const obs = [4, 0, 9, 1, 2, 0, 5, 3, 0, 1];
    const pred = [0.2, 0.9, 0.5, 0.1, 0.7, 0.3, 0.8, 0.4, 0.05, 0.6];
    const area = [1, 2, 1, 1, 3, 1, 2, 1, 1, 2];
    const pCumArea = [1, 3, 4, 6, 7, 9, 12, 13, 14, 15].map((a) => a / 15);
    const pai = [
      5.4, 1.8, 1.8, 1.7, 1.45714285714286, 1.2, 1, 1.10769230769231, 1.07142857142857, 1,
    ];
    const r = predictionAccuracy(
      pred.map((p, i) => p / area[i]),
      obs,
      area,
      { areaShares: pCumArea, ties: 'pessimistic' },
    );
    r.atShares.forEach((s, k) => expect(s.pai).toBeCloseTo(pai[k], 12));
    // At 3/15 of the area: hit 9/25; the densest 3 m² of the test period (cells with 9, 4, 3) hold
    // 16/25, so PEI = 9/16. ptools prints 0.4615 here, dividing by the best PAI of its 2nd-ranked
    // cell (2 m²) — its own note says PEI "may behave funny with different sized areas".
    expect(r.atShares[1].bestHitRate).toBeCloseTo(16 / 25, 12);
    expect(r.atShares[1].pei).toBeCloseTo(9 / 16, 12);
  });
});

function poisson(rng: Random, mean: number): number {
  // Knuth's multiplication method; the means here are small.
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

describe('predictionAccuracy — a realistic city grid', () => {
  // 100 × 100 cells of 150 m; risk = a low background plus three persistent hot spots, one of them
  // moving east between the training and the test month.
  const size = 100;
  const rng = createRandom(31);
  const risk = (x: number, y: number, shift: number) =>
    0.05 +
    3 * Math.exp(-((x - 30) ** 2 + (y - 40) ** 2) / 20) +
    2 * Math.exp(-((x - 70) ** 2 + (y - 70) ** 2) / 40) +
    2 * Math.exp(-((x - 50 - shift) ** 2 + (y - 20) ** 2) / 15);
  const train = new Float64Array(size * size);
  const test = new Float64Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      train[y * size + x] = poisson(rng, risk(x, y, 0));
      test[y * size + x] = poisson(rng, risk(x, y, 6));
    }

  it('finds last month’s counts predictive but short of the best possible', () => {
    const trainCopy = train.slice();
    const r = predictionAccuracy(train, test, 150 * 150);
    expect(train).toEqual(trainCopy);
    expect(r.atShares.map((s) => s.areaShare)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2]);
    for (const s of r.atShares) {
      expect(s.pai).toBeGreaterThan(2);
      expect(s.pei).toBeGreaterThan(0.3);
      expect(s.pei).toBeLessThanOrEqual(1);
      expect(s.hitRate).toBeLessThanOrEqual(s.bestHitRate);
    }
    // Hit rate grows with area.
    for (let k = 1; k < r.atShares.length; k++)
      expect(r.atShares[k].hitRate).toBeGreaterThanOrEqual(r.atShares[k - 1].hitRate);
    expect(r.curveHitRate[r.curveHitRate.length - 1]).toBe(1);
    // The true risk surface predicts better than one noisy month at a small area.
    const truth = Float64Array.from({ length: size * size }, (_, i) =>
      risk(i % size, Math.floor(i / size), 6),
    );
    const t = predictionAccuracy(truth, test, 150 * 150);
    expect(t.atShares[2].hitRate).toBeGreaterThan(r.atShares[2].hitRate);
  });

  it('depends only on the order of the scores', () => {
    const a = predictionAccuracy(train, test, 1);
    const b = predictionAccuracy(
      Array.from(train, (v) => 10 * Math.log1p(v)),
      test,
      1,
    );
    expect(b.atShares).toEqual(a.atShares);
  });
});
