import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGrid, locateCell } from '../../../src/analysis/grid';
import { createLocalProjection } from '../../../src/analysis/localProjection';
import { kthNeighbourDistances, optimizedHotSpots } from '../../../src/analysis/optimizedHotSpots';
import { createRandom } from '../../../src/analysis/random';
import { studyAreaFromPolygons } from '../../../src/analysis/studyArea';

const CLUSTERS = [
  [1500, 1500],
  [4500, 2000],
  [3000, 4500],
];

/** 6 × 6 km: 4,000 incidents spread evenly plus 3 planted clusters of 600 (SD 200 m). */
function plantedCity(seed: number) {
  const rng = createRandom(seed);
  const pts: number[] = [];
  for (let i = 0; i < 4000; i++) pts.push(rng.next() * 6000, rng.next() * 6000);
  for (const [cx, cy] of CLUSTERS)
    for (let i = 0; i < 600; i++) pts.push(cx + rng.normal() * 200, cy + rng.normal() * 200);
  return new Float64Array(pts);
}

describe('optimizedHotSpots on a planted city', () => {
  it('finds every planted cluster as a hot spot and explains each choice', () => {
    const xy = plantedCity(1);
    const before = xy.slice();
    const result = optimizedHotSpots(xy, { log: ['Projection: test plane', 'COP Planner test'] });
    expect(xy).toEqual(before);
    // 5,800 incidents over ~36 km²: mean NN distance ≈ ½·√(36e6 / 5800) ≈ 40 m (less in clusters).
    expect(result.cellSizeMetres).toBeGreaterThan(20);
    expect(result.cellSizeMetres).toBeLessThan(60);
    expect(result.bandMetres).toBeGreaterThanOrEqual(result.cellSizeMetres);
    for (const [cx, cy] of CLUSTERS) {
      const cell = locateCell(result.grid, cx, cy);
      expect(result.bins[cell]).toBeGreaterThanOrEqual(2);
    }
    // The evenly spread part far from every cluster is not hot.
    expect(result.bins[locateCell(result.grid, 5500, 5500)]).toBeLessThan(2);
    expect(result.hotCells).toBeGreaterThan(0);
    expect(result.log[0]).toBe('Projection: test plane');
    const text = result.log.join('\n');
    expect(text).toMatch(/Study area: the convex hull/);
    expect(text).toMatch(/Cell size \d+ m \(the side of each square\): the larger of the mean/);
    expect(text).toMatch(/Distance band [\d,.]+ m: /);
    expect(text).toMatch(/false discovery rate/);
    expect(text).toMatch(/Result: [\d,]+ hot-spot cells/);
  });

  it('uses given parameters, hexagons and boundary polygons when asked', () => {
    const xy = plantedCity(2);
    const result = optimizedHotSpots(xy, {
      shape: 'hex',
      cellSizeMetres: 250,
      bandMetres: 750,
      boundaries: [[new Float64Array([0, 0, 6000, 0, 6000, 6000, 0, 6000])]],
    });
    expect(result.bandRule).toBe('given');
    expect(result.incremental).toBeNull();
    expect(result.studyArea.source).toBe('polygons');
    expect(result.log.join('\n')).toMatch(
      /Cell size 250 m \(the flat-to-flat width of each hexagon\), as chosen/,
    );
    for (const [cx, cy] of CLUSTERS) expect(result.bins[locateCell(result.grid, cx, cy)]).toBe(3);
  });

  it('respects a minimum cell size and says so', () => {
    const result = optimizedHotSpots(plantedCity(4), { minimumCellSizeMetres: 150 });
    expect(result.cellSizeMetres).toBe(150);
    expect(result.log.join('\n')).toMatch(
      /raised from \d+ m to the minimum of 150 m set by the user/,
    );
  });

  it('falls back to the mean distance to the K-th nearest cell without a significant peak', () => {
    // One incident in every 300 m cell except three in a corner cell: Moran's z falls steadily
    // as the band widens (4.2, 3.6, 3.0 … 1.9), so there is no peak at all.
    const rng = createRandom(3);
    const pts: number[] = [];
    for (let i = 0; i < 20; i++)
      for (let j = 0; j < 20; j++)
        for (let k = 0; k < (i === 0 && j === 0 ? 3 : 1); k++)
          pts.push(i * 300 + 20 + rng.next() * 260, j * 300 + 20 + rng.next() * 260);
    const result = optimizedHotSpots(new Float64Array(pts), {
      cellSizeMetres: 300,
      boundaries: [[new Float64Array([0, 0, 6000, 0, 6000, 6000, 0, 6000])]],
    });
    expect(result.bandRule).toBe('k nearest');
    expect(result.incremental!.peaks).toEqual([]);
    // 400 cells → K = 20; on a square lattice the 20th nearest cell is √8 cells away (ring 5 ends
    // at 20 cells: 4 + 4 + 4 + 8 = 20), less where edges cut the neighbourhood short.
    expect(result.log.join('\n')).toMatch(/its 20th nearest cell \(K = 5% of the cells/);
    expect(result.bandMetres).toBeGreaterThan(2.5 * 300);
    expect(result.bandMetres).toBeLessThan(4 * 300);
  });

  it('refuses with a message a person can act on', () => {
    expect(() => optimizedHotSpots(new Float64Array(2 * 40))).toThrow(
      /needs at least 60 incidents; the current selection has 40/,
    );
    const same: number[] = [];
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) same.push(i * 100 + 50, j * 100 + 50);
    expect(() =>
      optimizedHotSpots(new Float64Array(same), {
        cellSizeMetres: 100,
        boundaries: [[new Float64Array([0, 0, 1000, 0, 1000, 1000, 0, 1000])]],
      }),
    ).toThrow(/Every cell holds 1 incident/);
    expect(() =>
      optimizedHotSpots(new Float64Array(same), {
        cellSizeMetres: 300,
        boundaries: [[new Float64Array([0, 0, 1000, 0, 1000, 1000, 0, 1000])]],
      }),
    ).toThrow(/at least 30 cells; 300 m cells make only 9/);
  });
});

