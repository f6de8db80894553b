/**
 * dissolveCells: hand cases on unit squares (a shared edge vanishes, a ring of cells keeps its hole,
 * corner-touching cells stay apart), hexagons against turf's union (polyclip-ts), and the hot cells
 * of the sample city merged into zones that hold every hot cell and no other.
 */
import { resolve } from 'node:path';
import { booleanPointInPolygon, featureCollection, polygon, union } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { dissolveCells, type DissolvedGeometry } from '../../../src/analysis/dissolveCells';
import { createGrid } from '../../../src/analysis/grid';
import { studyAreaFromPolygons } from '../../../src/analysis/studyArea';
import { createRandom } from '../../../src/analysis/random';
import { hotspotsJob, type HotspotResult } from '../../../src/data/jobs/hotspotsJob';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';

/** Closed counter-clockwise unit squares at lattice (col, row). */
function squares(cells: [number, number][]): { positions: Float64Array; starts: Uint32Array } {
  const positions: number[] = [];
  const starts: number[] = [];
  for (const [c, r] of cells) {
    starts.push(positions.length / 2);
    positions.push(c, r, c + 1, r, c + 1, r + 1, c, r + 1, c, r);
  }
  starts.push(positions.length / 2);
  return { positions: Float64Array.from(positions), starts: Uint32Array.from(starts) };
}

function polygons(g: DissolvedGeometry): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function ringArea(ring: number[][]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return twice / 2;
}

/** Planar area with holes subtracted (signed areas: exteriors positive, holes negative). */
function area(g: DissolvedGeometry | Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.reduce((s, rings) => s + rings.reduce((t, ring) => t + ringArea(ring), 0), 0);
}

describe('dissolveCells on squares you can draw by hand', () => {
  it('two squares side by side become one 2 × 1 rectangle with four corners', () => {
    const { positions, starts } = squares([
      [0, 0],
      [1, 0],
    ]);
    const before = positions.slice();
    const g = dissolveCells(positions, starts, [0, 1]);
    expect(g).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    });
    expect(positions).toEqual(before);
  });

  it('eight squares around an empty centre keep the centre as a clockwise hole', () => {
    const ring: [number, number][] = [];
    for (let c = 0; c < 3; c++)
      for (let r = 0; r < 3; r++) if (c !== 1 || r !== 1) ring.push([c, r]);
    const { positions, starts } = squares(ring);
    const g = dissolveCells(positions, starts, [0, 1, 2, 3, 4, 5, 6, 7])!;
    expect(g.type).toBe('Polygon');
    const [outer, hole] = polygons(g)[0];
    expect(ringArea(outer)).toBe(9);
    expect(ringArea(hole)).toBe(-1);
    expect(outer).toHaveLength(5);
    expect(area(g)).toBe(8);
  });

  it('squares touching only at a corner stay two polygons', () => {
    const { positions, starts } = squares([
      [0, 0],
      [1, 1],
    ]);
    const g = dissolveCells(positions, starts, [0, 1])!;
    expect(g.type).toBe('MultiPolygon');
    expect(polygons(g)).toHaveLength(2);
    expect(polygons(g).map((p) => ringArea(p[0]))).toEqual([1, 1]);
  });

  it('a 2 × 2 checkerboard pinch with a third cell: an L of three squares', () => {
    // (0,0), (1,0), (1,1): the L's inner corner at (1,1) is shared by all three.
    const { positions, starts } = squares([
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
    const g = dissolveCells(positions, starts, [2, 0, 1, 1])!;
    expect(g.type).toBe('Polygon');
    expect(polygons(g)[0][0]).toHaveLength(7);
    expect(area(g)).toBe(3);
  });

  it('no cells: null; a cell out of range: an error', () => {
    const { positions, starts } = squares([[0, 0]]);
    expect(dissolveCells(positions, starts, [])).toBeNull();
    expect(() => dissolveCells(positions, starts, [3])).toThrow(/not one of the 1 cells/);
  });

  it('merges copies of a vertex that differ by rounding', () => {
    const { positions, starts } = squares([
      [0, 0],
      [1, 0],
    ]);
    positions[10] += 1e-12; // the second square's first corner (1, 0), nudged
    const g = dissolveCells(positions, starts, [0, 1])!;
    expect(g.type).toBe('Polygon');
    expect(polygons(g)[0][0]).toHaveLength(5);
  });
});

