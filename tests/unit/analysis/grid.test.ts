import { describe, expect, it } from 'vitest';
import { buildGrid, createGrid, locateCell } from '../../../src/analysis/grid';
import { preparePolygon, ringSignedArea } from '../../../src/analysis/pointInPolygon';
import { createRandom } from '../../../src/analysis/random';
import { studyAreaFromPolygons } from '../../../src/analysis/studyArea';

const rect = (x0: number, y0: number, x1: number, y1: number) =>
  new Float64Array([x0, y0, x1, y0, x1, y1, x0, y1]);

/** A star-shaped city limit with a hole (a park or airport where nothing is recorded). */
function starWithHole() {
  const star: number[] = [];
  for (let k = 0; k < 24; k++) {
    const a = (k / 24) * 2 * Math.PI;
    const r = k % 2 === 0 ? 5000 : 3000;
    star.push(10000 + r * Math.cos(a), 20000 + r * Math.sin(a));
  }
  return [new Float64Array(star), rect(9500, 19500, 10700, 20300)];
}

describe('buildGrid (square)', () => {
  it('counts points in two 100 m squares, with a zero-count cell kept', () => {
    const area = studyAreaFromPolygons([[rect(0, 0, 300, 100)]]);
    const g = buildGrid(new Float64Array([10, 10, 20, 20, 150, 50, 999, 999]), {
      shape: 'square',
      cellSizeMetres: 100,
      studyArea: area,
    });
    expect(g.cellCount).toBe(3);
    expect(Array.from(g.centres)).toEqual([50, 50, 150, 50, 250, 50]);
    expect(Array.from(g.counts)).toEqual([2, 1, 0]);
    expect(Array.from(g.pointCell)).toEqual([0, 0, 1, -1]);
    expect(g.pointsOutside).toBe(1);
    expect(Array.from(g.vertices.subarray(0, 8))).toEqual([0, 0, 100, 0, 100, 100, 0, 100]);
    expect(g.cols).toBe(4); // the lattice reaches the east edge at x = 300 (a cell starting there)
    expect(g.mask[3]).toBe(0);
  });

  it('keeps exactly the cells whose centres are inside the study area', () => {
    const rings = starWithHole();
    const prepared = preparePolygon(rings);
    const area = studyAreaFromPolygons([rings]);
    for (const shape of ['square', 'hex'] as const) {
      const g = createGrid({ shape, cellSizeMetres: 137, studyArea: area });
      let inside = 0;
      for (let r = 0; r < g.rows; r++) {
        for (let c = 0; c < g.cols; c++) {
          const shift = shape === 'hex' && r & 1 ? 0.5 : 0;
          const x = g.originX + (c + shift) * g.cellSizeMetres;
          const y = g.originY + r * g.rowSpacingMetres;
          const expected = prepared.contains(x, y);
          if (expected) inside++;
          if (g.mask[r * g.cols + c] !== Number(expected)) throw new Error(`${shape} ${c},${r}`);
        }
      }
      expect(g.cellCount).toBe(inside);
      // Cells cover the study area: cell count × cell area ≈ the area.
      expect((g.cellCount * g.cellAreaSquareMetres) / area.areaSquareMetres).toBeCloseTo(1, 1);
    }
  });

  it('puts each point in the cell whose square contains it', () => {
    const rng = createRandom(2);
    const area = studyAreaFromPolygons([starWithHole()]);
    const n = 20000;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      xy[2 * i] = 4000 + rng.next() * 12000;
      xy[2 * i + 1] = 14000 + rng.next() * 12000;
    }
    const g = buildGrid(xy, { shape: 'square', cellSizeMetres: 250, studyArea: area });
    let total = 0;
    for (let i = 0; i < n; i++) {
      const cell = g.pointCell[i];
      if (cell >= 0) {
        total++;
        const dx = Math.abs(xy[2 * i] - g.centres[2 * cell]);
        const dy = Math.abs(xy[2 * i + 1] - g.centres[2 * cell + 1]);
        if (dx > 125 || dy > 125) throw new Error(`point ${i} is not in its cell`);
      }
      expect(locateCell(g, xy[2 * i], xy[2 * i + 1])).toBe(cell);
    }
    expect(g.counts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(g.pointsOutside).toBe(n - total);
  });
});

describe('buildGrid (hex)', () => {
  it('uses the flat-to-flat width as the cell size', () => {
    const area = studyAreaFromPolygons([[rect(0, 0, 1000, 1000)]]);
    const g = createGrid({ shape: 'hex', cellSizeMetres: 100, studyArea: area });
    const hex = g.vertices.subarray(0, 12);
    expect(ringSignedArea(hex)).toBeCloseTo((Math.sqrt(3) / 2) * 100 * 100, 6);
    expect(hex[0] - hex[4]).toBeCloseTo(100, 9); // east flat side to west flat side
    expect(g.rowSpacingMetres).toBeCloseTo(86.6025, 3);
    // Neighbours in a row are 100 m apart.
    expect(g.centres[2] - g.centres[0]).toBeCloseTo(100, 9);
  });

  it('puts each point in the hexagon with the nearest centre', () => {
    const rng = createRandom(4);
    const area = studyAreaFromPolygons([starWithHole()]);
    const n = 5000;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      xy[2 * i] = 5000 + rng.next() * 10000;
      xy[2 * i + 1] = 15000 + rng.next() * 10000;
    }
    const g = buildGrid(xy, { shape: 'hex', cellSizeMetres: 400, studyArea: area });
    for (let i = 0; i < n; i++) {
      // Hexagons are the Voronoi cells of their centres: brute force over the whole lattice.
      let best = -1;
      let bestD = Infinity;
      for (let r = 0; r < g.rows; r++) {
        for (let c = 0; c < g.cols; c++) {
          const x = g.originX + (c + (r & 1 ? 0.5 : 0)) * 400;
          const y = g.originY + r * g.rowSpacingMetres;
          const d = Math.hypot(xy[2 * i] - x, xy[2 * i + 1] - y);
          if (d < bestD) {
            bestD = d;
            best = g.cellAtLayout[r * g.cols + c];
          }
        }
      }
      if (g.pointCell[i] !== best) throw new Error(`point ${i}: ${g.pointCell[i]} vs ${best}`);
    }
    expect(g.counts.reduce((a, b) => a + b, 0) + g.pointsOutside).toBe(n);
  });
});

describe('grid size limit', () => {
  it('refuses a grid over maxCells with the number of cells and a size that fits', () => {
    const area = studyAreaFromPolygons([[rect(0, 0, 50000, 40000)]]);
    expect(() => createGrid({ shape: 'square', cellSizeMetres: 10, studyArea: area })).toThrow(
      /about 20,000,000 cells, more than the limit of 250,000\. Use cells of at least 90 m/,
    );
    expect(() =>
      createGrid({ shape: 'square', cellSizeMetres: 100, studyArea: area, maxCells: 100_000 }),
    ).toThrow(/would make 200,000 cells/);
    expect(createGrid({ shape: 'square', cellSizeMetres: 100, studyArea: area }).cellCount).toBe(
      200_000,
    );
  });

  it('does not mutate the points', () => {
    const area = studyAreaFromPolygons([[rect(0, 0, 1000, 1000)]]);
    const xy = new Float64Array([1, 2, 3, 4]);
    buildGrid(xy, { shape: 'hex', cellSizeMetres: 50, studyArea: area });
    expect(Array.from(xy)).toEqual([1, 2, 3, 4]);
  });
});
