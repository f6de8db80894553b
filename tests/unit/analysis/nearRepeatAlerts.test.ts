import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floatingMs } from '../../../src/analysis/calendar';
import { knoxTest, type KnoxCell } from '../../../src/analysis/knoxTest';
import {
  nearRepeatAlerts,
  type NearRepeatAlertSource,
} from '../../../src/analysis/nearRepeatAlerts';

const DAY = 86_400_000;
const dataDir = path.resolve(__dirname, '../../../../shared/data/nearrepeat_chicago_code_2016');

const cell = (spaceBand: number, timeBand: number, fromFirstTimeBand = true): KnoxCell => ({
  spaceBand,
  timeBand,
  observed: 10,
  ratio: 2,
  p: 0.001,
  fromFirstTimeBand,
});

/** A Knox result with 100 m × 3 and 7 days × 3 bands, as NRC's defaults. */
const source = (cells: KnoxCell[]): NearRepeatAlertSource => ({
  significantCells: cells,
  spaceEdgesMetres: [0, 100, 200, 300, Infinity],
  timeEdgesDays: [0, 7, 14, 21, Infinity],
  sameLocationMetres: 0,
  metric: 'manhattan',
});

describe('nearRepeatAlerts — pencil and paper', () => {
  it('gives the doc example: 200 m, 7 days, 3 of 6.5 days left', () => {
    const knox = source([cell(0, 0), cell(1, 0), cell(2, 0)]);
    const a = nearRepeatAlerts(knox, new Float64Array([500, 800]), [10.5 * DAY], 14 * DAY);
    expect(a.radiusMetres).toBe(200);
    expect(a.riskDays).toBe(7);
    expect(Array.from(a.incidents)).toEqual([0]);
    expect(Array.from(a.xy)).toEqual([500, 800]);
    expect(a.endMs[0]).toBe(17 * DAY);
    expect(a.remaining[0]).toBeCloseTo(3 / 6.5, 12);
    expect(a.description).toMatch(/within 200 m .* for 7 days/);
  });

  it('takes the largest significant space and time bands of the pattern, ignoring stray cells', () => {
    // 0–100 m for two bands (0–13 days), 100–200 m for one; a stray cell at 200–300 m, 14–20 days.
    const knox = source([cell(1, 0), cell(1, 1), cell(2, 0), cell(3, 2, false)]);
    const xy = new Float64Array([0, 0, 10, 10, 20, 20, 30, 30]);
    // Incidents 20 days, 13 days, 1 day before "now" and one after it.
    const now = 100 * DAY;
    const times = [80 * DAY, 87 * DAY, 99 * DAY, 101 * DAY];
    const a = nearRepeatAlerts(knox, xy, times, now);
    expect(a.radiusMetres).toBe(200);
    expect(a.riskDays).toBe(14);
    expect(Array.from(a.incidents)).toEqual([1, 2]); // 80 is older than 14 days; 101 is in the future
    expect(a.remaining[0]).toBeCloseTo(1 / 14, 12); // day 87 + 14 = day 101: one day left of 14
    expect(a.remaining[1]).toBeCloseTo(13 / 14, 12);
    // Counting the stray cell too widens the zone and lengthens the period.
    const all = nearRepeatAlerts(knox, xy, times, now, { patternCellsOnly: false });
    expect(all.radiusMetres).toBe(300);
    expect(all.riskDays).toBe(21);
    expect(Array.from(all.incidents)).toEqual([0, 1, 2]);
  });

  it('keeps expired incidents of a longer look-back at remaining 0', () => {
    const knox = source([cell(1, 0)]);
    const a = nearRepeatAlerts(
      knox,
      new Float64Array([0, 0, 5, 5]),
      [80 * DAY, 99 * DAY],
      100 * DAY,
      {
        lookbackDays: 30,
      },
    );
    expect(Array.from(a.incidents)).toEqual([0, 1]);
    expect(a.remaining[0]).toBe(0);
    expect(a.remaining[1]).toBeCloseTo(6 / 7, 12);
  });

  it('draws no zones without a pattern, and a zero radius for repeats at the same address', () => {
    const none = nearRepeatAlerts(source([cell(2, 1, false)]), new Float64Array([0, 0]), [0], DAY);
    expect(none.incidents.length).toBe(0);
    expect(none.description).toMatch(/No significant near-repeat pattern/);
    const same = nearRepeatAlerts(source([cell(0, 0)]), new Float64Array([0, 0]), [0], DAY);
    expect(same.radiusMetres).toBe(0);
    expect(same.description).toMatch(/at the same address/);
  });
});

describe.skipIf(!existsSync(dataDir))(
  'nearRepeatAlerts — Chicago burglary (needs ../shared/data)',
  () => {
    it('alerts 200 m for a week around the last week’s burglaries', () => {
      const lines = readFileSync(path.join(dataDir, 'chicago_be_month1.csv'), 'utf8')
        .trim()
        .split(/\r?\n/);
      const xy = new Float64Array(2 * lines.length);
      const times = lines.map((line, i) => {
        const [x, y, date] = line.split(',');
        xy[2 * i] = Number(x);
        xy[2 * i + 1] = Number(y);
        const [yy, mm, dd] = date.split('-').map(Number);
        return floatingMs(yy, mm, dd);
      });
      const knox = knoxTest(xy, times, {
        spaceBandMetres: 100,
        spaceBandCount: 3,
        timeBandDays: 7,
        timeBandCount: 3,
        seed: 2019,
      });
      const now = floatingMs(2016, 2, 1);
      const a = nearRepeatAlerts(knox, xy, times, now);
      expect(a.radiusMetres).toBe(200);
      expect(a.riskDays).toBe(7);
      const lastWeek = times.filter((t) => t > now - 7 * DAY && t <= now).length;
      expect(a.incidents.length).toBe(lastWeek);
      expect(lastWeek).toBeGreaterThan(100);
      // A burglary on 31 January is at risk until 7 February 00:00: 6 of 7 days left on 1 February.
      const k = Array.from(a.incidents).findIndex((i) => times[i] === floatingMs(2016, 1, 31));
      expect(a.endMs[k]).toBe(floatingMs(2016, 2, 7));
      expect(a.remaining[k]).toBeCloseTo(6 / 7, 12);
    });
  },
);
