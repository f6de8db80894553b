/**
 * The zone job (figures for the plan's zones) and the patrol-zones job (maximal covering): a hand
 * case whose PAI you can check in your head, and the sample city's planted hot spots
 * (data/sample/truth.json): a circle on the night-life district is violent, concentrated on Friday
 * and Saturday nights and far above its share; the emerging one is rising, the diminishing one
 * falling; the suggested patrol zones land on the planted hot spots.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { circle } from '@turf/turf';
import type { Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { floatingMs } from '../../../src/analysis/calendar';
import { createLocalProjection } from '../../../src/analysis/localProjection';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';
import type { ImportResult } from '../../../src/data/importSession';
import { NO_FILTER } from '../../../src/data/incidentFilter';
import type { JobInput } from '../../../src/data/jobInput';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import { patrolZonesJob, type PatrolZonesResult } from '../../../src/data/jobs/patrolZonesJob';
import { zoneJob, type ZoneResult } from '../../../src/data/jobs/zoneJob';

const projection = createLocalProjection(-88.9, 40.1);

/** A job input from planar points (metres around -88.9, 40.1) and floating times. */
function handInput(xy: number[], timesMs: number[], categories: number[]): JobInput {
  const count = timesMs.length;
  const positions = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const [lon, lat] = projection.inverse(xy[2 * i], xy[2 * i + 1]);
    positions[2 * i] = lon;
    positions[2 * i + 1] = lat;
  }
  return {
    datasetId: 'hand',
    datasetName: 'hand',
    count,
    indices: Uint32Array.from({ length: count }, (_, i) => i),
    positions,
    xy: Float64Array.from(xy),
    projectionCentre: [-88.9, 40.1],
    timeMs: Float64Array.from(timesMs),
    windowMinutes: new Float32Array(count),
    category: Uint16Array.from(categories),
    address: new Uint32Array(count),
    beat: new Uint16Array(count),
    district: new Uint16Array(count),
    locationType: new Uint16Array(count),
    categoryNames: ['BATTERY', 'THEFT'],
    categoryGroup: Uint8Array.from([0, 1]),
    addressNames: [''],
    beatNames: [''],
    districtNames: [''],
    locationTypeNames: ['STREET'],
    timePrecision: 'time',
    allTimeMs: Float64Array.from(timesMs),
    filter: NO_FILTER,
    logHeader: ['hand case'],
  };
}

/** A square in lon/lat whose corners are (x0, y0)–(x1, y1) metres on the local projection. */
function squareZone(x0: number, y0: number, x1: number, y1: number): Polygon {
  const corners = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(([x, y]) => projection.inverse(x, y));
  return { type: 'Polygon', coordinates: [corners] };
}

