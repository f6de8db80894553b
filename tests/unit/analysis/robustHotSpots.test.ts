import { describe, expect, it } from 'vitest';
import { locateCell } from '../../../src/analysis/grid';
import { createRandom } from '../../../src/analysis/random';
import { robustHotSpots } from '../../../src/analysis/robustHotSpots';
import { studyAreaFromPolygons } from '../../../src/analysis/studyArea';

const area = studyAreaFromPolygons([[new Float64Array([0, 0, 6000, 0, 6000, 6000, 0, 6000])]]);

/** Even background plus a wide, persistent cluster. */
function city() {
  const rng = createRandom(8);
  const pts: number[] = [];
  for (let i = 0; i < 6000; i++) pts.push(rng.next() * 6000, rng.next() * 6000);
  for (let i = 0; i < 900; i++) pts.push(1500 + rng.normal() * 250, 1500 + rng.normal() * 250);
  return new Float64Array(pts);
}

describe('robustHotSpots', () => {
  for (const shape of ['square', 'hex'] as const) {
    it(`keeps a wide cluster's core and drops its fringe (${shape})`, () => {
      const xy = city();
      const result = robustHotSpots(xy, {
        shape,
        cellSizeMetres: 200,
        bandMetres: 400,
        studyArea: area,
      });
      const [fine, base, coarse] = result.scales;
      expect(fine.cellSizeMetres).toBe(100);
      expect(coarse.cellSizeMetres).toBe(400);
      expect(coarse.bandMetres).toBe(400);
      const at = (x: number, y: number) => locateCell(base.grid, x, y);
      expect(result.hotAtEveryScale[at(1500, 1500)]).toBe(1);
      // Robust ⊆ hot at the default size.
      for (let i = 0; i < base.grid.cellCount; i++)
        if (result.hotAtEveryScale[i]) expect(base.bins[i]).toBeGreaterThanOrEqual(2);
      // The stated rule, recomputed independently: hot here, in the coarse cell holding the
      // centre, and in at least half of the fine cells whose centres lie in this cell.
      for (let i = 0; i < base.grid.cellCount; i++) {
        const [x, y] = [base.grid.centres[2 * i], base.grid.centres[2 * i + 1]];
        const c = locateCell(coarse.grid, x, y);
        let total = 0;
        let hot = 0;
        for (let f = 0; f < fine.grid.cellCount; f++) {
          const fx = fine.grid.centres[2 * f];
          const fy = fine.grid.centres[2 * f + 1];
          if (Math.abs(fx - x) > 200 || Math.abs(fy - y) > 200) continue;
          if (locateCell(base.grid, fx, fy) !== i) continue;
          total++;
          if (fine.bins[f] >= 2) hot++;
        }
        const expected =
          base.bins[i] >= 2 && c >= 0 && coarse.bins[c] >= 2 && 2 * hot >= total && total > 0;
        if (result.hotAtEveryScale[i] !== Number(expected)) throw new Error(`cell ${i}`);
      }
      const robust = result.hotAtEveryScale.reduce((a, b) => a + b, 0);
      const hotDefault = base.bins.reduce((a, b) => a + (b >= 2 ? 1 : 0), 0);
      expect(robust).toBeGreaterThan(0);
      // The cluster's fringe is hot at 200 m but not at every scale.
      expect(robust).toBeLessThan(hotDefault);
      expect(result.log.join('\n')).toMatch(/of [\d,]+ hot-spot cells and/);
    });
  }

  it('maps by location: a square default cell takes the coarse cell holding its centre', () => {
    // A single cluster filling exactly one 400 m coarse cell (its 4 default cells, 16 fine cells).
    const rng = createRandom(9);
    const pts: number[] = [];
    for (let i = 0; i < 2000; i++) pts.push(rng.next() * 6000, rng.next() * 6000);
    for (let i = 0; i < 600; i++) pts.push(2800 + rng.next() * 400, 2800 + rng.next() * 400);
    const result = robustHotSpots(new Float64Array(pts), {
      shape: 'square',
      cellSizeMetres: 200,
      bandMetres: 200,
      studyArea: area,
    });
    const base = result.scales[1].grid;
    for (const [x, y] of [
      [2900, 2900],
      [3100, 2900],
      [2900, 3100],
      [3100, 3100],
    ])
      expect(result.hotAtEveryScale[locateCell(base, x, y)]).toBe(1);
    expect(result.hotAtEveryScale[locateCell(base, 1000, 5000)]).toBe(0);
    expect(result.coldAtEveryScale.reduce((a, b) => a + b, 0)).toBe(0);
  });
});
