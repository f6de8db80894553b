/**
 * The point pattern job: Clark–Evans on the corners of a square (pencil and paper), the study area
 * it states, the warning for shared coordinates, ellipses per category with the √2 convention,
 * and the sample city (clustered).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import {
  ALL_INCIDENTS,
  pointPatternJob,
  type PointPatternResult,
} from '../../../src/data/jobs/pointPatternJob';
import { handInput, squareFeature } from './assessFixtures';

const run = async (...args: Parameters<typeof pointPatternJob>) =>
  (await pointPatternJob(...args)) as PointPatternResult;

describe('point pattern job', () => {
  it('gives R = 4 for the corners of a 10 m square over its bounding rectangle', async () => {
    // D̄o = 10, A = 100 m², D̄e = 0.5/√(4/100) = 2.5, R = 4, SE = 0.26136/√(16/100) = 0.6534,
    // z = 7.5/0.6534 = 11.48.
    const r = await run(
      handInput([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
        { x: 0, y: 10 },
      ]),
      { minimumCount: 1 },
      noProgress,
    );
    expect(r.nni.observedMeanDistanceMetres).toBeCloseTo(10, 6);
    expect(r.nni.expectedMeanDistanceMetres).toBeCloseTo(2.5, 6);
    expect(r.nni.ratio).toBeCloseTo(4, 6);
    expect(r.nni.zScore).toBeCloseTo(11.48, 2);
    expect(r.nni.studyArea.description).toMatch(/bounding rectangle/);
    expect(r.nniExplanation[0]).toContain('0.0 km² study area');
    expect(r.nniExplanation[1]).toMatch(/dispersed/);
    expect(r.log.join('\n')).toMatch(/A = 0\.000 km²/);
  });

  it('uses the user’s polygons as the study area when asked, and says so', async () => {
    // 4 corners of a 10 m square inside a 100 m square: A = 10,000 m², D̄e = 0.5·√2500 = 25, R = 0.4.
    const r = await run(
      handInput([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
        { x: 0, y: 10 },
      ]),
      {
        nniArea: 'polygons',
        areas: {
          geojson: { type: 'FeatureCollection', features: [squareFeature(-45, -45, 100, {})] },
          name: 'Town',
        },
        minimumCount: 1,
      },
      noProgress,
    );
    expect(r.nni.studyArea.areaSquareMetres).toBeCloseTo(10_000, -1);
    expect(r.nni.ratio).toBeCloseTo(0.4, 3);
    expect(r.nni.studyArea.description).toBe('Town, 1 polygon');
    expect(r.summary[0]).toMatch(/clustered|not distinguishable/);
  });

  it('warns when many incidents share exact coordinates (snapped data)', async () => {
    const snapped = Array.from({ length: 40 }, (_, i) => ({
      x: 100 * (i % 4),
      y: 100 * Math.floor(i / 10),
    }));
    const r = await run(handInput(snapped), {}, noProgress);
    expect(r.nni.incidentsSharingCoordinates).toBe(40);
    expect(r.nni.warning).toMatch(/share exact coordinates/);
    expect(r.summary.join(' ')).toMatch(/snapped to streets or block centroids/);
    expect(r.nniExplanation.join(' ')).toMatch(/more clustered than it is/);
  });

  it('draws each category’s ellipse with √2-scaled axes', async () => {
    // (±10, 0) and (0, ±5): variances 50 and 12.5 m², semi-axes √2·√50 = 10 m and √2·√12.5 = 5 m,
    // long axis east–west: 90° from north.
    const cross = [
      { x: 10, y: 0 },
      { x: -10, y: 0 },
      { x: 0, y: 5 },
      { x: 0, y: -5 },
    ].map((p) => ({ ...p, category: 'BURGLARY' }));
    const other = [
      { x: 500, y: 500, category: 'THEFT' },
      { x: 510, y: 500, category: 'THEFT' },
    ];
    const r = await run(handInput([...cross, ...other]), { minimumCount: 3 }, noProgress);
    expect(r.ellipses.map((e) => e.name)).toEqual([ALL_INCIDENTS, 'BURGLARY']);
    const b = r.ellipses[1];
    expect(b.majorSemiAxisMetres).toBeCloseTo(10, 4);
    expect(b.minorSemiAxisMetres).toBeCloseTo(5, 4);
    expect(b.rotationDegrees).toBeCloseTo(90, 4);
    expect(b.count).toBe(4);
    expect(r.ellipseFeatures.features).toHaveLength(2);
    expect(r.ellipseFeatures.features[0].properties?.all).toBe(true);
    // The mean centre of BURGLARY is the projection's centre.
    expect(b.meanCentreLon).toBeCloseTo(-88.9, 8);
    expect(b.meanCentreLat).toBeCloseTo(40.1, 8);
    expect(r.log.join('\n')).toMatch(/√2 \(ArcGIS Pro convention\)/);
    expect(r.summary.join(' ')).toMatch(/hold about 63%.*without the √2, 39%/);
  });

  it('finds the sample city clustered', async () => {
    const input = cliJobInput(
      await importFiles([resolve(__dirname, '../../../data/sample/incidents.csv')]),
      'sample',
    );
    const r = await run(input, { nniArea: 'hull' }, noProgress);
    expect(r.nni.ratio).toBeLessThan(0.7);
    expect(r.nni.pValue).toBeLessThan(0.001);
    expect(r.nni.studyArea.description).toMatch(/convex hull/);
    // One ellipse for all, one for each of the 12 largest categories (all have ≥ 20 incidents).
    expect(r.ellipses).toHaveLength(13);
    expect(r.ellipses[1].name).toBe('THEFT');
    for (const e of r.ellipses) expect(e.shareInside).toBeGreaterThan(0.3);
  });
});
