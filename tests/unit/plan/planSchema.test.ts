import { describe, expect, it } from 'vitest';
import {
  PLAN_VERSION,
  createEmptyPlan,
  formatIssuePath,
  nextRevision,
  validatePlan,
  type Plan,
  type Strategy,
} from '../../../src/plan/planSchema';
import { migratePlan } from '../../../src/plan/planMigrations';

const NOW = '2025-03-01T09:30:00Z';

function strategy(overrides: Partial<Strategy> = {}): Strategy {
  return {
    id: 's1',
    catalogueId: 'foot-patrol',
    zoneIds: ['z1'],
    scope: 'zones',
    problem: { categories: ['BATTERY', 'ROBBERY'], finding: 'Gi* hot spot, violent crime, 99%' },
    goal: 'Violent crime in the zone −20% over 6 months against the same months last year',
    metric: {
      kind: 'incident-count',
      description: 'Violent incidents in the zone',
      target: { changePercent: -20, comparedWith: 'same-period-last-year' },
      baseline: {
        value: 84,
        computedAt: '2025-03-01',
        period: { startDate: '2024-04-01', endDate: '2024-09-30' },
        note: 'Computed from the imported data, all violent categories',
      },
    },
    startDate: '2025-04-01',
    endDate: '2025-09-30',
    owner: 'Sector 3 day team',
    resources: { officers: 4, hoursPerWeek: 64 },
    schedule: { days: [3, 4, 5], startHour: 20, endHour: 2 },
    status: 'proposed',
    notes: '',
    ...overrides,
  };
}

function samplePlan(): Plan {
  return {
    ...createEmptyPlan({ id: 'p1', name: 'Ward 3 summer', datasetId: 'chicago-2024', now: NOW }),
    zones: [
      {
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [-87.65, 41.85],
              [-87.64, 41.85],
              [-87.64, 41.86],
              [-87.65, 41.86],
              [-87.65, 41.85],
            ],
          ],
        },
        properties: {
          id: 'z1',
          name: 'Corner of 18th and Halsted',
          colour: '#d95f02',
          description: 'Violent hot spot',
          source: 'hotspot-cells',
          createdFrom: 'Gi* hot spot, violent crime, 99%',
        },
      },
    ],
    strategies: [
      strategy(),
      strategy({
        id: 's2',
        catalogueId: 'de-escalation-training',
        zoneIds: [],
        scope: 'agency',
        metric: {
          kind: 'use-of-force',
          description: 'Use-of-force reports',
          target: { changePercent: -15, comparedWith: 'previous-period' },
        },
      }),
    ],
    stakeholders: [{ id: 'k1', name: 'Pilsen residents’ association', role: 'advisory' }],
    meetings: [{ id: 'm1', title: 'Beat meeting', date: '2025-03-12', zoneIds: ['z1'] }],
    actions: [
      { id: 'a1', title: 'Roster foot patrol pairs', strategyId: 's1', dueDate: '2025-03-25' },
    ],
  };
}

function expectIssues(raw: unknown): string[] {
  const r = validatePlan(raw);
  if (!('issues' in r)) throw new Error('expected the plan to be rejected');
  return r.issues;
}

