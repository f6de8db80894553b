import { describe, expect, it } from 'vitest';
import {
  benjaminiHochbergThreshold,
  confidenceBins,
} from '../../../src/analysis/falseDiscoveryRate';
import { createRandom } from '../../../src/analysis/random';
import { twoSidedP } from '../../../src/analysis/normal';

describe('benjaminiHochbergThreshold', () => {
  it('steps up: the largest p under its rank line', () => {
    // Ranks 1…5, α = 0.05: lines 0.01, 0.02, 0.03, 0.04, 0.05.
    expect(benjaminiHochbergThreshold([0.27, 0.041, 0.001, 0.039, 0.008], 0.05)).toBe(0.008);
    // Step-up, not step-down: 0.045 at rank 4 passes (≤ 0.04? no) … 0.05 at rank 5 passes (≤ 0.05).
    expect(benjaminiHochbergThreshold([0.02, 0.03, 0.035, 0.045, 0.05], 0.05)).toBe(0.05);
    expect(benjaminiHochbergThreshold([0.5, 0.6], 0.05)).toBe(0);
    expect(benjaminiHochbergThreshold([], 0.05)).toBe(0);
    expect(benjaminiHochbergThreshold([NaN, 0.01], 0.05)).toBe(0.01);
  });

  it('matches R p.adjust(method = "BH") on 200 p-values', () => {
    // The BH threshold passes exactly the tests whose BH-adjusted p (R's p.adjust) is ≤ α:
    // adjusted p₍ₖ₎ = min over j ≥ k of m·p₍ⱼ₎/j.
    const rng = createRandom(31);
    const p = Array.from({ length: 200 }, (_, i) =>
      i < 30 ? twoSidedP(2 + 3 * rng.next()) : rng.next(),
    );
    const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
    const adjusted = new Array<number>(200);
    let running = Infinity;
    for (let k = 199; k >= 0; k--) {
      running = Math.min(running, (200 * p[order[k]]) / (k + 1));
      adjusted[order[k]] = Math.min(1, running);
    }
    for (const alpha of [0.01, 0.05, 0.1]) {
      const t = benjaminiHochbergThreshold(p, alpha);
      p.forEach((pi, i) => expect(pi <= t).toBe(adjusted[i] <= alpha));
    }
  });
});

describe('confidenceBins', () => {
  it('gives ArcGIS Gi_Bin levels without FDR', () => {
    expect(
      Array.from(confidenceBins([3, -2.2, 1.7, 0.5, -4], [0.0027, 0.028, 0.089, 0.6, 0.00006])),
    ).toEqual([3, -2, 1, 0, -3]);
  });

  it('takes for each cell the highest FDR level it passes', () => {
    const p = [0.0001, 0.004, 0.012, 0.03, 0.07, 0.5, 0.9, 0.95, 0.97, 0.99];
    const z = p.map((_, i) => (i % 2 === 0 ? 3 : -3));
    // m = 10. α 0.01 lines: 0.001, 0.002, 0.003 …: 0.0001 passes, 0.004 > 0.002 → t99 = 0.0001.
    // α 0.05 lines 0.005, 0.01, 0.015, 0.02: 0.012 ≤ 0.015 passes, 0.03 > 0.02 → t95 = 0.012.
    // α 0.10 lines 0.01 … 0.04, 0.05: 0.03 ≤ 0.04 passes, 0.07 > 0.05 → t90 = 0.03.
    expect(Array.from(confidenceBins(z, p, { fdr: true }))).toEqual([
      3, -2, 2, -1, 0, 0, 0, 0, 0, 0,
    ]);
    expect(Array.from(confidenceBins(z, p))).toEqual([3, -3, 2, -2, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(confidenceBins([NaN, 2], [NaN, 0.04], { fdr: true }))).toEqual([0, 2]);
  });
});
