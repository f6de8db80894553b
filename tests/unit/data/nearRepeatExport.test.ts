/**
 * Near-repeat exports by hand: the Knox table CSV of the three-incident example of knoxTest.ts
 * (two burglaries 50 m and one day apart, one far away a month later) and the alert-zone GeoJSON.
 */
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../../src/analysis/calendar';
import { alertZonesGeoJson, knoxTableCsv } from '../../../src/data/exports/nearRepeatExport';
import type { AlertsResult } from '../../../src/data/jobs/alertsJob';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import { runKnox } from '../../../src/data/jobs/knoxJob';

describe('knoxTableCsv', () => {
  it('writes the log as # lines and one row per band pair', () => {
    const r = runKnox(
      new Float64Array([0, 0, 50, 0, 5000, 0]),
      new Float64Array([0, MS_PER_DAY, 31 * MS_PER_DAY]),
      'day',
      {
        spaceBandMetres: 100,
        spaceBandCount: 1,
        timeBandDays: 7,
        timeBandCount: 1,
        permutations: 9,
      },
      noProgress,
      ['COP Planner test'],
    );
    const lines = knoxTableCsv(r).trimEnd().split('\n');
    expect(lines[0]).toBe('# COP Planner test');
    const header = lines.indexOf('space_band,time_band,observed,expected,knox_ratio,p,significant');
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 1);
    expect(rows).toHaveLength(3 * 2);
    // Row "Up to 100 m" × "0–6 days" holds the one near pair.
    expect(rows[2].startsWith('Up to 100 m,0–6 days,1,')).toBe(true);
    // The far pairs: 5,000 m and 4,950 m apart, 31 and 30 days.
    expect(rows[5].startsWith('100 m or more,7 days or more,2,')).toBe(true);
  });
});

describe('alertZonesGeoJson', () => {
  it('writes one point a zone with its radius and period, and the log', () => {
    const zones: AlertsResult = {
      radiusMetres: 200,
      riskDays: 7,
      metric: 'manhattan',
      nowMs: 14 * MS_PER_DAY,
      lookbackDays: 7,
      positions: new Float64Array([-88.9, 40.1]),
      incidentIndices: new Uint32Array([42]),
      startMs: new Float64Array([10.5 * MS_PER_DAY]),
      endMs: new Float64Array([17 * MS_PER_DAY]),
      remaining: new Float64Array([3 / 6.5]),
      description: 'd',
      summary: [],
      log: ['line 1'],
    };
    const fc = alertZonesGeoJson(zones);
    expect(fc.methods_log).toEqual(['line 1']);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].geometry.coordinates).toEqual([-88.9, 40.1]);
    expect(fc.features[0].properties).toEqual({
      incident_row: 42,
      radius_m: 200,
      distance: 'manhattan',
      incident_time: '1970-01-11T12:00:00',
      last_day_at_risk: '1970-01-17',
      share_left: 0.4615,
      active: true,
    });
  });
});
