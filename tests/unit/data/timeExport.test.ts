/**
 * CSV exports of the time panel: the methods log as leading `#` lines, then one header and the
 * rows — series (missing months blank, not 0), day × hour matrix with totals, CompStat with "new".
 */
import { describe, expect, it } from 'vitest';
import { floatingMs } from '../../../src/analysis/calendar';
import { compstatToCsv, dayHourToCsv, seriesToCsv } from '../../../src/data/exports/timeExport';
import { compstatJob, type CompstatJobResult } from '../../../src/data/jobs/compstatJob';
import { dayHourJob, type DayHourResult } from '../../../src/data/jobs/dayHourJob';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import { trendJob, type TrendResult } from '../../../src/data/jobs/trendJob';
import { handInput, type HandIncident } from '../jobs/timeJobInput';

/** Lines that are not the log. */
const body = (csv: string) => csv.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

describe('time exports', () => {
  it('writes the series with the log first and a missing month blank', () => {
    const incidents: HandIncident[] = [];
    [10, 12, 0, 16].forEach((c, m) => {
      for (let k = 0; k < c; k++)
        incidents.push({ t: floatingMs(2024, m + 1, k + 1, 10), category: 'THEFT' });
    });
    incidents.push({ t: floatingMs(2024, 4, 30, 23, 30), category: 'THEFT' });
    const result = trendJob(handInput(incidents), {}, noProgress) as TrendResult;
    const csv = seriesToCsv(result);
    expect(csv.startsWith('# COP Planner (test)\n')).toBe(true);
    expect(csv).toMatch(/^# Test: all selected incidents/im);
    const rows = body(csv);
    expect(rows[0]).toBe('period_start,period_end,count,partial,missing,sen_line');
    expect(rows[1]).toMatch(/^2024-01-01,2024-01-31,10,0,0,/);
    expect(rows[3]).toMatch(/^2024-03-01,2024-03-31,,0,1,/);
    expect(rows[4]).toMatch(/^2024-04-01,2024-04-30,17,0,0,/);
  });

  it('writes the day × hour table as 7 rows of 24 hours with totals', () => {
    const incidents: HandIncident[] = [
      { t: floatingMs(2024, 1, 1, 9), category: 'THEFT' }, // Monday 09:00
      { t: floatingMs(2024, 1, 7, 23, 30), category: 'THEFT' }, // Sunday 23:00
    ];
    const result = dayHourJob(handInput(incidents), {}, noProgress) as DayHourResult;
    const rows = body(dayHourToCsv(result));
    expect(rows[0].split(',')).toHaveLength(26);
    expect(rows[1].split(',')[0]).toBe('Monday');
    expect(rows[1].split(',')[1 + 9]).toBe('1');
    expect(rows[7].split(',')[1 + 23]).toBe('1');
    expect(rows[8].split(',').slice(-1)[0]).toBe('2');
  });

  it('writes the CompStat table with the windows’ dates in the log and "new"', () => {
    const incidents: HandIncident[] = [
      { t: floatingMs(2022, 12, 1, 12), category: 'THEFT' },
      ...[1, 2, 3].map((d) => ({ t: floatingMs(2024, 1, d, 12), category: 'BURGLARY' })),
      { t: floatingMs(2024, 1, 7, 23, 30), category: 'THEFT' },
    ];
    const result = compstatJob(
      handInput(incidents),
      { windowsDays: [7] },
      noProgress,
    ) as CompstatJobResult;
    const csv = compstatToCsv(result);
    expect(csv).toMatch(
      /^# 7 days: current 2024-01-01 to 2024-01-07; previous 2023-12-25 to 2023-12-31/m,
    );
    expect(csv).toMatch(/\n7 days,category,BURGLARY,3,0,new,,0\.25\d*,0,0,new,,0\.25\d*,0\n/);
  });
});