describe('plan schema', () => {
  it('accepts a complete plan and returns it unchanged', () => {
    const plan = samplePlan();
    const r = validatePlan(JSON.parse(JSON.stringify(plan)));
    expect(r).toEqual({ plan });
  });

  it('accepts an empty plan', () => {
    const plan = createEmptyPlan({ id: 'p2', name: 'New plan', datasetId: 'd', now: NOW });
    expect(validatePlan(plan)).toEqual({ plan });
    expect(plan.version).toBe(PLAN_VERSION);
  });

  it('names the path and the fix: strategies[1].endDate expects a date like 2025-06-30', () => {
    const plan = samplePlan();
    const bad = {
      ...plan,
      strategies: [plan.strategies[0], { ...plan.strategies[1], endDate: '30/06/2025' }],
    };
    expect(expectIssues(bad)).toEqual(['strategies[1].endDate: expected a date like 2025-06-30']);
  });

  it('describes missing fields, wrong types and wrong choices in plain words', () => {
    const plan = samplePlan();
    const s = { ...plan.strategies[0] } as Record<string, unknown>;
    delete s.owner;
    delete s.scope;
    s.status = 'maybe';
    s.resources = { officers: 'four', hoursPerWeek: 64 };
    const issues = expectIssues({ ...plan, strategies: [s] });
    expect(issues).toContain('strategies[0].owner: missing (expected text)');
    expect(issues).toContain(
      'strategies[0].scope: missing (expected "zones" or "agency" or "district")',
    );
    expect(issues).toContain(
      'strategies[0].status: expected "proposed" or "approved" or "active" or "completed" or "dropped", found "maybe"',
    );
    expect(issues).toContain('strategies[0].resources.officers: expected a number, found "four"');
  });

  it('checks the links and rules between parts of the plan', () => {
    const plan = samplePlan();
    const issues = expectIssues({
      ...plan,
      strategies: [
        strategy({ zoneIds: ['z9'] }),
        strategy({ id: 's2', zoneIds: [] }),
        strategy({ id: 's2', scope: 'district', zoneIds: [] }),
        strategy({ id: 's4', startDate: '2025-09-01', endDate: '2025-01-01' }),
        strategy({ id: 's5', schedule: { days: [4, 4], startHour: 20, endHour: 2 } }),
      ],
    });
    expect(issues).toEqual([
      'strategies[1].id: the id "s2" is used more than once',
      'strategies[2].id: the id "s2" is used more than once',
      'strategies[0].zoneIds[0]: no zone with id "z9" in this plan',
      'strategies[1].zoneIds: a strategy for zones needs at least one zone',
      'strategies[2].district: a strategy for a district needs the district named',
      'strategies[3].endDate: ends (2025-01-01) before it starts (2025-09-01)',
      'strategies[4].schedule.days: a day is listed more than once',
    ]);
  });

  it('checks zone geometry: closed rings, longitude/latitude ranges, polygon types, colours', () => {
    const plan = samplePlan();
    const zone = plan.zones[0];
    const open = {
      ...zone,
      geometry: { type: 'Polygon', coordinates: [zone.geometry.coordinates[0].slice(0, 4)] },
    };
    expect(expectIssues({ ...plan, zones: [open] })).toContain(
      'zones[0].geometry.coordinates[0]: a ring must end where it starts',
    );
    const offTheGlobe = {
      ...zone,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-87.65, 141.85],
            [-87.64, 41.86],
            [-87.65, 41.86],
            [-87.65, 141.85],
          ],
        ],
      },
    };
    expect(expectIssues({ ...plan, zones: [offTheGlobe] })).toContain(
      'zones[0].geometry.coordinates[0][0][1]: a latitude lies between -90 and 90',
    );
    const point = { ...zone, geometry: { type: 'Point', coordinates: [-87.65, 41.85] } };
    expect(expectIssues({ ...plan, zones: [point] })).toEqual([
      'zones[0].geometry.type: expected a Polygon or MultiPolygon geometry',
    ]);
    const colour = { ...zone, properties: { ...zone.properties, colour: 'orange' } };
    expect(expectIssues({ ...plan, zones: [colour] })).toEqual([
      'zones[0].properties.colour: expected a colour like #1f77b4',
    ]);
  });

  it('keeps unknown fields on stakeholders, meetings and actions for later phases', () => {
    const plan = samplePlan();
    const raw = { ...plan, meetings: [{ ...plan.meetings[0], attendance: 23 }] };
    const r = validatePlan(raw);
    expect('plan' in r && r.plan.meetings[0]).toMatchObject({ attendance: 23 });
  });

  it('lists at most 10 problems and says how many more', () => {
    const plan = samplePlan();
    const many = Array.from({ length: 14 }, (_, i) => strategy({ id: `s${i}`, endDate: 'soon' }));
    const r = validatePlan({ ...plan, strategies: many });
    expect('error' in r && r.error).toMatch(/^This plan has 14 problems, so it was not loaded:\n/);
    expect('error' in r && r.error).toMatch(/… and 4 more\.$/);
  });

  it('formats paths as a person reads them', () => {
    expect(formatIssuePath(['strategies', 2, 'endDate'])).toBe('strategies[2].endDate');
    expect(formatIssuePath([])).toBe('the plan');
  });

  it('moves the revision on by one for each save', () => {
    const plan = samplePlan();
    const next = nextRevision(plan, '2025-03-02T10:00:00Z');
    expect(next.revision).toBe(1);
    expect(next.updatedAt).toBe('2025-03-02T10:00:00Z');
    expect(plan.revision).toBe(0);
  });
});

