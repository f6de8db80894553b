import { describe, expect, it } from 'vitest';
import { dualKernelDensity } from '../../../src/analysis/dualKernelDensity';
import { kernelDensity, type GridSpec } from '../../../src/analysis/kernelDensity';
import { createRandom } from '../../../src/analysis/random';

const row: GridSpec = { minXMetres: 0, minYMetres: 0, cellSizeMetres: 100, cols: 3, rows: 1 };
const a = { ...row, values: new Float64Array([4, 0, 2]) };
const b = { ...row, values: new Float64Array([2, 0, 2]) };

describe('dualKernelDensity', () => {
  it('gives the pencil-and-paper ratio, difference and log ratio with a stated floor', () => {
    const d = dualKernelDensity(a, b, { floor: 1 });
    expect(Array.from(d.difference)).toEqual([2, 0, 0]);
    expect(d.ratio[0]).toBeCloseTo(5 / 3, 15);
    expect(d.ratio[1]).toBe(1);
    expect(d.ratio[2]).toBe(1);
    expect(d.logRatio[0]).toBeCloseTo(Math.log(5 / 3), 15);
    expect(d.floor).toBe(1);
  });

  it('defaults the floor to 1% of the mean of both surfaces and says so', () => {
    // Mean of both: (4 + 0 + 2 + 2 + 0 + 2) / 6 = 5/3 → f = 1/60.
    const d = dualKernelDensity(a, b);
    expect(d.floor).toBeCloseTo(1 / 60, 15);
    expect(d.ratio[0]).toBeCloseTo((4 + 1 / 60) / (2 + 1 / 60), 14);
    expect(d.ratio[1]).toBe(1); // nothing in either: the floor makes it even, not 0/0
    expect(d.method).toMatch(/1% of the mean/);
  });

  it('compares shares when asked, so totals do not drive the ratio (Kelsall & Diggle 1995)', () => {
    // Shares: A = [2/3, 0, 1/3], B = [1/2, 0, 1/2].
    const d = dualKernelDensity(a, b, { scale: 'share', floor: 0.1 });
    expect(d.difference[0]).toBeCloseTo(2 / 3 - 1 / 2, 15);
    expect(d.ratio[2]).toBeCloseTo((1 / 3 + 0.1) / (1 / 2 + 0.1), 15);
    // Doubling one surface changes nothing in share mode.
    const twice = { ...row, values: a.values.map((v) => 2 * v) };
    const d2 = dualKernelDensity(twice, b, { scale: 'share', floor: 0.1 });
    expect(Array.from(d2.ratio)).toEqual(Array.from(d.ratio));
  });

  it('leaves cells outside the study area as NaN and refuses mismatched rasters', () => {
    const d = dualKernelDensity(a, b, { floor: 1, studyAreaMask: new Uint8Array([1, 1, 0]) });
    expect(Number.isNaN(d.ratio[2])).toBe(true);
    expect(() => dualKernelDensity(a, { ...b, cellSizeMetres: 50 })).toThrow(/different rasters/);
  });

  it('shows where a new hot spot appeared between two periods', () => {
    const rng = createRandom(12);
    const grid: GridSpec = { minXMetres: 0, minYMetres: 0, cellSizeMetres: 50, cols: 60, rows: 60 };
    const background = (n: number) => Array.from({ length: 2 * n }, () => 3000 * rng.next());
    const before = Float64Array.from(background(2000));
    const afterPoints = background(2000);
    for (let i = 0; i < 400; i++)
      afterPoints.push(2200 + 60 * rng.normal(), 800 + 60 * rng.normal());
    const after = Float64Array.from(afterPoints);
    const s1 = kernelDensity(before, { grid, bandwidthMetres: 300 });
    const s2 = kernelDensity(after, { grid, bandwidthMetres: 300 });
    const d = dualKernelDensity(s2, s1);
    const at = (x: number, y: number) => Math.floor(y / 50) * 60 + Math.floor(x / 50);
    expect(d.logRatio[at(2200, 800)]).toBeGreaterThan(Math.log(2));
    expect(Math.abs(d.logRatio[at(800, 2200)])).toBeLessThan(Math.log(2));
    expect(d.difference[at(2200, 800)]).toBeGreaterThan(0);
  });
});
