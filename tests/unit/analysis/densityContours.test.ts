import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { densityContours, type DensityRaster } from '../../../src/analysis/densityContours';
import { kernelDensity } from '../../../src/analysis/kernelDensity';
import { createRandom } from '../../../src/analysis/random';

function inside(geometry: { coordinates: number[][][][] }, x: number, y: number): boolean {
  return booleanPointInPolygon([x, y], { type: 'MultiPolygon', coordinates: geometry.coordinates });
}

function ringArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}

/** 10 × 10 raster of 100 m cells whose values are 1…100 in row-major order. */
const ramp: DensityRaster = {
  minXMetres: 0,
  minYMetres: 0,
  cellSizeMetres: 100,
  cols: 10,
  rows: 10,
  values: Float64Array.from({ length: 100 }, (_, i) => i + 1),
};
/** One incident at each cell centre. */
const oneEach = Float64Array.from({ length: 200 }, (_, k) =>
  k % 2 === 0 ? ((k / 2) % 10) * 100 + 50 : Math.floor(k / 2 / 10) * 100 + 50,
);

describe('densityContours', () => {
  it('finds the pencil-and-paper levels and shares on a ramp', () => {
    // 100 cells: the densest 5% are the 5 cells valued 96…100, the densest 25% those ≥ 76.
    const [c1, c5, c25] = densityContours(ramp, oneEach, { percents: [1, 5, 25] });
    expect(c1.level).toBe(100);
    expect(c5.level).toBe(96);
    expect(c5.cells).toBe(5);
    expect(c5.areaShare).toBe(0.05);
    expect(c5.areaKm2).toBeCloseTo(0.05, 12);
    expect(c5.incidentsInside).toBe(5);
    expect(c5.incidentShare).toBe(0.05);
    expect(c25.level).toBe(76);
    expect(c25.incidentShare).toBe(0.25);
    expect(c5.summary).toBe(
      'The densest 5.0% of the area (0.05 km²) holds 5.0% of incidents (5 of 100).',
    );
  });

  it('counts only the study area toward area and incidents', () => {
    // Study area: the southern five rows (values 1…50); its densest 10% is the 5 cells 46…50.
    const studyAreaMask = Uint8Array.from({ length: 100 }, (_, i) => (i < 50 ? 1 : 0));
    const [c10] = densityContours(ramp, oneEach, { percents: [10], studyAreaMask });
    expect(c10.level).toBe(46);
    expect(c10.cells).toBe(5);
    expect(c10.areaShare).toBe(0.1);
    expect(c10.incidentsInside).toBe(5);
    expect(c10.incidentShare).toBe(0.1); // 5 of the 50 incidents in the study area
    // The outline stays in the study area.
    expect(inside(c10.geometry, 950, 450)).toBe(true);
    expect(inside(c10.geometry, 950, 950)).toBe(false);
  });

  it('traces outlines in metres, exteriors counter-clockwise and holes clockwise', () => {
    // 7 × 7 cells of 10 m, origin (1000, 2000): a ring of hot cells around a cold centre.
    const values = new Float64Array(49);
    for (let r = 2; r <= 4; r++) for (let c = 2; c <= 4; c++) values[r * 7 + c] = 10;
    values[3 * 7 + 3] = 0;
    const raster: DensityRaster = {
      minXMetres: 1000,
      minYMetres: 2000,
      cellSizeMetres: 10,
      cols: 7,
      rows: 7,
      values,
    };
    const [c] = densityContours(raster, new Float64Array(0), { percents: [20] });
    expect(c.level).toBe(10);
    expect(c.cells).toBe(8);
    const [polygon] = c.geometry.coordinates;
    expect(polygon).toHaveLength(2);
    expect(ringArea(polygon[0])).toBeGreaterThan(0);
    expect(ringArea(polygon[1])).toBeLessThan(0);
    // Centres of hot cells are inside, the cold centre and the cold margin are not.
    expect(inside(c.geometry, 1025, 2025)).toBe(true);
    expect(inside(c.geometry, 1045, 2035)).toBe(true);
    expect(inside(c.geometry, 1035, 2035)).toBe(false);
    expect(inside(c.geometry, 1005, 2005)).toBe(false);
    expect(c.incidentShare).toBe(0);
  });

  it('does not let a contour swallow cells where nothing happened', () => {
    const values = new Float64Array(100);
    values[0] = 5;
    values[1] = 5;
    const [c] = densityContours({ ...ramp, values }, oneEach, { percents: [25] });
    expect(c.level).toBe(5);
    expect(c.cells).toBe(2);
    expect(c.summary).toMatch(/Only 2\.0% of the area has any density/);
  });

  it('puts the planted hot spots of a realistic pattern inside the densest 5%', () => {
    const rng = createRandom(42);
    const planted = [
      [1200, 3400],
      [3900, 900],
      [2600, 2600],
    ];
    const xy: number[] = [];
    for (let i = 0; i < 3000; i++) xy.push(5000 * rng.next(), 5000 * rng.next());
    for (const [x, y] of planted)
      for (let i = 0; i < 300; i++) xy.push(x + 70 * rng.normal(), y + 70 * rng.normal());
    const points = Float64Array.from(xy);
    const surface = kernelDensity(points, { bandwidthMetres: 300 });
    const [c5, c25] = densityContours(surface, points, { percents: [5, 25] });
    for (const [x, y] of planted) expect(inside(c5.geometry, x, y)).toBe(true);
    expect(inside(c5.geometry, 4800, 4800)).toBe(false);
    // 900 of 3,900 incidents were planted in small discs: the densest 5% holds far more than 5%.
    expect(c5.incidentShare).toBeGreaterThan(0.2);
    expect(c25.incidentShare).toBeGreaterThan(c5.incidentShare);
    expect(c5.areaShare).toBeGreaterThanOrEqual(0.05);
    expect(c5.areaShare).toBeLessThan(0.051);
  });
});
