/**
 * Zone geometry for the plan, the findings a hot-spot zone carries, the comparison periods of
 * metrics, and the figures the Plan panel derives (dosage, beat hours, goal words): hand cases.
 */
import { area, circle, polygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../../../src/data/incidentFilter';
import type { HotspotResult } from '../../../src/data/jobs/hotspotsJob';
import type { ZoneFigures, ZoneResult } from '../../../src/data/jobs/zoneJob';
import { addDays, addYears, comparisonPeriod } from '../../../src/plan/metricPeriods';
import { validatePlan, createEmptyPlan, type Metric } from '../../../src/plan/planSchema';
import { filterWords, hotCells, hotspotFinding } from '../../../src/plan/zoneFindings';
import {
  bufferZoneGeometry,
  circleGeometry,
  circleOf,
  toZoneGeometry,
  unionGeometries,
} from '../../../src/plan/zoneGeometry';
import {
  goalFromMetric,
  scheduleShift,
  strategyDosage,
  zoneSuggestions,
} from '../../../src/app/plan/planDerived';

const square = (x0: number, y0: number, side: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x0 + side, y0],
      [x0 + side, y0 + side],
      [x0, y0 + side],
      [x0, y0],
    ],
  ],
});

describe('toZoneGeometry', () => {
  it('rounds to 7 decimals, drops repeated points, closes rings', () => {
    const g = toZoneGeometry({
      type: 'Polygon',
      coordinates: [
        [
          [-88.123456789, 40.1],
          [-88.123456789, 40.1],
          [-88.1, 40.1],
          [-88.1, 40.12],
        ],
      ],
    });
    expect(g).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [-88.1234568, 40.1],
          [-88.1, 40.1],
          [-88.1, 40.12],
          [-88.1234568, 40.1],
        ],
      ],
    });
  });

  it('drops degenerate parts; nothing left gives null', () => {
    expect(
      toZoneGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toBeNull();
    const multi = toZoneGeometry({
      type: 'MultiPolygon',
      coordinates: [
        square(0, 0, 1).coordinates,
        [
          [
            [5, 5],
            [5, 5],
            [5, 5],
          ],
        ],
      ],
    });
    expect(multi?.type).toBe('Polygon');
  });

  it('gives a geometry the plan schema accepts', () => {
    const plan = createEmptyPlan({
      id: 'p',
      name: 'P',
      datasetId: 'd',
      now: '2025-01-01T00:00:00Z',
    });
    const g = toZoneGeometry(square(-88.9, 40.1, 0.01))!;
    const checked = validatePlan({
      ...plan,
      zones: [
        {
          type: 'Feature',
          geometry: g,
          properties: { id: 'z', name: 'Z', colour: '#0072b2', description: '', source: 'drawn' },
        },
      ],
    });
    expect('plan' in checked).toBe(true);
  });
});

describe('circles', () => {
  it('a 250 m circle is recognised with its radius; a square is not a circle', () => {
    const g = circleGeometry([-88.9, 40.1], 250);
    const c = circleOf(g)!;
    expect(c.radiusMetres).toBeGreaterThan(247);
    expect(c.radiusMetres).toBeLessThan(253);
    expect(c.centre[0]).toBeCloseTo(-88.9, 6);
    expect(circleOf(toZoneGeometry(square(-88.9, 40.1, 0.01))!)).toBeNull();
  });

  it("a terra-draw style circle (turf's circle) is recognised too", () => {
    const g = toZoneGeometry(
      circle([-88.9, 40.1], 0.4, { steps: 64, units: 'kilometers' }).geometry,
    )!;
    expect(circleOf(g)!.radiusMetres).toBeCloseTo(400, -1);
  });
});

describe('buffer and union', () => {
  it('a 100 m square buffered by 10 m has about 120² − (4 − π)·10² m²', () => {
    // 100 m at latitude 0 is 100 / 111,195 degrees.
    const side = 100 / 111_194.9;
    const g = toZoneGeometry(square(0, 0, side))!;
    const b = bufferZoneGeometry(g, 10)!;
    const expected = 120 * 120 - (4 - Math.PI) * 100;
    expect(area(polygon((b as Polygon).coordinates))).toBeCloseTo(expected, -2);
    expect(bufferZoneGeometry(g, -60)).toBeNull();
  });

  it('two overlapping squares become one polygon', () => {
    const u = unionGeometries([
      { type: 'Feature', properties: {}, geometry: square(0, 0, 1) },
      { type: 'Feature', properties: {}, geometry: square(0.5, 0, 1) },
    ])!;
    expect(u.type).toBe('Polygon');
    expect(unionGeometries([])).toBeNull();
  });
});

describe('findings from hot spots', () => {
  const result = {
    method: 'gistar',
    cellCount: 4,
    cellSizeMetres: 150,
    bin: Int8Array.from([3, 2, 0, -2]),
    geometry: { kind: 'grid' },
  } as unknown as HotspotResult;

  it('hot cells are those at 95%+; the finding names method, filter and confidence', () => {
    expect(hotCells(result)).toEqual([0, 1]);
    expect(hotspotFinding(result, [0, 1], { ...NO_FILTER, categories: ['BURGLARY'] })).toBe(
      'Gi* hot spot, burglary, 95%+ (2 cells of 150 m)',
    );
    expect(hotspotFinding(result, [0], NO_FILTER)).toBe(
      'Gi* hot spot, all incidents, 99% (1 cell of 150 m)',
    );
    expect(hotspotFinding(result, [0, 2], NO_FILTER)).toMatch(
      /picked by hand.*some not significant/,
    );
  });

  it('the filter in words', () => {
    expect(filterWords({ ...NO_FILTER, groups: ['violent'] })).toBe('violent crime');
    expect(filterWords({ ...NO_FILTER, categories: ['A', 'B', 'C', 'D'] })).toBe('4 categories');
  });
});

