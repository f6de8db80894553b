/**
 * Small Chicago-layout CSVs written by the tests themselves, so every expected count is computed
 * here from the rows, independently of the app.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../../src/analysis/random';

const HEADER =
  'ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Year,Updated On,Latitude,Longitude,Location';

export const FIXTURE_TYPES = ['THEFT', 'BATTERY', 'BURGLARY', 'NARCOTICS', 'ROBBERY'] as const;

export interface FixtureRow {
  id: number;
  type: (typeof FIXTURE_TYPES)[number];
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  lat: number;
  lon: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function portalDate(r: FixtureRow): string {
  const h12 = r.hour % 12 === 0 ? 12 : r.hour % 12;
  return `${pad(r.month)}/${pad(r.day)}/${r.year} ${pad(h12)}:${pad(r.minute)}:00 ${r.hour < 12 ? 'AM' : 'PM'}`;
}

/** Rows in a ~6 km square around (41.85, -87.65), every field valid. */
export function fixtureRows(count: number, seed: number): FixtureRow[] {
  const rng = createRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: 1_000_000 + i,
    type: FIXTURE_TYPES[rng.int(FIXTURE_TYPES.length)],
    year: 2024,
    month: 1 + rng.int(12),
    day: 1 + rng.int(28),
    hour: rng.int(24),
    minute: rng.int(60),
    lat: 41.82 + rng.next() * 0.06,
    lon: -87.69 + rng.next() * 0.08,
  }));
}

export function fixtureCsv(rows: FixtureRow[]): string {
  const lines = rows.map((r) =>
    [
      r.id,
      `JX${r.id}`,
      portalDate(r),
      '001XX W TEST ST',
      '0820',
      r.type,
      'TEST',
      'STREET',
      'false',
      'false',
      '0111',
      '001',
      '1',
      '1',
      '06',
      '',
      '',
      r.year,
      portalDate(r),
      r.lat.toFixed(9),
      r.lon.toFixed(9),
      `"(${r.lat.toFixed(9)}, ${r.lon.toFixed(9)})"`,
    ].join(','),
  );
  return `${HEADER}\n${lines.join('\n')}\n`;
}

/** Writes a file into a fresh temporary folder and returns its path. */
export function writeTemp(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'cop-planner-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