describe('kthNeighbourDistances', () => {
  it('walks lattice rings, skipping cells outside the study area', () => {
    const area = studyAreaFromPolygons([[new Float64Array([0, 0, 500, 0, 500, 100, 0, 100])]]);
    const grid = { ...createGrid({ shape: 'square', cellSizeMetres: 100, studyArea: area }) };
    const built = {
      ...grid,
      counts: new Int32Array(5),
      pointCell: new Int32Array(0),
      pointsOutside: 0,
    };
    // A 5 × 1 strip: the 2nd nearest of the end cell is 200 m away, of the middle cell 100 m.
    expect(Array.from(kthNeighbourDistances(built, 2))).toEqual([200, 100, 100, 100, 200]);
    // The 4th nearest of an end cell is the far end, beyond the walk: the index finishes it.
    expect(kthNeighbourDistances(built, 4)[0]).toBe(400);
  });
});

const chicago = path.resolve(
  __dirname,
  '../../../../shared/data/chicago_homicides_2001_2023/Homicides_2001_to_present.csv',
);

describe.skipIf(!existsSync(chicago))(
  'optimizedHotSpots on Chicago homicides 2001–2023 (needs ../shared/data)',
  () => {
    it('drops the portal’s no-geocode sentinel in Missouri and finds the West and South Side hot spots', () => {
      // Coordinates from the last column, Location = "(lat, lon)", which no earlier comma can shift.
      const lonLat: number[] = [];
      for (const line of readFileSync(chicago, 'utf8').trim().split('\n').slice(1)) {
        const match = /"\((-?[\d.]+), (-?[\d.]+)\)"$/.exec(line);
        if (match) lonLat.push(Number(match[2]), Number(match[1]));
      }
      expect(lonLat.length / 2).toBe(12657 - 3); // SOURCE.txt: 3 rows without coordinates
      const projection = createLocalProjection(-87.7, 41.85);
      const xy = new Float64Array(lonLat.length);
      for (let i = 0; i < lonLat.length; i += 2) {
        const [x, y] = projection.forward(lonLat[i], lonLat[i + 1]);
        xy[i] = x;
        xy[i + 1] = y;
      }
      const result = optimizedHotSpots(xy);
      // SOURCE.txt: 6 rows sit at (36.619446, −91.686566), the portal's "no geocode" sentinel.
      expect(result.studyArea.droppedIncidents).toBe(6);
      expect(result.studyArea.areaSquareMetres / 1e6).toBeGreaterThan(500);
      expect(result.studyArea.areaSquareMetres / 1e6).toBeLessThan(700);
      // Share of the cells within 1 km of a place that are hot at 95%+.
      const hotShare = (lon: number, lat: number) => {
        const [x, y] = projection.forward(lon, lat);
        let hot = 0;
        let all = 0;
        for (let i = 0; i < result.grid.cellCount; i++) {
          const d = Math.hypot(result.grid.centres[2 * i] - x, result.grid.centres[2 * i + 1] - y);
          if (d > 1000) continue;
          all++;
          if (result.bins[i] >= 2) hot++;
        }
        return hot / all;
      };
      // West Garfield Park (Madison & Pulaski) and Englewood (63rd & Halsted): long-known hot spots.
      expect(hotShare(-87.7258, 41.8809)).toBeGreaterThan(0.4);
      expect(hotShare(-87.6447, 41.7797)).toBeGreaterThan(0.3);
      // Lincoln Park (Fullerton & Clark) and the Loop (State & Madison): hardly any.
      expect(hotShare(-87.6384, 41.9256)).toBeLessThan(0.02);
      expect(hotShare(-87.6278, 41.882)).toBeLessThan(0.05);
      expect(result.log.join('\n')).toMatch(
        /6 incidents at 1 location left out as locational outliers/,
      );
    });
  },
);
