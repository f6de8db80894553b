import { describe, expect, it } from 'vitest';
import {
  parsePlanFile,
  planFileName,
  planToGeoJson,
  serialisePlan,
  strategyName,
} from '../../../src/plan/planFile';
import { createEmptyPlan, type Plan, type Strategy } from '../../../src/plan/planSchema';
import { createRandom } from '../../../src/analysis/random';

const NOW = '2025-03-01T09:30:00Z';

function strategy(overrides: Partial<Strategy> = {}): Strategy {
  return {
    id: 's1',
    catalogueId: 'foot-patrol',
    zoneIds: ['z1'],
    scope: 'zones',
    problem: { categories: ['BATTERY'], finding: 'Gi* hot spot, violent crime, 99%' },
    goal: 'Violent crime −20% over 6 months against the same months last year',
    metric: {
      kind: 'incident-count',
      description: 'Violent incidents in the zone',
      target: { changePercent: -20, comparedWith: 'same-period-last-year' },
    },
    startDate: '2025-04-01',
    endDate: '2025-09-30',
    owner: 'Sector 3',
    resources: { officers: 4, hoursPerWeek: 64 },
    schedule: { days: [3, 4, 5], startHour: 20, endHour: 2 },
    status: 'approved',
    notes: '',
    ...overrides,
  };
}

/** z1: a square drawn clockwise (against RFC 7946); z2: a multipolygon with a hole. */
function samplePlan(): Plan {
  return {
    ...createEmptyPlan({ id: 'p1', name: 'Ward 3 — été 2025', datasetId: 'chicago', now: NOW }),
    zones: [
      {
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [-87.65, 41.85],
              [-87.65, 41.86],
              [-87.64, 41.86],
              [-87.64, 41.85],
              [-87.65, 41.85],
            ],
          ],
        },
        properties: {
          id: 'z1',
          name: '18th & Halsted',
          colour: '#d95f02',
          description: 'Violent hot spot',
          source: 'hotspot-cells',
          createdFrom: 'Gi* hot spot, violent crime, 99%',
        },
      },
      {
        type: 'Feature',
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [-87.7, 41.8],
                [-87.68, 41.8],
                [-87.68, 41.82],
                [-87.7, 41.82],
                [-87.7, 41.8],
              ],
              [
                [-87.695, 41.805],
                [-87.685, 41.805],
                [-87.685, 41.815],
                [-87.695, 41.815],
                [-87.695, 41.805],
              ],
            ],
          ],
        },
        properties: {
          id: 'z2',
          name: 'Park edge',
          colour: '#1b9e77',
          description: '',
          source: 'drawn',
        },
      },
    ],
    strategies: [
      strategy(),
      strategy({
        id: 's2',
        catalogueId: 'hot-spots-policing',
        zoneIds: ['z1', 'z2'],
        startDate: '2025-03-15',
        endDate: '2025-12-31',
        owner: 'Sector 3',
        resources: { officers: 2, hoursPerWeek: 10 },
        goal: 'Calls for service −10%',
      }),
      strategy({
        id: 's3',
        catalogueId: 'de-escalation-training',
        zoneIds: [],
        scope: 'agency',
        metric: {
          kind: 'use-of-force',
          description: 'Use-of-force reports',
          target: { changePercent: -15, comparedWith: 'previous-period' },
        },
      }),
      strategy({
        id: 's4',
        catalogueId: 'my-own-idea',
        name: 'Youth football nights',
        zoneIds: ['z2'],
      }),
    ],
  };
}

/** Twice the signed area of a ring in lon/lat: positive when counter-clockwise. */
function signedArea2(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++)
    s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

describe('plan file', () => {
  it('round-trips a plan through its .copplan.json text', () => {
    const plan = samplePlan();
    const text = serialisePlan(plan);
    expect(text.endsWith('\n')).toBe(true);
    expect(parsePlanFile(text)).toEqual({ plan });
  });

  it('names the file after the plan', () => {
    expect(planFileName(samplePlan())).toBe('ward-3-ete-2025.copplan.json');
    expect(planFileName({ ...samplePlan(), name: '***' })).toBe('plan.copplan.json');
  });

  it('reads a file that starts with a byte-order mark', () => {
    const plan = samplePlan();
    expect(parsePlanFile(`\uFEFF${serialisePlan(plan)}`)).toEqual({ plan });
  });

  it('gives a clear message for a corrupt (cut-short) file', () => {
    const text = serialisePlan(samplePlan());
    const r = parsePlanFile(text.slice(0, Math.floor(text.length / 2)));
    expect('error' in r && r.error).toMatch(
      /^This file is not a readable plan: it is not valid JSON \(.+\)\. It may be damaged or cut short; try the original export again\.$/,
    );
  });

  it('gives a clear message for an empty, a foreign and a too-new file', () => {
    expect(parsePlanFile('  \n')).toEqual({
      error: 'This file is empty, so there is no plan in it.',
    });
    expect(parsePlanFile('{"type":"FeatureCollection","features":[]}')).toEqual({
      error:
        'This is not a COP Planner plan: it looks like a GeoJSON file (a plan is a .copplan.json file saved by COP Planner).',
    });
    const r = parsePlanFile(JSON.stringify({ ...samplePlan(), version: 3 }));
    expect('error' in r && r.error).toMatch(
      /^This plan was made by a newer COP Planner \(version 3\); this app reads up to version 1\./,
    );
  });

  it('never throws, whatever the text', () => {
    const text = serialisePlan(samplePlan());
    const rng = createRandom(4);
    for (let k = 0; k < 200; k++) {
      // Cut the file anywhere, or flip one character.
      const cut = text.slice(0, rng.int(text.length));
      const i = rng.int(text.length);
      const flipped = text.slice(0, i) + String.fromCharCode(32 + rng.int(90)) + text.slice(i + 1);
      for (const t of [cut, flipped]) {
        const r = parsePlanFile(t);
        expect('plan' in r || typeof r.error === 'string').toBe(true);
      }
    }
  });
});

