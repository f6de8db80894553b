import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, polygon as turfPolygon } from '@turf/turf';
import {
  pointInZone,
  zoneAreaSquareMetres,
  zoneStatistics,
  type PolygonMetres,
} from '../../../src/analysis/zoneStatistics';
import { floatingMs, monthIndex } from '../../../src/analysis/calendar';
import { createRandom } from '../../../src/analysis/random';

const square = (x0: number, y0: number, side: number): number[][] => [
  [x0, y0],
  [x0 + side, y0],
  [x0 + side, y0 + side],
  [x0, y0 + side],
  [x0, y0],
];

const kmSquare: PolygonMetres = { type: 'Polygon', coordinates: [square(0, 0, 1000)] };

/** 10 points inside the 1 km square and 90 outside it, in a 4 km × 5 km (20 km²) study area. */
function handCasePoints(): Float64Array {
  const xy = new Float64Array(200);
  for (let i = 0; i < 10; i++) {
    xy[2 * i] = 50 + 90 * i;
    xy[2 * i + 1] = 500;
  }
  for (let i = 10; i < 100; i++) {
    xy[2 * i] = 1500 + (i % 10) * 250;
    xy[2 * i + 1] = 200 + Math.floor(i / 10) * 450;
  }
  return xy;
}

describe('zoneStatistics', () => {
  it('gives PAI = (10/100)/(1/20) = 2 for a 1 km square holding 10 of 100 incidents in 20 km²', () => {
    const s = zoneStatistics(kmSquare, handCasePoints(), 20);
    expect(s.areaKm2).toBeCloseTo(1, 12);
    expect(s.incidents).toBe(10);
    expect(s.totalIncidents).toBe(100);
    expect(s.shareOfIncidents).toBeCloseTo(0.1, 12);
    expect(s.shareOfArea).toBeCloseTo(0.05, 12);
    expect(s.incidentsPerKm2).toBeCloseTo(10, 12);
    expect(s.pai).toBeCloseTo(2, 12);
    expect([...s.indices]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.hourWeekday).toBeNull();
    expect(s.monthly).toBeNull();
  });

  it('counts only selected incidents, in the zone and in the total', () => {
    const selection = new Uint8Array(100).fill(1);
    // Drop 5 inside and 45 outside: 5 of 50 selected, PAI = (5/50)/(1/20) = 2 again.
    for (let i = 0; i < 5; i++) selection[i] = 0;
    for (let i = 10; i < 55; i++) selection[i] = 0;
    const s = zoneStatistics(kmSquare, handCasePoints(), 20, { selection });
    expect(s.incidents).toBe(5);
    expect(s.totalIncidents).toBe(50);
    expect(s.pai).toBeCloseTo(2, 12);
    // Drop only outside incidents: 10 of 55, PAI = (10/55)·20 = 3.636…
    selection.fill(1);
    for (let i = 55; i < 100; i++) selection[i] = 0;
    expect(zoneStatistics(kmSquare, handCasePoints(), 20, { selection }).pai).toBeCloseTo(
      200 / 55,
      12,
    );
  });

  it('subtracts holes from the area and leaves points in a hole outside', () => {
    // 1 km square with a 500 m square hole: 0.75 km².
    const withHole: PolygonMetres = {
      type: 'Polygon',
      coordinates: [square(0, 0, 1000), square(250, 250, 500).reverse()],
    };
    expect(zoneAreaSquareMetres(withHole)).toBeCloseTo(750_000, 6);
    expect(pointInZone(withHole, 500, 500)).toBe(false);
    expect(pointInZone(withHole, 100, 100)).toBe(true);
    const xy = new Float64Array([500, 500, 100, 100, 900, 900, 2000, 2000]);
    const s = zoneStatistics(withHole, xy, 10);
    expect(s.incidents).toBe(2);
    // (2/4) / (0.75/10) = 6.666…
    expect(s.pai).toBeCloseTo(0.5 / 0.075, 12);
  });

  it('handles a multipolygon: two 1 km squares make 2 km²', () => {
    const two = {
      type: 'MultiPolygon' as const,
      coordinates: [[square(0, 0, 1000)], [square(5000, 0, 1000)]],
    };
    expect(zoneAreaSquareMetres(two)).toBeCloseTo(2e6, 6);
    const xy = new Float64Array([500, 500, 5500, 500, 3000, 500]);
    const s = zoneStatistics(two, xy, 20);
    expect(s.incidents).toBe(2);
    expect(s.incidentsPerKm2).toBeCloseTo(1, 12);
  });

  it('agrees with turf booleanPointInPolygon on an irregular concave polygon', () => {
    // turf's booleanPointInPolygon is a planar ray test, so it applies to metres unchanged.
    // Reference: @turf/turf 7.4 booleanPointInPolygon(point, polygon) on the same coordinates.
    const ring = [
      [0, 0],
      [800, 120],
      [400, 380],
      [900, 760],
      [130, 990],
      [260, 420],
      [0, 0],
    ];
    const zone: PolygonMetres = { type: 'Polygon', coordinates: [ring] };
    const tp = turfPolygon([ring]);
    const rng = createRandom(8);
    let inside = 0;
    for (let k = 0; k < 2000; k++) {
      const x = rng.next() * 1000 - 50;
      const y = rng.next() * 1100 - 50;
      const expected = booleanPointInPolygon([x, y], tp);
      expect(pointInZone(zone, x, y)).toBe(expected);
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(200);
  });

  it('builds the hour × weekday profile with Monday = 0 and index weekday × 24 + hour', () => {
    const xy = new Float64Array([10, 10, 20, 20, 30, 30, 40, 40, 5000, 5000]);
    const timesMs = new Float64Array([
      floatingMs(2024, 1, 1, 0, 30), // Monday 00:30 → 0
      floatingMs(2024, 1, 7, 23, 59), // Sunday 23:59 → 6·24 + 23 = 167
      floatingMs(2024, 1, 5, 21, 0), // Friday 21:00 → 4·24 + 21 = 117
      floatingMs(2024, 1, 12, 21, 15), // the next Friday 21:15 → 117
      floatingMs(2024, 1, 2, 9, 0), // outside the zone
    ]);
    const s = zoneStatistics(kmSquare, xy, 20, { timesMs });
    const profile = s.hourWeekday!;
    expect(profile.length).toBe(168);
    expect(profile[0]).toBe(1);
    expect(profile[167]).toBe(1);
    expect(profile[117]).toBe(2);
    expect(profile.reduce((a, b) => a + b, 0)).toBe(4);
    expect(zoneStatistics(kmSquare, xy, 20, { timesMs, timePrecision: 'day' }).hourWeekday).toBe(
      null,
    );
  });

  it('gives a monthly series over the months of all selected incidents, with empty months as 0', () => {
    const xy = new Float64Array([10, 10, 20, 20, 5000, 5000, 6000, 6000]);
    const timesMs = new Float64Array([
      floatingMs(2023, 11, 15),
      floatingMs(2024, 2, 1),
      floatingMs(2023, 10, 3), // outside: sets the first month
      floatingMs(2024, 3, 31), // outside: sets the last month
    ]);
    const s = zoneStatistics(kmSquare, xy, 20, { timesMs });
    expect(s.monthly!.months).toEqual([
      '2023-10',
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
    expect([...s.monthly!.counts]).toEqual([0, 1, 0, 0, 1, 0]);
    expect(s.monthly!.firstMonthIndex).toBe(monthIndex(floatingMs(2023, 10, 1)));
    const fixed = zoneStatistics(kmSquare, xy, 20, {
      timesMs,
      monthRange: {
        firstMonthIndex: monthIndex(floatingMs(2024, 1, 1)),
        lastMonthIndex: monthIndex(floatingMs(2024, 2, 1)),
      },
    });
    expect(fixed.monthly!.months).toEqual(['2024-01', '2024-02']);
    expect([...fixed.monthly!.counts]).toEqual([0, 1]);
  });

  it('lists the top categories by count, ties by code', () => {
    const xy = new Float64Array(20);
    for (let i = 0; i < 10; i++) {
      xy[2 * i] = 100 + i;
      xy[2 * i + 1] = 100;
    }
    const codes = new Uint16Array([2, 2, 2, 0, 0, 1, 1, 3, 3, 3]);
    const names = ['THEFT', 'BATTERY', 'BURGLARY', 'ROBBERY'];
    const s = zoneStatistics(kmSquare, xy, 20, {
      categories: { codes, names },
      topCategoryCount: 3,
    });
    expect(s.topCategories.map((c) => [c.name, c.count])).toEqual([
      ['BURGLARY', 3],
      ['ROBBERY', 3],
      ['THEFT', 2],
    ]);
    expect(s.topCategories[0].share).toBeCloseTo(0.3, 12);
  });

  it('on a realistic city: counts match a brute-force filter and inputs are not mutated', () => {
    const rng = createRandom(2024);
    const n = 20_000;
    const xy = new Float64Array(2 * n);
    const timesMs = new Float64Array(n);
    const selection = new Uint8Array(n);
    const start = floatingMs(2022, 1, 1);
    for (let i = 0; i < n; i++) {
      // A dense cluster around (2000, 2000) over a 10 km × 10 km background.
      const clustered = rng.next() < 0.3;
      xy[2 * i] = clustered ? 2000 + rng.normal() * 300 : rng.next() * 10_000;
      xy[2 * i + 1] = clustered ? 2000 + rng.normal() * 300 : rng.next() * 10_000;
      timesMs[i] = start + Math.floor(rng.next() * 730) * 86_400_000 + rng.int(24) * 3_600_000;
      selection[i] = rng.next() < 0.9 ? 1 : 0;
    }
    const zone: PolygonMetres = { type: 'Polygon', coordinates: [square(1500, 1500, 1000)] };
    const copy = Float64Array.from(xy);
    const s = zoneStatistics(zone, xy, 100, { selection, timesMs });
    let expected = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!selection[i]) continue;
      total++;
      const x = xy[2 * i];
      const y = xy[2 * i + 1];
      if (x > 1500 && x < 2500 && y > 1500 && y < 2500) expected++;
    }
    expect(s.incidents).toBe(expected);
    expect(s.totalIncidents).toBe(total);
    expect(s.pai).toBeCloseTo(expected / total / 0.01, 9);
    // A cluster holding ~30% of incidents over 1% of the area: PAI far above 1.
    expect(s.pai).toBeGreaterThan(10);
    expect(s.hourWeekday!.reduce((a, b) => a + b, 0)).toBe(expected);
    expect(s.monthly!.counts.reduce((a, b) => a + b, 0)).toBe(expected);
    expect(s.monthly!.months.length).toBe(24);
    expect(xy.every((v, i) => v === copy[i])).toBe(true);
  });

  it('rejects a study area that is not positive', () => {
    expect(() => zoneStatistics(kmSquare, new Float64Array(0), 0)).toThrow(/studyAreaKm2/);
  });
});