describe('comparison periods', () => {
  it('the same period a year earlier, and the period just before', () => {
    expect(comparisonPeriod('same-period-last-year', '2025-04-01', '2025-09-30')).toEqual({
      startDate: '2024-04-01',
      endDate: '2024-09-30',
    });
    // 1–10 March (10 days) → 19–28 February.
    expect(comparisonPeriod('previous-period', '2025-03-01', '2025-03-10')).toEqual({
      startDate: '2025-02-19',
      endDate: '2025-02-28',
    });
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});

describe('derived figures of the Plan panel', () => {
  it('a schedule Thu–Sat 20:00–02:00 is a 6-hour shift; 24:00 ends at midnight', () => {
    expect(scheduleShift({ days: [3, 4, 5], startHour: 20, endHour: 2 })).toEqual({
      days: [3, 4, 5],
      startHour: 20,
      lengthHours: 6,
    });
    expect(scheduleShift({ days: [0], startHour: 8, endHour: 24 })?.lengthHours).toBe(16);
    expect(scheduleShift({ days: [], startHour: 8, endHour: 16 })).toBeNull();
  });

  const profile = new Int32Array(168);
  // 10 incidents an hour Thu–Sat 20:00–02:00, 1 in every other hour: 180 + 150 = 330.
  for (let h = 0; h < 168; h++) profile[h] = 1;
  for (const d of [3, 4, 5]) for (let k = 0; k < 6; k++) profile[(d * 24 + 20 + k) % 168] = 10;
  const figures = { id: 'z', hourWeekday: profile } as unknown as ZoneFigures;
  const result = { zones: [figures] } as unknown as ZoneResult;

  it('hot spots policing: 2 zones × 1 visit of 15 min, 3 shifts: 90 officer-minutes = 1.5 h a week', () => {
    const d = strategyDosage(
      {
        catalogueId: 'hot-spots-policing',
        zoneIds: ['z'],
        schedule: { days: [3, 4, 5], startHour: 20, endHour: 2 },
        resources: { officers: 1, hoursPerWeek: 0 },
      },
      result,
      { hotSpotCount: 2 },
    );
    if (d?.kind !== 'hot-spots') throw new Error(`expected a dosage plan, got ${d?.kind}`);
    expect(d.plan.officerHoursPerWeek).toBe(1.5);
    expect(d.plan.shareOfIncidentsInShiftHours).toBeCloseTo(180 / 330, 12);
  });

  it('foot patrol: the beat Thu–Sat 20:00–02:00 holds 180 of 330 incidents', () => {
    const d = strategyDosage(
      {
        catalogueId: 'foot-patrol',
        zoneIds: ['z'],
        schedule: { days: [3, 4, 5], startHour: 20, endHour: 2 },
        resources: { officers: 2, hoursPerWeek: 36 },
      },
      result,
      {},
    );
    if (d?.kind !== 'foot-patrol') throw new Error(`expected beat coverage, got ${d?.kind}`);
    expect(d.coverage.incidentsInBeatHours).toBe(180);
    expect(d.coverage.officerHoursPerWeek).toBe(36);
  });

  it('no dosage for other strategies; an explanation without days', () => {
    const base = { zoneIds: ['z'], resources: { officers: 1, hoursPerWeek: 0 } };
    expect(
      strategyDosage(
        { ...base, catalogueId: 'cctv', schedule: { days: [1], startHour: 0, endHour: 8 } },
        result,
        {},
      ),
    ).toBeNull();
    expect(
      strategyDosage(
        { ...base, catalogueId: 'foot-patrol', schedule: { days: [], startHour: 0, endHour: 8 } },
        result,
        {},
      )?.kind,
    ).toBe('error');
  });

  it('the goal in words from the metric', () => {
    const metric: Metric = {
      kind: 'incident-count',
      description: 'Burglary in the zone',
      target: { changePercent: -20, comparedWith: 'same-period-last-year' },
    };
    expect(goalFromMetric(metric, '2025-04-01', '2025-09-30')).toBe(
      'Burglary in the zone −20% over 6 months against the same months last year',
    );
  });

  it('suggestions need figures; a violent, walkable, concentrated zone gets foot patrol first', () => {
    expect(zoneSuggestions(null)).toEqual([]);
    const s = zoneSuggestions({
      ...figures,
      incidents: 330,
      byOffenceGroup: { violent: 250, property: 50, drugs: 0, disorder: 30, other: 0 },
      areaKm2: 0.2,
      shareOfIncidents: 0.05,
      shareOfArea: 0.002,
      pai: 25,
      topCategories: [{ name: 'BATTERY', count: 200, share: 0.6 }],
      locationTypes: [{ name: 'STREET', count: 300 }],
    } as ZoneFigures);
    expect(s[0].catalogueId).toMatch(/foot-patrol|hot-spots-policing/);
    expect(s.map((x) => x.catalogueId)).toContain('foot-patrol');
  });
});
