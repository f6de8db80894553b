/**
 * `cop-planner import`, spawned as a user would run it (`node bin/cop-planner.mjs import FILE
 * --json`): the JSON report issue 2 §4 specifies, on the hand-made Chicago-layout fixture (numbers
 * checked by eye against its 7 rows), on the shared Chicago homicide file (numbers from its
 * SOURCE.txt, and shared locations counted independently with papaparse), with `--columns` on a
 * custom layout, and the one-line errors with a non-zero exit.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { importCommand } from '../../../src/cli/commands/import';
import { CliError } from '../../../src/cli/loadFiles';

const ROOT = resolve(__dirname, '../../..');
const BIN = `${ROOT}/bin/cop-planner.mjs`;
const FIXTURES = `${ROOT}/tests/fixtures/import`;
const CHICAGO_FILE = resolve(
  ROOT,
  '../shared/data/chicago_homicides_2001_2023/Homicides_2001_to_present.csv',
);
const HAS_CHICAGO = existsSync(CHICAGO_FILE);

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      done({ status: code, stdout, stderr });
    });
  });
}

interface ImportJson {
  schema: string;
  rowsRead: number;
  rowsImported: number;
  rejected: Record<string, number>;
  duplicatesSharingCoordinates: number;
  distinctLocations: number;
  dateRange: [string, string] | null;
  bbox: [number, number, number, number] | null;
  categories: Record<string, number>;
}

const CUSTOM_COLUMNS =
  'lat=Y,lon=X,date=Occurred,time=Time,category=Offence,id=Report No,address=Street,order=dmy';

// The processes start together (each pays for tsx's start-up once, in parallel).
const runs: Record<string, Run> = {};
beforeAll(async () => {
  const jobs: [string, Promise<Run>][] = [
    ['fixture', cli('import', `${FIXTURES}/chicago-layout.csv`, '--json')],
    [
      'custom',
      cli('import', `${FIXTURES}/custom-layout.csv`, '--columns', CUSTOM_COLUMNS, '--json'),
    ],
    ['missing', cli('import', `${FIXTURES}/no-such-file.csv`, '--json')],
    ['unknown', cli('import', `${FIXTURES}/custom-layout.csv`, '--json')],
  ];
  if (HAS_CHICAGO) jobs.push(['chicago', cli('import', CHICAGO_FILE, '--json')]);
  const results = await Promise.all(jobs.map(([, p]) => p));
  jobs.forEach(([name], k) => (runs[name] = results[k]));
}, 120_000);

/**
 * Runs the import command in this process (not through `main`, whose other commands load geotiff's
 * web-worker shim, which fails inside vitest's worker threads), capturing what it writes.
 */
async function inProcess(...args: string[]): Promise<{ stdout: string; error: unknown }> {
  let stdout = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await importCommand.run(args);
    return { stdout, error: null };
  } catch (error) {
    return { stdout, error };
  } finally {
    out.mockRestore();
  }
}

const json = (run: Run): ImportJson => {
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ImportJson;
};

const noRejections = {
  noCoordinates: 0,
  invalidCoordinates: 0,
  sentinelCoordinates: 0,
  outlier: 0,
  badDate: 0,
  duplicateId: 0,
};

describe('cop-planner import --json', () => {
  it('reports the hand-made Chicago-layout file: 4 of 7 imported, each rejection named', () => {
    const out = json(runs.fixture);
    expect(out.schema).toBe('chicago');
    expect(out.rowsRead).toBe(7);
    expect(out.rowsImported).toBe(4);
    // 900005 has no coordinates, 900006 is at the "no geocode" point, 900002 appears twice.
    expect(out.rejected).toEqual({
      ...noRejections,
      noCoordinates: 1,
      sentinelCoordinates: 1,
      duplicateId: 1,
    });
    // 900003 and 900004 share 41.8772, -87.626.
    expect(out.duplicatesSharingCoordinates).toBe(2);
    expect(out.dateRange).toEqual(['2023-01-05T21:15:00', '2023-01-08T01:05:00']);
    expect(out.bbox).toEqual([-87.635, 41.8772, -87.626, 41.8837]);
    expect(out.categories).toEqual({
      BATTERY: 1,
      THEFT: 1,
      NARCOTICS: 1,
      'CRIMINAL TRESPASS': 1,
    });
  });

  it('prints a readable report without --json (in-process)', async () => {
    const out = await inProcess(`${FIXTURES}/chicago-layout.csv`);
    expect(out.error).toBeNull();
    expect(out.stdout).toMatch(/^schema {8}Chicago Data Portal/);
    expect(out.stdout).toContain('rows read     7\n');
    expect(out.stdout).toContain('imported      4\n');
    expect(out.stdout).toContain("           1  zero or the portal's 'no geocode' coordinates\n");
  });

  it('maps a custom layout with --columns (semicolons, CRLF, day-first dates, a time column)', () => {
    const out = json(runs.custom);
    expect(out.schema).toBe('custom');
    expect(out.rowsRead).toBe(5);
    expect(out.rowsImported).toBe(3);
    expect(out.rejected).toEqual({ ...noRejections, noCoordinates: 1, badDate: 1 });
    expect(out.dateRange).toEqual(['2024-07-19T21:40:00', '2024-08-31T00:00:00']);
    expect(out.bbox).toEqual([-0.1278, 51.5033, -0.0922, 51.5155]);
    expect(out.categories).toEqual({ Burglary: 1, Robbery: 1, 'Vehicle crime': 1 });
    expect(out.duplicatesSharingCoordinates).toBe(0);
  });
});

