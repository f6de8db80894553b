import { describe, expect, it } from 'vitest';
import { kdeBandwidth, SQRT_ONE_OVER_LN2 } from '../../../src/analysis/kdeBandwidth';
import { createRandom } from '../../../src/analysis/random';

describe('kdeBandwidth (ArcGIS default search radius)', () => {
  it('gives the pencil-and-paper value for the corners of a 10 m square', () => {
    // Mean centre (0, 0); every distance is √50; SD = √(25 + 25) = √50;
    // min(√50, 1.2011·√50) = √50; r = 0.9 · √50 · 4^−0.2 = 0.9 · 7.0711 · 0.75786 = 4.8230 m.
    const xy = new Float64Array([-5, -5, 5, -5, 5, 5, -5, 5]);
    const b = kdeBandwidth(xy);
    expect(b.meanCentreXMetres).toBe(0);
    expect(b.meanCentreYMetres).toBe(0);
    expect(b.standardDistanceMetres).toBeCloseTo(Math.sqrt(50), 12);
    expect(b.medianDistanceMetres).toBeCloseTo(Math.sqrt(50), 12);
    expect(b.searchRadiusMetres).toBeCloseTo(0.9 * Math.sqrt(50) * Math.pow(4, -0.2), 12);
    expect(b.searchRadiusMetres).toBeCloseTo(4.823, 3);
    expect(b.cellSizeMetres).toBeCloseTo(10 / 250, 12);
    expect(SQRT_ONE_OVER_LN2).toBeCloseTo(1.2011224087864498, 15);
  });

  it('takes the median-distance branch when an outlier inflates the standard distance', () => {
    // Three points at the origin and one at 1000 m east: SD is dominated by
    // the outlier, Dm is not. Hand check: mean centre = (250, 0); distances 250, 250, 250, 750 →
    // Dm = 250, SD = √((3·250² + 750²)/4) = 433.01; √(1/ln2)·250 = 300.28 < 433.01.
    const xy = new Float64Array([0, 0, 0, 0, 0, 0, 1000, 0]);
    const b = kdeBandwidth(xy);
    expect(b.meanCentreXMetres).toBe(250);
    expect(b.medianDistanceMetres).toBe(250);
    expect(b.standardDistanceMetres).toBeCloseTo(Math.sqrt((3 * 250 ** 2 + 750 ** 2) / 4), 9);
    expect(b.searchRadiusMetres).toBeCloseTo(0.9 * SQRT_ONE_OVER_LN2 * 250 * Math.pow(4, -0.2), 9);
  });

  it('estimates 0.9·√2·σ·n^−0.2 for an isotropic normal cloud (Silverman’s rule in 2-D)', () => {
    // For a bivariate normal with σ per axis, SD → √2σ and the median radius → σ√(2 ln 2), so
    // √(1/ln 2)·Dm → √2σ too (Rayleigh median). Both branches should agree to sampling error.
    const rng = createRandom(2024);
    const n = 20000;
    const sigma = 150;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) xy[i] = 5000 + sigma * rng.normal();
    const b = kdeBandwidth(xy);
    expect(b.standardDistanceMetres / (Math.SQRT2 * sigma)).toBeCloseTo(1, 1);
    expect((SQRT_ONE_OVER_LN2 * b.medianDistanceMetres) / (Math.SQRT2 * sigma)).toBeCloseTo(1, 1);
    const expected = 0.9 * Math.SQRT2 * sigma * Math.pow(n, -0.2);
    expect(Math.abs(b.searchRadiusMetres / expected - 1)).toBeLessThan(0.02);
  });

  it('uses only the points the mask selects and does not mutate the input', () => {
    const xy = new Float64Array([-5, -5, 5, -5, 5, 5, -5, 5, 900, 900]);
    const copy = xy.slice();
    const mask = new Uint8Array([1, 1, 1, 1, 0]);
    const b = kdeBandwidth(xy, { mask });
    expect(b.count).toBe(4);
    expect(b.searchRadiusMetres).toBeCloseTo(4.823, 3);
    expect(b.extent).toEqual({ minXMetres: -5, minYMetres: -5, maxXMetres: 5, maxYMetres: 5 });
    expect(xy).toEqual(copy);
  });

  it('explains degenerate inputs instead of returning a silent zero', () => {
    const same = kdeBandwidth(new Float64Array([3, 3, 3, 3, 3, 3]));
    expect(same.searchRadiusMetres).toBe(0);
    expect(same.warnings.join(' ')).toMatch(/same place/);
    const line = kdeBandwidth(new Float64Array([0, 0, 500, 0, 1000, 0]));
    expect(line.cellSizeMetres).toBe(4);
    expect(line.warnings.join(' ')).toMatch(/straight line/);
    expect(() => kdeBandwidth(new Float64Array(0))).toThrow(/No incidents/);
  });
});