describe('dissolveCells on hexagons against turf union (polyclip-ts)', () => {
  // A 100 m hexagon grid over a 1.2 km square, in metres; random subsets of cells.
  const square = studyAreaFromPolygons([[new Float64Array([0, 0, 1200, 0, 1200, 1200, 0, 1200])]]);
  const grid = createGrid({ shape: 'hex', cellSizeMetres: 100, studyArea: square });
  const positions = new Float64Array(grid.cellCount * 7 * 2);
  const starts = new Uint32Array(grid.cellCount + 1);
  for (let c = 0; c < grid.cellCount; c++) {
    starts[c] = 7 * c;
    for (let k = 0; k <= 6; k++) {
      positions[2 * (7 * c + k)] = grid.vertices[2 * (6 * c + (k % 6))];
      positions[2 * (7 * c + k) + 1] = grid.vertices[2 * (6 * c + (k % 6)) + 1];
    }
  }
  starts[grid.cellCount] = 7 * grid.cellCount;
  // Shared corners of neighbouring hexagons differ in the last bits (cx + offset from two centres);
  // polyclip-ts then fails to close rings ("Unable to complete output ring"), which is why the app
  // dissolves cells itself. Rounded to micrometres, turf's union is a fair reference.
  for (let k = 0; k < positions.length; k++) positions[k] = Math.round(positions[k] * 1e6) / 1e6;
  const ring = (c: number): number[][] =>
    Array.from({ length: 7 }, (_, k) => [
      positions[2 * (7 * c + k)],
      positions[2 * (7 * c + k) + 1],
    ]);

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: same area, pieces and holes as turf.union; same inside/outside`, () => {
      const random = createRandom(seed);
      const chosen: number[] = [];
      for (let c = 0; c < grid.cellCount; c++) if (random.next() < 0.45) chosen.push(c);
      const g = dissolveCells(positions, starts, chosen, { toleranceUnits: 1e-6 })!;
      // turf.union(featureCollection(polygons)) — turf 7's n-ary union, in the same planar units.
      const u = union(featureCollection(chosen.map((c) => polygon([ring(c)]))))!.geometry;
      expect(area(g)).toBeCloseTo(chosen.length * grid.cellAreaSquareMetres, 3);
      expect(Math.abs(area(u))).toBeCloseTo(chosen.length * grid.cellAreaSquareMetres, 3);
      const upolys = u.type === 'Polygon' ? [u.coordinates] : u.coordinates;
      expect(polygons(g).length).toBe(upolys.length);
      expect(polygons(g).reduce((s, p) => s + p.length - 1, 0)).toBe(
        upolys.reduce((s, p) => s + p.length - 1, 0),
      );
      const feature = { type: 'Feature' as const, properties: {}, geometry: g as Polygon };
      const chosenSet = new Set(chosen);
      for (let c = 0; c < grid.cellCount; c++) {
        const inside = booleanPointInPolygon(
          [grid.centres[2 * c], grid.centres[2 * c + 1]],
          feature,
        );
        expect(inside, `cell ${c}`).toBe(chosenSet.has(c));
      }
    });
  }
});

describe('dissolveCells on the hot spots of the sample city', () => {
  it('the hot cells (95%+) become zones that hold every hot cell and no other', async () => {
    const imported = await importFiles([resolve(__dirname, '../../../data/sample/incidents.csv')]);
    const input = cliJobInput(imported, 'sample');
    const result = hotspotsJob(input, { method: 'gistar' }, noProgress) as HotspotResult;
    const geometry = result.geometry;
    if (geometry.kind !== 'grid') throw new Error('expected a grid');
    const hot: number[] = [];
    for (let c = 0; c < result.cellCount; c++) if (result.bin[c] >= 2) hot.push(c);
    expect(hot.length).toBeGreaterThan(3);
    const g = dissolveCells(geometry.positions, geometry.startIndices, hot)!;
    const feature = { type: 'Feature' as const, properties: {}, geometry: g as Polygon };
    const hotSet = new Set(hot);
    for (let c = 0; c < result.cellCount; c++) {
      const inside = booleanPointInPolygon(
        [geometry.centres[2 * c], geometry.centres[2 * c + 1]],
        feature,
      );
      expect(inside, `cell ${c}`).toBe(hotSet.has(c));
    }
    // Straight runs are merged: far fewer corners than the cells have.
    const corners = polygons(g).reduce((s, p) => s + p.reduce((t, r) => t + r.length - 1, 0), 0);
    expect(corners).toBeLessThan(4 * hot.length);
  });
});