describe('planToGeoJson', () => {
  it('writes an RFC 7946 FeatureCollection: lon/lat, right-hand rule, no crs', () => {
    const plan = samplePlan();
    const before = JSON.stringify(plan);
    const fc = planToGeoJson(plan);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc).not.toHaveProperty('crs');
    expect(fc.features).toHaveLength(2);
    const square = fc.features[0].geometry;
    if (square.type !== 'Polygon') throw new Error('expected a Polygon');
    // The clockwise square comes out counter-clockwise, with the same corners.
    expect(signedArea2(square.coordinates[0])).toBeGreaterThan(0);
    expect(new Set(square.coordinates[0].map((p) => p.join(',')))).toEqual(
      new Set(plan.zones[0].geometry.coordinates[0].map((p) => (p as number[]).join(','))),
    );
    for (const [lon, lat] of square.coordinates[0]) {
      expect(lon).toBeLessThan(-87);
      expect(lat).toBeGreaterThan(41);
    }
    const multi = fc.features[1].geometry;
    if (multi.type !== 'MultiPolygon') throw new Error('expected a MultiPolygon');
    expect(signedArea2(multi.coordinates[0][0])).toBeGreaterThan(0);
    expect(signedArea2(multi.coordinates[0][1])).toBeLessThan(0);
    // The plan itself is left as it was (the clockwise ring stays clockwise there).
    expect(JSON.stringify(plan)).toBe(before);
  });

  it('flattens each zone’s strategies into scalar properties with short names', () => {
    const fc = planToGeoJson(samplePlan());
    for (const f of fc.features) {
      for (const [key, value] of Object.entries(f.properties)) {
        expect(key.length, key).toBeLessThanOrEqual(10);
        expect(['string', 'number'].includes(typeof value) || value === null, key).toBe(true);
      }
    }
    expect(fc.features[0].id).toBe('z1');
    expect(fc.features[0].properties).toEqual({
      zone_id: 'z1',
      name: '18th & Halsted',
      colour: '#d95f02',
      descr: 'Violent hot spot',
      source: 'hotspot-cells',
      made_from: 'Gi* hot spot, violent crime, 99%',
      n_strat: 2,
      strategies: 'Foot patrol; Hot spots policing',
      strat_ids: 's1; s2',
      statuses: 'approved; approved',
      start_date: '2025-03-15',
      end_date: '2025-12-31',
      goals:
        'Violent crime −20% over 6 months against the same months last year; Calls for service −10%',
      problems: 'Gi* hot spot, violent crime, 99%',
      metrics: 'Violent incidents in the zone; Violent incidents in the zone',
      owners: 'Sector 3',
      officers: 6,
      hrs_week: 74,
      plan_name: 'Ward 3 — été 2025',
      plan_id: 'p1',
      plan_rev: 0,
    });
    // The agency-wide strategy has no zone; a planner's own strategy keeps its name.
    expect(fc.features[1].properties.strategies).toBe('Hot spots policing; Youth football nights');
    expect(fc.features[1].properties.made_from).toBe('');
  });

  it('gives a zone with no strategies empty text, zero counts and no dates', () => {
    const plan = { ...samplePlan(), strategies: [] };
    const p = planToGeoJson(plan).features[0].properties;
    expect(p).toMatchObject({
      n_strat: 0,
      strategies: '',
      start_date: null,
      end_date: null,
      officers: 0,
    });
  });

  it('names strategies from the catalogue, the planner, or the id', () => {
    expect(strategyName(strategy())).toBe('Foot patrol');
    expect(strategyName(strategy({ name: 'Night walk' }))).toBe('Night walk');
    expect(strategyName(strategy({ catalogueId: 'unknown-thing' }))).toBe('unknown-thing');
  });
});