describe('zone job: a hand case', () => {
  // 10 incidents inside a 1 km square at the origin, every Friday 22:00 in 2024; 90 on a 10 km ×
  // 10 km square around it (so the study area, the hull, is exactly 100 km²), Monday mornings.
  const xy: number[] = [];
  const times: number[] = [];
  const cats: number[] = [];
  for (let k = 0; k < 10; k++) {
    xy.push(100 + 80 * k, 500);
    times.push(floatingMs(2024, 1, 5 + 7 * k, 22)); // 5 January 2024 was a Friday
    cats.push(0);
  }
  for (let k = 0; k < 90; k++) {
    const side = k % 4;
    const t = -5000 + (10000 * Math.floor(k / 4)) / 22;
    const [x, y] =
      side === 0 ? [t, -5000] : side === 1 ? [5000, t] : side === 2 ? [-t, 5000] : [-5000, -t];
    xy.push(x, y);
    times.push(floatingMs(2024, 1, 1 + 7 * (k % 40), 9)); // Mondays
    cats.push(1);
  }
  // Corners, so the hull is the full 10 km square.
  xy.splice(xy.length - 8, 8, -5000, -5000, 5000, -5000, 5000, 5000, -5000, 5000);
  const input = handInput(xy, times, cats);
  let result: ZoneResult;

  beforeAll(() => {
    result = zoneJob(
      input,
      { zones: [{ id: 'z', name: 'Square', geometry: squareZone(0, 0, 1000, 1000) }] },
      noProgress,
    ) as ZoneResult;
  });

  it('10 of 100 incidents in 1 km² of a 100 km² area: PAI = 0.1 / 0.01 = 10', () => {
    const z = result.zones[0];
    expect(z.incidents).toBe(10);
    expect(z.shareOfIncidents).toBe(0.1);
    expect(z.areaKm2).toBeCloseTo(1, 6);
    expect(result.studyAreaKm2).toBeCloseTo(100, 6);
    expect(z.pai).toBeCloseTo(10, 5);
    expect(z.incidentsPerKm2).toBeCloseTo(10, 5);
    expect(z.topCategories).toEqual([{ name: 'BATTERY', count: 10, share: 1 }]);
    expect(z.byOffenceGroup.violent).toBe(10);
    expect(result.incidentsInAnyZone).toBe(10);
  });

  it('all its incidents fall Friday 22:00–23:00: the patrol sentence says so', () => {
    const z = result.zones[0];
    expect(z.hourWeekday![4 * 24 + 22]).toBe(10);
    expect(z.patrol!.sentence).toBe(
      '100% of incidents in this zone fall Fri 22:00–23:00 (1 hour a week).',
    );
    expect(z.patrol!.pattern!.days).toEqual([4]);
  });

  it('trends use whole months only: months the filter cuts are left out', () => {
    // The data run from 1 January to 30 September 2024 (a Monday, September's last day): all whole.
    const z = result.zones[0];
    expect(z.monthly!.months[0]).toBe('2024-01');
    expect(z.monthly!.months.at(-1)).toBe('2024-09');
    // A filter from 15 January to 10 September cuts both: February to August remain.
    const cut = zoneJob(
      {
        ...input,
        filter: { ...NO_FILTER, dateRange: [floatingMs(2024, 1, 15), floatingMs(2024, 9, 10)] },
      },
      { zones: [{ id: 'z', name: 'Square', geometry: squareZone(0, 0, 1000, 1000) }] },
      noProgress,
    ) as ZoneResult;
    expect(cut.zones[0].monthly!.months[0]).toBe('2024-02');
    expect(cut.zones[0].monthly!.months.at(-1)).toBe('2024-08');
    expect(cut.zones[0].trend!.months).toBe(7);
  });

  it('counts only, for a baseline: no profile, no trend', () => {
    const r = zoneJob(
      input,
      {
        zones: [{ id: 'z', name: 'Square', geometry: squareZone(0, 0, 1000, 1000) }],
        countsOnly: true,
      },
      noProgress,
    ) as ZoneResult;
    expect(r.zones[0].incidents).toBe(10);
    expect(r.zones[0].hourWeekday).toBeNull();
    expect(r.zones[0].trend).toBeNull();
  });
});

interface Hotspot {
  id: string;
  kind: string;
  centre: [number, number];
  radiusMetres: number;
}

