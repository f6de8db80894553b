/**
 * The hot spot job end to end on the shipped sample city: every planted persistent hotspot
 * (data/sample/truth.json) comes out hot at 95% confidence or more, by one-click optimized Gi*
 * and by LISA; and a hand case for the polygon path.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalProjection } from '../../../src/analysis/localProjection';
import { hotspotsJob, type HotspotResult } from '../../../src/data/jobs/hotspotsJob';
import type { JobInput } from '../../../src/data/jobInput';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';

const SAMPLE = resolve(__dirname, '../../../data/sample');

interface Hotspot {
  id: string;
  kind: string;
  centre: [number, number];
}

/** Index of the cell whose centre is nearest to a lon/lat. */
function nearestCell(result: HotspotResult, lon: number, lat: number): number {
  let best = -1;
  let bestD = Infinity;
  const c = result.geometry.centres;
  for (let i = 0; i < c.length / 2; i++) {
    const d = (c[2 * i] - lon) ** 2 + ((c[2 * i + 1] - lat) * 1.3) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

describe('hot spot job on the sample city', () => {
  let input: JobInput;
  let planted: Hotspot[];

  beforeAll(async () => {
    const imported = await importFiles([resolve(SAMPLE, 'incidents.csv')]);
    input = cliJobInput(imported, 'sample');
    planted = (
      JSON.parse(readFileSync(resolve(SAMPLE, 'truth.json'), 'utf8')) as { hotspots: Hotspot[] }
    ).hotspots;
  });

  it('finds every planted persistent hotspot at 95% or more with one click (optimized Gi*)', () => {
    const result = hotspotsJob(input, { method: 'gistar' }, noProgress) as HotspotResult;
    const persistent = planted.filter((h) => h.kind === 'persistent');
    expect(persistent.length).toBeGreaterThanOrEqual(3);
    for (const h of persistent) {
      const cell = nearestCell(result, h.centre[0], h.centre[1]);
      expect(result.bin[cell], h.id).toBeGreaterThanOrEqual(2);
    }
    // The methods log names the projection, the app and every choice.
    expect(result.log.join('\n')).toMatch(/transverse Mercator/);
    expect(result.log.join('\n')).toMatch(/Distance band \d+ m/);
    expect(result.summary[0]).toMatch(
      /cells are hot spots with 95% confidence or more, after correcting for multiple tests/,
    );
    // Every analysed incident is in at most one cell, and the counts add up.
    const counted = result.counts.reduce((a, b) => a + b, 0);
    expect(counted).toBe(Array.from(result.cellOfIncident).filter((c) => c >= 0).length);
  });

  it('finds them as High-High LISA clusters too', () => {
    const result = hotspotsJob(
      input,
      { method: 'lisa', cellSizeMetres: 200, permutations: 199, seed: 7 },
      noProgress,
    ) as HotspotResult;
    for (const h of planted.filter((p) => p.kind === 'persistent')) {
      const cell = nearestCell(result, h.centre[0], h.centre[1]);
      expect(result.bin[cell], h.id).toBe(1); // 1 = HH
    }
    expect(result.pSim).not.toBeNull();
  });
});

describe('hot spot job on polygons (hand case)', () => {
  // Three 1 km squares side by side around (0°, 0°); 10, 1 and 1 incidents.
  const projection = createLocalProjection(0, 0);
  const square = (x0: number): [number, number][] =>
    [
      [x0, 0],
      [x0 + 1000, 0],
      [x0 + 1000, 1000],
      [x0, 1000],
      [x0, 0],
    ].map(([x, y]) => projection.inverse(x, y));
  const geojson = {
    type: 'FeatureCollection' as const,
    features: [0, 1000, 2000].map((x0, i) => ({
      type: 'Feature' as const,
      properties: { name: `area ${i + 1}` },
      geometry: { type: 'Polygon' as const, coordinates: [square(x0)] },
    })),
  };
  const pts: [number, number][] = [];
  for (let k = 0; k < 10; k++) pts.push([100 + 50 * k, 500]);
  pts.push([1500, 500], [2500, 500]);
  const xy = Float64Array.from(pts.flat());
  const input = {
    count: pts.length,
    xy,
    indices: Uint32Array.from(pts.keys()),
    projectionCentre: [0, 0],
    logHeader: ['test'],
  } as unknown as JobInput;

  it('counts incidents per polygon and uses rook contiguity', () => {
    const result = hotspotsJob(
      input,
      { method: 'count', areas: { geojson, idField: 'name', weights: { kind: 'rook' } } },
      noProgress,
    ) as HotspotResult;
    expect(Array.from(result.counts)).toEqual([10, 1, 1]);
    expect(result.geometry.kind === 'areas' && result.geometry.labels).toEqual([
      'area 1',
      'area 2',
      'area 3',
    ]);
    expect(result.summary[0]).toBe('3 areas; 3 hold at least one of the 12 incidents.');
  });

  it('computes Gi* on the polygons: the dense end is the highest z', () => {
    const result = hotspotsJob(
      input,
      { method: 'gistar', areas: { geojson, weights: { kind: 'rook' } } },
      noProgress,
    ) as HotspotResult;
    // Gi* with rook neighbours and self: area 1 sums {10, 1}, area 2 {10, 1, 1}, area 3 {1, 1}.
    // x̄ = 4, s = √18; z₁ = (11 − 8)/(s·√((3·2 − 4)/2)) = 3/√18 = 0.7071, z₃ = (2 − 8)/√18.
    // Area 2 neighbours every area: its z is undefined (0/0), as in spdep and ArcGIS.
    expect(result.z[0]).toBeCloseTo(3 / Math.sqrt(18), 10);
    expect(result.z[2]).toBeCloseTo(-6 / Math.sqrt(18), 10);
    expect(result.z[1]).toBeNaN();
  });
});
