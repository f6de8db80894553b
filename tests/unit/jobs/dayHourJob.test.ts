/**
 * The day × hour job: Ratcliffe's weights on the analysis module's own example (a burglary from
 * Friday 18:00 to Monday 08:00 gives 1/62 to each of 62 hours), the start-times switch, flagged
 * likely-default times, month-only data declined, and the sample city's planted weekly cycles
 * (data/sample/truth.json): night-life violence on Friday and Saturday nights, burglary on weekday
 * daytimes.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { floatingMs } from '../../../src/analysis/calendar';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';
import type { ImportResult } from '../../../src/data/importSession';
import { NO_FILTER } from '../../../src/data/incidentFilter';
import type { JobInput } from '../../../src/data/jobInput';
import { cellLabel, dayHourJob, type DayHourResult } from '../../../src/data/jobs/dayHourJob';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import { handInput, type HandIncident } from './timeJobInput';

const SAMPLE = resolve(__dirname, '../../../data/sample');

const run = (input: JobInput, params: Parameters<typeof dayHourJob>[1] = {}) =>
  dayHourJob(input, params, noProgress) as DayHourResult;

const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
const FRIDAY = 4;

describe('day × hour job on hand cases', () => {
  const weekend: HandIncident = {
    t: floatingMs(2024, 1, 5, 18), // Friday 18:00
    windowMinutes: 62 * 60, // to Monday 08:00
    category: 'BURGLARY',
  };

  it('spreads a Friday 18:00 – Monday 08:00 burglary as 1/62 over 62 hours (Ratcliffe 2002)', () => {
    const r = run(handInput([weekend]));
    expect(r.table[FRIDAY * 24 + 18]).toBeCloseTo(1 / 62, 12);
    expect(r.table[6 * 24 + 12]).toBeCloseTo(1 / 62, 12); // Sunday noon
    expect(r.table[0 * 24 + 7]).toBeCloseTo(1 / 62, 12); // Monday 07:00
    expect(r.table[0 * 24 + 8]).toBe(0); // Monday 08:00: the window has ended
    expect(r.table[FRIDAY * 24 + 17]).toBe(0);
    expect(r.table.filter((v) => v > 0).length).toBe(62);
    expect(sum(r.table)).toBeCloseTo(1, 12);
    expect(r.spread).toBe(1);
    expect(r.log.join('\n')).toMatch(/Ratcliffe/);
  });

  it('counts the whole incident at its start with the start-times switch', () => {
    const r = run(handInput([weekend]), { startTimesOnly: true });
    expect(r.table[FRIDAY * 24 + 18]).toBe(1);
    expect(sum(r.table)).toBe(1);
    expect(r.startTimesOnly).toBe(true);
  });

  it('sums to the number of incidents; margins by day and hour', () => {
    const incidents: HandIncident[] = [
      weekend,
      { t: floatingMs(2024, 1, 2, 9, 30), windowMinutes: 90, category: 'THEFT' }, // Tue 09:30–11:00
      { t: floatingMs(2024, 1, 3, 14), category: 'THEFT' },
    ];
    const r = run(handInput(incidents));
    expect(sum(r.table)).toBeCloseTo(3, 12);
    expect(r.incidents).toBe(3);
    expect(r.table[1 * 24 + 9]).toBeCloseTo(1 / 3, 12); // 30 of 90 minutes
    expect(r.table[1 * 24 + 10]).toBeCloseTo(2 / 3, 12);
    expect(r.byDay[2]).toBe(1); // Wednesday
    expect(sum(r.byHour)).toBeCloseTo(3, 12);
  });

  it('flags incidents at exactly 00:00, and at 00:00 on the 1st of a month, as likely defaults', () => {
    const incidents: HandIncident[] = [
      { t: floatingMs(2024, 2, 1), category: 'THEFT' }, // 1st of the month, 00:00
      { t: floatingMs(2024, 2, 2), category: 'THEFT' }, // 00:00
      { t: floatingMs(2024, 2, 2, 0, 1), category: 'THEFT' }, // 00:01: a real time
    ];
    const r = run(handInput(incidents));
    expect(r.midnight).toBe(2);
    expect(r.firstOfMonthMidnight).toBe(1);
    expect(sum(r.table)).toBe(3);
    expect(r.summary.join(' ')).toMatch(/2 incidents .* at exactly 00:00, 1 on the 1st of a month/);
    const without = run(handInput(incidents), { excludeLikelyDefaults: true });
    expect(sum(without.table)).toBe(1);
    expect(without.excluded).toBe(2);
  });

  it('declines month-only dates with the reason', () => {
    const r = run(handInput([{ t: floatingMs(2024, 2, 1), category: 'THEFT' }], 'month'));
    expect(r.declined).toMatch(/months only/);
    expect(sum(r.table)).toBe(0);
  });

  it('names cells as people read them', () => {
    expect(cellLabel(5 * 24 + 22)).toBe('Saturday 22:00–23:00');
    expect(cellLabel(6 * 24 + 23)).toBe('Sunday 23:00–00:00');
  });
});

describe('day × hour job on the sample city (weekly cycles of truth.json)', () => {
  let imported: ImportResult;
  beforeAll(async () => {
    imported = await importFiles([resolve(SAMPLE, 'incidents.csv')]);
  });
  const input = (categories: string[]) =>
    cliJobInput(imported, 'sample', { ...NO_FILTER, categories });

  /** Friday or Saturday 21:00 to 03:00 the next morning: 12 of the week's 168 hours. */
  const weekendNight = (cell: number) => {
    const day = Math.floor(cell / 24);
    const hour = cell % 24;
    return ((day === 4 || day === 5) && hour >= 21) || ((day === 5 || day === 6) && hour < 3);
  };

  it('puts night-life BATTERY/ASSAULT on Friday and Saturday nights 21:00–03:00', () => {
    const r = run(input(['BATTERY', 'ASSAULT']), { startTimesOnly: true });
    let share = 0;
    for (let c = 0; c < 168; c++) if (weekendNight(c)) share += r.table[c];
    share /= r.incidents;
    expect(share).toBeGreaterThan(2 * (12 / 168)); // over twice the even share (7.1%)
    const top = [...r.table.keys()].sort((a, b) => r.table[b] - r.table[a]).slice(0, 8);
    for (const c of top) expect(weekendNight(c), cellLabel(c)).toBe(true);
    expect(r.summary[0]).toMatch(/^Busiest hour of the week: (Friday|Saturday|Sunday) /);
  });

  it('puts BURGLARY on weekday daytimes 09:00–17:00', () => {
    const r = run(input(['BURGLARY']), { startTimesOnly: true });
    let share = 0;
    for (let d = 0; d < 5; d++) for (let h = 9; h < 17; h++) share += r.table[d * 24 + h];
    share /= r.incidents;
    // truth.json: residential burglaries 0.5232 in that window, 40/168 = 0.238 if uniform.
    expect(share).toBeGreaterThan(0.45);
  });
});
