import { describe, expect, it } from 'vitest';
import { globalMoran } from '../../../src/analysis/globalMoran';
import { buildGrid } from '../../../src/analysis/grid';
import { incrementalSpatialAutocorrelation } from '../../../src/analysis/incrementalSpatialAutocorrelation';
import { createRandom } from '../../../src/analysis/random';
import { distanceBandWeights } from '../../../src/analysis/spatialWeights';
import { studyAreaFromPolygons } from '../../../src/analysis/studyArea';

/** Uniform background over 6 × 6 km plus Gaussian clusters of the given spread (metres). */
function city(seed: number, spread: number) {
  const rng = createRandom(seed);
  const pts: number[] = [];
  for (let i = 0; i < 4000; i++) pts.push(rng.next() * 6000, rng.next() * 6000);
  for (const [cx, cy] of [
    [1500, 1500],
    [4500, 2000],
    [3000, 4500],
  ])
    for (let i = 0; i < 800; i++) pts.push(cx + rng.normal() * spread, cy + rng.normal() * spread);
  return new Float64Array(pts);
}
const area = studyAreaFromPolygons([[new Float64Array([0, 0, 6000, 0, 6000, 6000, 0, 6000])]]);

describe('incrementalSpatialAutocorrelation', () => {
  it('tests 10 distances from the first at which every cell has a neighbour, one NN step apart', () => {
    const grid = buildGrid(city(1, 300), { shape: 'square', cellSizeMetres: 200, studyArea: area });
    const isa = incrementalSpatialAutocorrelation(grid.counts, grid);
    // Cell centres 200 m apart: the largest and the mean nearest-neighbour distance are both 200 m.
    expect(isa.startMetres).toBeCloseTo(200, 9);
    expect(isa.incrementMetres).toBeCloseTo(200, 9);
    expect(isa.steps.map((s) => Math.round(s.distanceMetres))).toEqual([
      200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000,
    ]);
    // At 200 m each inner cell has its 4 rook neighbours.
    expect(isa.steps[0].meanNeighbours).toBeCloseTo((4 * 30 * 30 - 4 * 30) / 900, 9);
  });

  it('finds a first peak near the clusters’ scale, larger for wider clusters', () => {
    const peaks = [150, 450].map((spread) => {
      const grid = buildGrid(city(2, spread), {
        shape: 'square',
        cellSizeMetres: 150,
        studyArea: area,
      });
      const isa = incrementalSpatialAutocorrelation(grid.counts, grid, { bands: 14 });
      expect(isa.firstPeak).not.toBeNull();
      expect(isa.firstPeak!.z).toBeGreaterThan(1.96);
      return isa.firstPeak!.distanceMetres;
    });
    expect(peaks[0]).toBeLessThan(peaks[1]);
    expect(peaks[1]).toBeGreaterThan(600);
  });

  it('gives on grid cells the same z-scores as Global Moran on their centres', () => {
    const grid = buildGrid(city(3, 300), { shape: 'hex', cellSizeMetres: 400, studyArea: area });
    const onGrid = incrementalSpatialAutocorrelation(grid.counts, grid, { bands: 4 });
    const onPoints = incrementalSpatialAutocorrelation(grid.counts, grid.centres, { bands: 4 });
    onGrid.steps.forEach((s, b) => {
      expect(s.z).toBeCloseTo(onPoints.steps[b].z, 9);
      const direct = globalMoran(grid.counts, distanceBandWeights(grid.centres, s.distanceMetres), {
        permutations: 0,
      });
      expect(s.I).toBeCloseTo(direct.I, 12);
      expect(s.z).toBeCloseTo(direct.zRandomisation, 9);
    });
  });

  it('reports no significant peak for spatially random counts', () => {
    const rng = createRandom(4);
    const grid = buildGrid(new Float64Array(0), {
      shape: 'square',
      cellSizeMetres: 200,
      studyArea: area,
    });
    const counts = Array.from({ length: grid.cellCount }, () => Math.floor(rng.next() * 4));
    const isa = incrementalSpatialAutocorrelation(counts, grid);
    for (const s of isa.steps) expect(Math.abs(s.z)).toBeLessThan(3.5);
    expect(isa.firstPeak).toBeNull();
  });
});
