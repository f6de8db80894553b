/**
 * `cop-planner trend` and `cop-planner compstat`, spawned as a user would: the JSON shapes the issue
 * specifies, the sample's rising MOTOR VEHICLE THEFT, a hand-made file whose numbers are checked by
 * pencil, police.uk's missing months, and one-line errors with exit status 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../../bin/cop-planner.mjs');
const SAMPLE_CSV = resolve(__dirname, '../../../data/sample/incidents.csv');
const POLICE_UK = resolve(__dirname, '../../../../shared/data/policeuk_city_of_london_2017');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface TrendJson {
  by: string;
  completeThrough: string;
  series: { start: string; count: number; partial: boolean; missing: boolean }[];
  S: number;
  varS: number;
  z: number;
  p: number;
  tau: number;
  senSlope: number;
  sentence: string;
}

const dir = mkdtempSync(join(tmpdir(), 'cop-trend-'));

/** 10, 12, …, 20 incidents January–June 2024 (generic columns), the last at 23:30 on 30 June. */
function handFile(): string {
  const rows = ['date,time,lat,lon,category'];
  [10, 12, 14, 16, 18, 20].forEach((count, m) => {
    for (let k = 0; k < count; k++) {
      const last = m === 5 && k === count - 1;
      const day = last ? 30 : k + 1;
      rows.push(
        `2024-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')},${last ? '23:30' : '10:00'},41.8,-87.6,BURGLARY`,
      );
    }
  });
  const path = join(dir, 'hand.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}
const COLUMNS = 'lat=lat,lon=lon,date=date,time=time,category=category,order=ymd';

describe('cop-planner trend', () => {
  it('prints the series and the test as JSON, numbers checked by pencil', () => {
    const r = cli('trend', handFile(), '--columns', COLUMNS, '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as TrendJson;
    expect(out.by).toBe('month');
    expect(out.completeThrough).toBe('2024-06-30');
    expect(out.series).toEqual(
      [10, 12, 14, 16, 18, 20].map((count, m) => ({
        start: `2024-0${m + 1}-01`,
        count,
        partial: false,
        missing: false,
      })),
    );
    expect(out.S).toBe(15);
    expect(out.varS).toBeCloseTo((6 * 5 * 17) / 18, 10);
    expect(out.z).toBeCloseTo(14 / Math.sqrt((6 * 5 * 17) / 18), 10);
    expect(out.tau).toBe(1);
    expect(out.senSlope).toBe(2);
    expect(out.p).toBeCloseTo(0.008536, 5); // 2·(1 − Φ(2.6302))
  });

  it('finds the sample city’s rising MOTOR VEHICLE THEFT by week', () => {
    const r = cli(
      'trend',
      SAMPLE_CSV,
      '--by',
      'week',
      '--category',
      'MOTOR VEHICLE THEFT',
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as TrendJson;
    expect(out.by).toBe('week');
    expect(out.completeThrough).toBe('2025-12-31');
    expect(out.series[0].start).toBe('2022-12-26'); // the Monday of the week of 1 January 2023
    expect(out.series[0].partial).toBe(true);
    expect(out.p).toBeLessThan(0.001);
    expect(out.senSlope).toBeGreaterThan(0);
    expect(out.sentence).toMatch(/^motor vehicle theft rose/);
  });

  it('prints a readable table without --json', () => {
    const r = cli('trend', handFile(), '--columns', COLUMNS);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2024-03\s+14/);
    expect(r.stdout).toMatch(/test\s+All selected incidents rose 2 a month, p = 0\.009/);
  });

  it('fails in one line, exit 2, for an unknown category or period', () => {
    const bad = cli('trend', handFile(), '--columns', COLUMNS, '--category', 'ARSON');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^cop-planner: There is no category "ARSON" .*BURGLARY/);
    const by = cli('trend', handFile(), '--by', 'year');
    expect(by.status).toBe(2);
    expect(by.stderr).toMatch(/--by must be one of month, week, day/);
  });

  it.skipIf(!existsSync(POLICE_UK))(
    'marks October and November missing in the police.uk 2017 extract (needs ../shared/data)',
    () => {
      const files = readdirSync(POLICE_UK)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => join(POLICE_UK, f));
      const r = cli('trend', ...files, '--json');
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as TrendJson;
      expect(out.series.filter((s) => s.missing).map((s) => s.start)).toEqual([
        '2017-10-01',
        '2017-11-01',
      ]);
      const weekly = cli('trend', ...files, '--by', 'week', '--json');
      expect((JSON.parse(weekly.stdout) as { declined: string }).declined).toMatch(/months only/);
    },
  );
});

interface CompstatJson {
  completeThrough: string;
  windows: {
    window: string;
    declined?: string;
    total: { current: number };
    rows: {
      kind: string;
      label: string;
      current: number;
      previous: { count: number; change: string; p: number; significant: boolean };
      yearEarlier: { count: number; change: string; p: number; significant: boolean };
    }[];
  }[];
}

describe('cop-planner compstat', () => {
  it('prints the change table of the sample as JSON, every category and group', () => {
    const r = cli('compstat', SAMPLE_CSV, '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as CompstatJson;
    expect(out.completeThrough).toBe('2025-12-31');
    expect(out.windows.map((w) => w.window)).toEqual(['7 days', '28 days', '365 days']);
    const year = out.windows[2];
    const labels = year.rows.map((row) => row.label);
    expect(labels).toContain('MOTOR VEHICLE THEFT');
    expect(labels).toContain('property offences');
    const mvt = year.rows.find((row) => row.label === 'MOTOR VEHICLE THEFT');
    expect(mvt?.yearEarlier.significant).toBe(true);
    expect(mvt?.yearEarlier.change).toMatch(/^\+\d+\.\d%$/);
    // The first rows are the significant ones.
    expect(year.rows[0].previous.significant || year.rows[0].yearEarlier.significant).toBe(true);
  });

  it('writes "new" and the Poisson p for a hand case (5 against 0 → p = 0.0625)', () => {
    const rows = ['date,time,lat,lon,category', '2022-12-01,12:00,41.8,-87.6,THEFT'];
    for (const d of [1, 2, 3, 5, 6]) rows.push(`2024-01-0${d},12:00,41.8,-87.6,BURGLARY`);
    rows.push('2023-12-27,12:00,41.8,-87.6,BURGLARY', '2024-01-07,23:30,41.8,-87.6,THEFT');
    const path = join(dir, 'compstat.csv');
    writeFileSync(path, `${rows.join('\n')}\n`);
    const r = cli('compstat', path, '--columns', COLUMNS, '--days', '7', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as CompstatJson;
    const burglary = out.windows[0].rows.find((row) => row.label === 'BURGLARY');
    expect(burglary?.current).toBe(5);
    expect(burglary?.previous.change).toBe('+400.0%');
    expect(burglary?.previous.p).toBeCloseTo(0.21875, 10); // poisson.test(c(5, 1))
    expect(burglary?.yearEarlier.change).toBe('new');
    expect(burglary?.yearEarlier.p).toBeCloseTo(0.0625, 10); // poisson.test(c(5, 0))
    const text = cli('compstat', path, '--columns', COLUMNS, '--days', '7');
    expect(text.stdout).toMatch(/BURGLARY\s+5\s+1\s+\+400\.0%\s+0\.219\s+0\s+new\s+0\.063/);
  });
});
