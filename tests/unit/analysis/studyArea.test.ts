import { describe, expect, it } from 'vitest';
import {
  isInStudyArea,
  pointsInStudyArea,
  studyAreaFromPoints,
  studyAreaFromPolygons,
} from '../../../src/analysis/studyArea';
import { createRandom } from '../../../src/analysis/random';

describe('studyAreaFromPolygons', () => {
  it('is the union of the polygons', () => {
    const a = new Float64Array([0, 0, 100, 0, 100, 100, 0, 100]);
    const b = new Float64Array([200, 0, 300, 0, 300, 100, 200, 100]);
    const area = studyAreaFromPolygons([[a], [b]]);
    expect(area.areaSquareMetres).toBe(20000);
    expect(isInStudyArea(area, 50, 50)).toBe(true);
    expect(isInStudyArea(area, 250, 50)).toBe(true);
    expect(isInStudyArea(area, 150, 50)).toBe(false);
    expect(Array.from(pointsInStudyArea(area, new Float64Array([50, 50, 150, 50])))).toEqual([
      1, 0,
    ]);
    expect(area.description).toContain('2 boundary polygons');
  });

  it('refuses a layer with no area', () => {
    expect(() => studyAreaFromPolygons([[new Float64Array([0, 0, 1, 1])]])).toThrow(/no polygon/);
  });
});

describe('studyAreaFromPoints', () => {
  it('is the hull of a square of points', () => {
    const area = studyAreaFromPoints(new Float64Array([0, 0, 100, 0, 100, 100, 0, 100, 50, 50]));
    expect(area.areaSquareMetres).toBe(10000);
    expect(area.droppedIncidents).toBe(0);
  });

  it('drops a stray far-away location (three incidents geocoded to one wrong place)', () => {
    const rng = createRandom(1);
    const n = 2000;
    const pts: number[] = [];
    for (let i = 0; i < n; i++) pts.push(rng.next() * 5000, rng.next() * 5000);
    pts.push(400000, 300000, 400000, 300000, 400000, 300000);
    const area = studyAreaFromPoints(new Float64Array(pts));
    expect(area.droppedIncidents).toBe(3);
    expect(area.droppedLocations).toBe(1);
    expect(area.isOutlier![n]).toBe(1);
    expect(area.isOutlier![0]).toBe(0);
    expect(area.maxX).toBeLessThan(5000);
    expect(area.areaSquareMetres).toBeGreaterThan(0.95 * 25e6);
    expect(area.description).toMatch(/3 incidents at 1 location left out/);
  });

  it('explains why points on a line cannot make a study area', () => {
    expect(() => studyAreaFromPoints(new Float64Array([0, 0, 1, 1, 2, 2, 3, 3]))).toThrow(
      /single line/,
    );
    expect(() => studyAreaFromPoints(new Float64Array([0, 0, 0, 0]))).toThrow(/only 1 distinct/);
  });
});