describe('migratePlan', () => {
  /** The draft (version 0) shape: `color`, no `source`, one `zoneId`, no scope, no revision. */
  function draftPlan(): Record<string, unknown> {
    const plan = samplePlan();
    return {
      format: 'cop-planner-plan',
      version: 0,
      id: plan.id,
      name: plan.name,
      datasetId: plan.datasetId,
      createdAt: plan.createdAt,
      updatedAt: plan.updatedAt,
      zones: plan.zones.map((z) => {
        const { colour, source: _source, createdFrom: _from, ...rest } = z.properties;
        return { ...z, properties: { ...rest, color: colour } };
      }),
      strategies: [
        (() => {
          const { zoneIds: _z, scope: _s, ...rest } = strategy();
          return { ...rest, zoneId: 'z1' };
        })(),
        (() => {
          const {
            zoneIds: _z,
            scope: _s,
            ...rest
          } = strategy({
            id: 's2',
            catalogueId: 'procedural-justice',
          });
          return { ...rest, zoneId: null };
        })(),
      ],
    };
  }

  it('reads a current plan as it is', () => {
    const plan = samplePlan();
    expect(migratePlan(JSON.parse(JSON.stringify(plan)))).toEqual({ plan });
  });

  it('brings a version-0 draft up to version 1', () => {
    const draft = draftPlan();
    const before = JSON.stringify(draft);
    const r = migratePlan(draft);
    if (!('plan' in r)) throw new Error(r.error);
    expect(r.migratedFrom).toBe(0);
    expect(r.plan.version).toBe(1);
    expect(r.plan.revision).toBe(0);
    expect(r.plan.zones[0].properties).toMatchObject({ colour: '#d95f02', source: 'drawn' });
    expect(r.plan.zones[0].properties).not.toHaveProperty('color');
    expect(r.plan.strategies[0]).toMatchObject({ zoneIds: ['z1'], scope: 'zones' });
    expect(r.plan.strategies[0]).not.toHaveProperty('zoneId');
    expect(r.plan.strategies[1]).toMatchObject({ zoneIds: [], scope: 'agency' });
    expect(r.plan.stakeholders).toEqual([]);
    expect(r.plan.meetings).toEqual([]);
    expect(r.plan.actions).toEqual([]);
    // The input is not changed.
    expect(JSON.stringify(draft)).toBe(before);
  });

  it('reports a draft that stays invalid after migration, saying it was updated', () => {
    const draft = draftPlan();
    (draft.strategies as Record<string, unknown>[])[0].endDate = '2025-02-30';
    const r = migratePlan(draft);
    expect('error' in r && r.error).toMatch(/after updating it from version 0/);
    expect('issues' in r && r.issues).toEqual([
      'strategies[0].endDate: expected a date like 2025-06-30',
    ]);
  });

  it('refuses a newer version with a clear message', () => {
    const r = migratePlan({ ...samplePlan(), version: 3 });
    expect(r).toEqual({
      error:
        'This plan was made by a newer COP Planner (version 3); this app reads up to version 1. Open it in a newer COP Planner, or ask whoever sent it for a copy saved by this version.',
    });
  });

  it('refuses foreign documents, naming what they look like', () => {
    expect(migratePlan({ type: 'FeatureCollection', features: [] })).toEqual({
      error:
        'This is not a COP Planner plan: it looks like a GeoJSON file (a plan is a .copplan.json file saved by COP Planner).',
    });
    expect(migratePlan({ format: 'qgis-project' })).toEqual({
      error:
        'This is not a COP Planner plan: its format is "qgis-project", not "cop-planner-plan".',
    });
    expect(migratePlan({ name: 'x' })).toEqual({
      error: 'This is not a COP Planner plan: it has no "format": "cop-planner-plan" marker.',
    });
    expect(migratePlan([1, 2])).toEqual({
      error: 'This is not a COP Planner plan: the file holds a list, not a plan.',
    });
    expect(migratePlan(null)).toEqual({
      error: 'This is not a COP Planner plan: the file holds null, not a plan.',
    });
  });

  it('refuses a version that is not a whole number', () => {
    const r = migratePlan({ ...samplePlan(), version: '1' });
    expect('error' in r && r.error).toMatch(/version \("1"\) is not a whole number/);
  });
});