describe('zone and patrol-zone jobs on the sample city', () => {
  let imported: ImportResult;
  let input: JobInput;
  let planted: Hotspot[];
  const around = (h: Hotspot, radiusMetres = h.radiusMetres) =>
    circle(h.centre, radiusMetres / 1000, { steps: 64, units: 'kilometers' }).geometry;

  beforeAll(async () => {
    imported = await importFiles([resolve(__dirname, '../../../data/sample/incidents.csv')]);
    input = cliJobInput(imported, 'sample');
    planted = (
      JSON.parse(readFileSync(resolve(__dirname, '../../../data/sample/truth.json'), 'utf8')) as {
        hotspots: Hotspot[];
      }
    ).hotspots;
  });

  it('the night-life district: violent, Friday and Saturday nights, PAI far above 1', () => {
    const h = planted.find((p) => p.id === 'nightlife')!;
    const r = zoneJob(
      input,
      { zones: [{ id: 'n', name: 'Night life', geometry: around(h) }] },
      noProgress,
    ) as ZoneResult;
    const z = r.zones[0];
    expect(z.pai).toBeGreaterThan(5);
    expect(z.topCategories[0].name).toBe('BATTERY');
    expect(z.byOffenceGroup.violent / z.incidents).toBeGreaterThan(0.5);
    expect(z.patrol!.pattern!.label).toMatch(/Fri|Sat/);
    expect(z.patrol!.sentence).toMatch(/^\d+% of incidents in this zone fall /);
    expect(z.trend!.months).toBe(36);
  });

  it('the emerging hot spot is rising; the diminishing one is falling', () => {
    const emerging = planted.find((p) => p.kind === 'emerging')!;
    const diminishing = planted.find((p) => p.kind === 'diminishing')!;
    const r = zoneJob(
      input,
      {
        zones: [
          { id: 'e', name: 'Emerging', geometry: around(emerging) },
          { id: 'd', name: 'Diminishing', geometry: around(diminishing) },
        ],
      },
      noProgress,
    ) as ZoneResult;
    expect(r.zones[0].trend!.direction).toBe('rising');
    expect(r.zones[0].trend!.sentence).toMatch(/are rising: about \+/);
    expect(r.zones[1].trend!.direction).toBe('falling');
    expect(r.incidentsInAnyZone).toBe(r.zones[0].incidents + r.zones[1].incidents);
  });

  it('baseline counts under a date filter: 2024 in the night-life circle', () => {
    const h = planted.find((p) => p.id === 'nightlife')!;
    const all = zoneJob(
      input,
      { zones: [{ id: 'n', name: 'Night life', geometry: around(h) }], countsOnly: true },
      noProgress,
    ) as ZoneResult;
    const year = cliJobInput(imported, 'sample', {
      ...NO_FILTER,
      dateRange: [floatingMs(2024, 1, 1), floatingMs(2025, 1, 1)],
    });
    const r = zoneJob(
      year,
      { zones: [{ id: 'n', name: 'Night life', geometry: around(h) }], countsOnly: true },
      noProgress,
    ) as ZoneResult;
    // About a third of the three years' incidents, and fewer than all of them.
    expect(r.zones[0].incidents).toBeGreaterThan(0.25 * all.zones[0].incidents);
    expect(r.zones[0].incidents).toBeLessThan(0.45 * all.zones[0].incidents);
  });

  it('suggested patrol zones land on planted hot spots; the curve rises with K and with size', () => {
    const r = patrolZonesJob(
      input,
      { zoneCount: 4, size: { radiusMetres: 300 } },
      noProgress,
    ) as PatrolZonesResult;
    expect(r.chosen).toHaveLength(4);
    const persistent = planted.filter((p) => p.kind !== 'diminishing');
    for (const c of r.chosen.slice(0, 2)) {
      const [x, y] = projection.forward(c.lon, c.lat);
      const nearest = Math.min(
        ...persistent.map((p) => {
          const [px, py] = projection.forward(p.centre[0], p.centre[1]);
          return Math.hypot(px - x, py - y);
        }),
      );
      expect(nearest).toBeLessThan(p90(persistent));
    }
    for (let k = 1; k < r.curve.length; k++)
      expect(r.curve[k].covered).toBeGreaterThan(r.curve[k - 1].covered);
    expect(r.curve[4].share).toBeCloseTo(r.chosen[3].share, 12);
    // Coverage of 4 zones grows with the radius (greedy for each radius).
    for (let k = 1; k < r.bySize.length; k++)
      expect(r.bySize[k].covered).toBeGreaterThanOrEqual(r.bySize[k - 1].covered);
    expect(r.summary[0]).toMatch(/^4 zones of radius 300 m cover [\d,]+ of [\d,]+ incidents/);
  });

  it('with hot-spot cell centres as candidates, the centres come from that list', () => {
    const candidates = [-88.9141923, 40.1072357, -88.8846299, 40.0855258, -88.95, 40.13];
    const r = patrolZonesJob(
      input,
      {
        zoneCount: 2,
        size: { areaSquareMetres: Math.PI * 250 ** 2 },
        candidates: { positions: candidates, label: 'test cells' },
      },
      noProgress,
    ) as PatrolZonesResult;
    expect(r.radiusMetres).toBeCloseTo(250, 9);
    expect(r.candidateCount).toBe(3);
    for (const c of r.chosen) {
      const k = [0, 2, 4].find(
        (i) => Math.abs(candidates[i] - c.lon) < 1e-7 && Math.abs(candidates[i + 1] - c.lat) < 1e-7,
      );
      expect(k).toBeDefined();
    }
  });

  it('refuses a zone that is not walkable, with the reason', () => {
    expect(() =>
      patrolZonesJob(input, { zoneCount: 2, size: { radiusMetres: 50_000 } }, noProgress),
    ).toThrow(/between 10 m and 10 km/);
  });
});

/** Within the planted radius plus a cell: the largest planted radius, 513 m, and 150 m slack. */
function p90(hotspots: Hotspot[]): number {
  return Math.max(...hotspots.map((h) => h.radiusMetres)) + 150;
}