describe('cop-planner import errors: non-zero exit, one line on stderr', () => {
  const oneLine = (run: Run): string => {
    expect(run.status).toBe(2); // main() exits 2 for errors it explains
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^cop-planner: [^\n]+\n$/);
    return run.stderr;
  };

  it('a missing file', () => {
    expect(oneLine(runs.missing)).toBe(
      `cop-planner: cannot read "${FIXTURES}/no-such-file.csv": no such file\n`,
    );
  });

  it('an unknown layout, with the option that maps it', () => {
    const message = oneLine(runs.unknown);
    expect(message).toMatch(/"custom-layout.csv" is not in a layout COP Planner recognises/);
    expect(message).toMatch(/--columns lat=COL,lon=COL,date=COL,category=COL/);
  });

  it('an unknown --schema and an incomplete --columns stop with a CliError (in-process)', async () => {
    const schema = await inProcess(`${FIXTURES}/chicago-layout.csv`, '--schema', 'boston');
    expect(schema.error).toBeInstanceOf(CliError);
    expect((schema.error as Error).message).toMatch(
      /^--schema must be one of auto, chicago, policeuk/,
    );
    const columns = await inProcess(`${FIXTURES}/custom-layout.csv`, '--columns', 'lat=Y');
    expect(columns.error).toBeInstanceOf(CliError);
    expect((columns.error as Error).message).toMatch(/^--columns needs lat= and lon=/);
    expect(schema.stdout + columns.stdout).toBe('');
  });
});

describe.skipIf(!HAS_CHICAGO)(
  'cop-planner import on the Chicago homicide file (needs ../shared/data)',
  () => {
    it('12,648 of 12,657 rows; 3 without coordinates, 6 at the sentinel (SOURCE.txt)', () => {
      const out = json(runs.chicago);
      expect(out.schema).toBe('chicago');
      expect(out.rowsRead).toBe(12_657);
      expect(out.rowsImported).toBe(12_648);
      expect(out.rejected).toEqual({ ...noRejections, noCoordinates: 3, sentinelCoordinates: 6 });
      expect(out.dateRange).toEqual(['2001-01-01T10:40:00', '2023-07-19T19:40:00']);
      expect(out.categories).toEqual({ HOMICIDE: 12_648 });
      const [west, south, east, north] = out.bbox as number[];
      expect([west > -88, south > 41.6, east < -87.5, north < 42.1]).toEqual([
        true,
        true,
        true,
        true,
      ]);
    });

    it('counts the incidents that share exact coordinates as papaparse and a Map do', () => {
      // Independent count: papaparse reads the file, a Map groups rows by their numeric lat/lon.
      const rows = Papa.parse<Record<string, string>>(readFileSync(CHICAGO_FILE, 'utf8'), {
        header: true,
        skipEmptyLines: true,
      }).data;
      const groups = new Map<string, number>();
      for (const r of rows) {
        if (r.Latitude === '' || r['X Coordinate'] === '0.0') continue;
        const key = `${Number(r.Latitude)},${Number(r.Longitude)}`;
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
      let sharing = 0;
      for (const n of groups.values()) if (n >= 2) sharing += n;
      const out = json(runs.chicago);
      expect(out.distinctLocations).toBe(groups.size);
      expect(out.duplicatesSharingCoordinates).toBe(sharing);
    });
  },
);
