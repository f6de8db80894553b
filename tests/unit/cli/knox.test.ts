/**
 * `cop-planner knox` against the Near Repeat Calculator: on the R package NearRepeat's Chicago
 * burglary file (a plain x,y,date CSV in metres, no header), NRC 1.3's observed table for 100 m ×
 * 3 bands and 7 days × 3 bands, Manhattan distance (shared/reference/nearrepeat_knox_chicago.json,
 * NRC_vignette_chicago_be.nrc_observed); the same file with a header row; the app's own import
 * format (the sample city, filtered to burglary); and the errors a person can act on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlainPoints } from '../../../src/cli/commands/knox';

const REF = resolve(__dirname, '../../../../shared/reference');
const DATA = resolve(__dirname, '../../../../shared/data/nearrepeat_chicago_code_2016');
const BIN = resolve(__dirname, '../../../bin/cop-planner.mjs');
const SAMPLE = resolve(__dirname, '../../../data/sample/incidents.csv');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface KnoxJson {
  spaceBands: string[];
  timeBands: string[];
  observed: number[][];
  ratio: (number | null)[][];
  p: (number | null)[][];
  summary: string[];
}

const NRC_BANDS = [
  '--space-band',
  '100',
  '--space-bands',
  '3',
  '--time-band',
  '7',
  '--time-bands',
  '3',
];

describe.skipIf(!existsSync(REF) || !existsSync(DATA))(
  'cop-planner knox on the Chicago burglaries (needs ../shared/reference and ../shared/data)',
  () => {
    const reference = () =>
      JSON.parse(readFileSync(join(REF, 'nearrepeat_knox_chicago.json'), 'utf8')) as {
        expected: { NRC_vignette_chicago_be: { nrc_observed: number[][] } };
      };

    it("reproduces NRC's observed table from the plain x,y,date file (no header)", () => {
      const r = cli(
        'knox',
        join(DATA, 'chicago_be_month1.csv'),
        ...NRC_BANDS,
        '--permutations',
        '99',
        '--json',
      );
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as KnoxJson;
      expect(out.observed).toEqual(reference().expected.NRC_vignette_chicago_be.nrc_observed);
      // N + 2 rows by M + 1 columns, labelled as the calculator lays them out.
      expect(out.spaceBands).toEqual([
        'Same location',
        'Up to 100 m',
        '100–200 m',
        '200–300 m',
        '300 m or more',
      ]);
      expect(out.timeBands).toEqual(['0–6 days', '7–13 days', '14–20 days', '21 days or more']);
      expect(out.ratio).toHaveLength(5);
      expect(out.p[0]).toHaveLength(4);
      // p = (sims ≥ observed + 1) / 100: multiples of 0.01.
      for (const row of out.p)
        for (const p of row)
          expect(Math.round((p as number) * 100)).toBeCloseTo((p as number) * 100, 9);
    });

    it('reads the same file with a header row, and prints a readable table without --json', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cop-knox-'));
      const withHeader = join(dir, 'be.csv');
      writeFileSync(
        withHeader,
        `x,y,date\n${readFileSync(join(DATA, 'chicago_be_month1.csv'), 'utf8')}`,
      );
      const json = cli('knox', withHeader, ...NRC_BANDS, '--permutations', '19', '--json');
      expect(json.status, json.stderr).toBe(0);
      expect((JSON.parse(json.stdout) as KnoxJson).observed).toEqual(
        reference().expected.NRC_vignette_chicago_be.nrc_observed,
      );
      const text = cli('knox', withHeader, ...NRC_BANDS, '--permutations', '19', '--quiet');
      expect(text.status, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/Same location\s+28 \(/);
      expect(text.stdout).toMatch(/plain x, y, date CSV with a header/);
    });
  },
);

describe('cop-planner knox on the app’s import format', () => {
  it('runs on the sample city’s burglaries and finds the planted near repeats', () => {
    const r = cli(
      'knox',
      SAMPLE,
      '--category',
      'BURGLARY',
      ...NRC_BANDS,
      '--permutations',
      '99',
      '--seed',
      '5',
      '--metric',
      'euclidean',
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as KnoxJson;
    expect(out.observed).toHaveLength(5);
    expect(out.p[1][0]).toBeCloseTo(0.01, 12); // the smallest p 99 permutations allow
    expect(out.summary[0]).toMatch(/^Near-repeat pattern found/);
  });

  it('explains what is wrong in one line', () => {
    const bad = cli('knox', SAMPLE, '--metric', 'chebyshev');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--metric must be manhattan or euclidean/);
    const none = cli('knox', SAMPLE, '--category', 'NOT A CRIME');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no incident has the category "NOT A CRIME"/);
  });
});

describe('readPlainPoints (by hand)', () => {
  it('recognises three columns of x, y and an ISO date, with or without a header', () => {
    const a = readPlainPoints('10,20,2016-01-02\n30.5,40,2016-01-03\n');
    expect(a?.headerRow).toBe(false);
    expect(Array.from(a?.xy ?? [])).toEqual([10, 20, 30.5, 40]);
    expect(a?.precision).toBe('day');
    const b = readPlainPoints('date,x,y\n2016-01-02 13:05,10,20\n');
    expect(b?.headerRow).toBe(true);
    expect(Array.from(b?.xy ?? [])).toEqual([10, 20]);
    expect(b?.precision).toBe('time');
    expect(b?.timesMs[0]).toBe(Date.UTC(2016, 0, 2, 13, 5));
  });

  it('leaves other files to the importer', () => {
    expect(
      readPlainPoints('ID,Date,Primary Type,Latitude,Longitude\n1,01/02/2016,THEFT,41.8,-87.6\n'),
    ).toBeNull();
    expect(readPlainPoints('a,b,c\nx,y,z\n')).toBeNull();
    expect(readPlainPoints('1,2,01/02/2016\n')).toBeNull();
  });
});
