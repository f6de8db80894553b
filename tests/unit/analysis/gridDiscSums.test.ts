import { describe, expect, it } from 'vitest';
import { createGrid } from '../../../src/analysis/grid';
import { discStencil, gridDiscSums } from '../../../src/analysis/gridDiscSums';
import { studyAreaFromPolygons } from '../../../src/analysis/studyArea';

describe('gridDiscSums', () => {
  it('sums a 3 × 1 strip with a one-cell band (the doc-block example)', () => {
    const area = studyAreaFromPolygons([[new Float64Array([0, 0, 300, 0, 300, 100, 0, 100])]]);
    const grid = createGrid({ shape: 'square', cellSizeMetres: 100, studyArea: area });
    const { sums, counts } = gridDiscSums(grid, [1, 2, 3], 100);
    expect(Array.from(sums)).toEqual([3, 6, 5]);
    expect(Array.from(counts)).toEqual([2, 3, 2]);
  });

  it('leaves cells outside the study area out of sums and counts', () => {
    // An L of three cells: (0,0), (1,0), (0,1); the lattice cell (1,1) is outside.
    const area = studyAreaFromPolygons([
      [new Float64Array([0, 0, 200, 0, 200, 100, 100, 100, 100, 200, 0, 200])],
    ]);
    const grid = createGrid({ shape: 'square', cellSizeMetres: 100, studyArea: area });
    expect(grid.cellCount).toBe(3);
    const { sums, counts } = gridDiscSums(grid, [1, 10, 100], 150); // band takes the diagonal
    expect(Array.from(counts)).toEqual([3, 3, 3]);
    expect(Array.from(sums)).toEqual([111, 111, 111]);
  });

  it('builds the disc stencil of a 2-cell band: 13 cells of a square lattice', () => {
    const area = studyAreaFromPolygons([[new Float64Array([0, 0, 1000, 0, 1000, 1000, 0, 1000])]]);
    const grid = createGrid({ shape: 'square', cellSizeMetres: 100, studyArea: area });
    const stencil = discStencil(grid, 200);
    const K = stencil.rowOffsets.length;
    let cells = 0;
    for (let k = 0; k < K; k++) cells += stencil.hi[k] - stencil.lo[k] + 1;
    expect(Array.from(stencil.rowOffsets)).toEqual([-2, -1, 0, 1, 2]);
    expect(cells).toBe(13); // 1 + 3 + 5 + 3 + 1
    // Hexagons: a band of one width holds the cell and its 6 neighbours.
    const hex = createGrid({ shape: 'hex', cellSizeMetres: 100, studyArea: area });
    const h = discStencil(hex, 100);
    const Kh = h.rowOffsets.length;
    for (const parity of [0, 1]) {
      let n = 0;
      for (let k = 0; k < Kh; k++)
        n += Math.max(0, h.hi[parity * Kh + k] - h.lo[parity * Kh + k] + 1);
      expect(n).toBe(7);
    }
  });
});
