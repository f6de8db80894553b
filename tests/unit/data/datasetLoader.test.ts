/**
 * What the import worker runs, called directly over Blobs: the preview for the mapping dialog, the
 * dry run's live counts, the whole import with progress, the rejected-rows download and an
 * incident's original fields. Fixtures: `tests/fixtures/import/chicago-layout.csv` (7 hand-made
 * rows in the Chicago portal layout: 4 good, one without coordinates, one at the "no geocode"
 * sentinel, one repeating ID 900002) and `custom-layout.csv` (5 rows, semicolons, CRLF, day-first
 * dates: 3 good, one without coordinates, one dated 32/08/2024).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dryRun,
  importDataset,
  previewFile,
  rejectedRowsBlob,
  sourceFields,
  type Dataset,
  type NamedBlob,
} from '../../../src/data/datasetLoader';
import type { ImportProgress } from '../../../src/data/importSession';
import { completeMapping, PORTAL_SCHEMAS, type ColumnMapping } from '../../../src/data/schemas';

const FIXTURES = resolve(__dirname, '../../fixtures/import');
const fixture = (name: string): NamedBlob => ({
  name,
  blob: new Blob([readFileSync(`${FIXTURES}/${name}`)]),
});
const textBlob = (name: string, text: string | Uint8Array): NamedBlob => ({
  name,
  blob: new Blob([text as BlobPart]),
});

const CUSTOM: ColumnMapping = {
  coordinates: { kind: 'latlon', lat: 'Y', lon: 'X' },
  date: 'Occurred',
  time: 'Time',
  category: 'Offence',
  id: 'Report No',
  address: 'Street',
  dateOrder: 'dmy',
};
const GENERIC: ColumnMapping = {
  coordinates: { kind: 'latlon', lat: 'lat', lon: 'lon' },
  date: 'date',
  category: 'category',
  id: 'id',
  dateOrder: 'mdy',
};

/** A generated file of `rows` rows in the generic layout, every 1,000th without coordinates. */
function generated(rows: number): string {
  const lines = ['id,date,lat,lon,category'];
  for (let i = 1; i <= rows; i++) {
    const coords = i % 1000 === 0 ? ',' : `${(41.8 + (i % 97) * 0.001).toFixed(4)},-87.6${i % 10}`;
    lines.push(
      `${i},01/${String(1 + (i % 28)).padStart(2, '0')}/2023 10:00:00 AM,${coords},C${i % 5}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function expectOk<T>(outcome: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!outcome.ok) throw new Error(`expected ok, got: ${outcome.error}`);
  return outcome.value;
}

describe('previewFile', () => {
  it('a known layout: headers, rows, the portal and its mapping', async () => {
    const preview = expectOk(await previewFile(fixture('chicago-layout.csv')));
    expect(preview.schema).toBe('chicago');
    expect(preview.schemaName).toBe('Chicago Data Portal — Crimes 2001 to Present');
    expect(preview.headers).toHaveLength(22);
    expect(preview.rows).toHaveLength(7);
    expect(preview.rows[0].slice(0, 3)).toEqual(['900001', 'ZZ100001', '01/05/2023 09:15:00 PM']);
    expect(preview.rows[0][21]).toBe('(41.8837, -87.6278)');
    expect(preview.delimiter).toBe(',');
    expect(preview.encoding).toBe('utf-8');
    expect(preview.guess).toEqual(PORTAL_SCHEMAS.find((s) => s.id === 'chicago')?.mapping);
  });

  it('an unknown layout: a guessed mapping with the date order read from the rows', async () => {
    const preview = expectOk(await previewFile(fixture('custom-layout.csv')));
    expect(preview.schema).toBeNull();
    expect(preview.delimiter).toBe(';');
    expect(preview.headers).toEqual([
      'Report No',
      'Occurred',
      'Time',
      'Y',
      'X',
      'Offence',
      'Street',
    ]);
    expect(preview.rows[1]).toEqual([
      '24-0002',
      '03/08/2024',
      '08:05',
      '51.5155',
      '-0.0922',
      'Robbery',
      'Cheapside; east end',
    ]);
    expect(preview.guess).toMatchObject({
      coordinates: { kind: 'xy', x: 'X', y: 'Y', crs: 'EPSG:4326' },
      date: 'Occurred',
      time: 'Time',
      category: 'Offence',
      address: 'Street',
      dateOrder: 'dmy', // 19/07/2024 cannot be month-first
    });
    // The guess, completed, imports the file (X/Y in EPSG:4326 are longitude/latitude).
    const done = completeMapping(preview.guess);
    expect('mapping' in done).toBe(true);
    if ('mapping' in done) {
      const counts = expectOk(await dryRun(fixture('custom-layout.csv'), done.mapping));
      expect(counts.rowsImported).toBe(3);
    }
  });

  it('shows at most 50 complete rows of a large file', async () => {
    const big = textBlob('big.csv', generated(20_000));
    expect(big.blob.size).toBeGreaterThan(256 * 1024);
    const preview = expectOk(await previewFile(big));
    expect(preview.rows).toHaveLength(50);
    expect(preview.rows[49]).toEqual(['50', '01/23/2023 10:00:00 AM', '41.8500', '-87.60', 'C0']);
  });

  it('an empty file and a binary file get plain messages', async () => {
    expect(await previewFile(textBlob('empty.csv', ''))).toEqual({
      ok: false,
      error: '"empty.csv" is empty.',
      kind: 'empty',
    });
    const binary = await previewFile(
      textBlob('photo.jpg', Uint8Array.of(0xff, 0xd8, 0xff, 0, 0, 1)),
    );
    expect(binary.ok).toBe(false);
    if (!binary.ok) {
      expect(binary.kind).toBe('notCsv');
      expect(binary.error).toMatch(/^"photo.jpg" is not a text CSV file/);
    }
  });
});

describe('dryRun', () => {
  it('counts what a mapping would import and reject in a small file (read whole)', async () => {
    expect(expectOk(await dryRun(fixture('custom-layout.csv'), CUSTOM))).toEqual({
      rowsRead: 5,
      rowsImported: 3,
      rejected: {
        noCoordinates: 1,
        invalidCoordinates: 0,
        sentinelCoordinates: 0,
        outlier: 0,
        badDate: 1,
        duplicateId: 0,
      },
      wholeFile: true,
    });
  });

  it('reads the complete rows of the first megabyte of a large file', async () => {
    const text = generated(30_000);
    const counts = expectOk(await dryRun(textBlob('big.csv', text), GENERIC));
    expect(counts.wholeFile).toBe(false);
    // The rows that end within the first 1 MiB (the header is not a row).
    const head = text.slice(0, 1 << 20); // ASCII: characters are bytes
    const complete = head.slice(0, head.lastIndexOf('\n') + 1).split('\n').length - 2;
    expect(counts.rowsRead).toBe(complete);
    expect(counts.rowsImported + counts.rejected.noCoordinates).toBe(complete);
    expect(counts.rejected.noCoordinates).toBe(Math.floor(complete / 1000));
  });

  it('a mapping naming absent columns returns the message, not a throw', async () => {
    const outcome = await dryRun(fixture('custom-layout.csv'), GENERIC);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.kind).toBe('mismatch');
      expect(outcome.error).toMatch(/has no column for latitude \("lat"\)/);
    }
  });
});

describe('importDataset', () => {
  it('imports several Blobs with progress that ends at 100% of the bytes', async () => {
    const files = [textBlob('a.csv', generated(20_000)), textBlob('a2.csv', generated(3))];
    const total = files[0].blob.size + files[1].blob.size;
    const progress: ImportProgress[] = [];
    const dataset = expectOk(
      await importDataset({ files, options: { mapping: GENERIC } }, (p) => progress.push(p)),
    );
    expect(progress.length).toBe(3); // one slice a file, then the finish
    expect(progress.at(-1)).toEqual({
      rowsRead: 20_003,
      rowsImported: 20_003 - 20 - 3, // 20 rows without coordinates; ids 1–3 of a2.csv repeat
      bytesRead: total,
      totalBytes: total,
    });
    for (let k = 1; k < progress.length; k++) {
      expect(progress[k].bytesRead).toBeGreaterThanOrEqual(progress[k - 1].bytesRead);
      expect(progress[k].rowsRead).toBeGreaterThanOrEqual(progress[k - 1].rowsRead);
    }
    expect(dataset.name).toBe('a.csv + 1 more');
    expect(dataset.isSample).toBe(false);
    expect(dataset.report.rejected.duplicateId).toBe(3);
    expect(dataset.table.count).toBe(dataset.report.rowsImported);
    expect(dataset.files).toBe(files);
  });

  it('streams a file larger than one 8 MiB slice; rejected rows read back across windows', async () => {
    const text = generated(200_000);
    const file = textBlob('large.csv', text);
    expect(file.blob.size).toBeGreaterThan(8 << 20);
    const progress: number[] = [];
    const dataset = expectOk(
      await importDataset({ files: [file], options: { mapping: GENERIC } }, (p) =>
        progress.push(p.bytesRead),
      ),
    );
    expect(progress.length).toBeGreaterThanOrEqual(3); // two slices and the finish
    expect(progress[0]).toBeLessThan(file.blob.size);
    expect(progress.at(-1)).toBe(file.blob.size);
    expect(dataset.report.rejected.noCoordinates).toBe(200);
    const csv = (await (await rejectedRowsBlob(dataset)).text()).trimEnd().split('\n');
    expect(csv).toHaveLength(1 + 200);
    const lines = text.split('\n');
    for (let k = 1; k <= 200; k++)
      expect(csv[k]).toBe(`no coordinates,large.csv,${k * 1000},${lines[k * 1000]}`);
  });

  it('reads an incident’s original fields back from its file', async () => {
    const dataset = expectOk(
      await importDataset({ files: [fixture('custom-layout.csv')], options: { mapping: CUSTOM } }),
    );
    const fields = await sourceFields(dataset as Dataset, 1);
    expect(fields).toEqual([
      ['Report No', '24-0002'],
      ['Occurred', '03/08/2024'],
      ['Time', '08:05'],
      ['Y', '51.5155'],
      ['X', '-0.0922'],
      ['Offence', 'Robbery'],
      ['Street', 'Cheapside; east end'],
    ]);
  });

  it('a malformed or unusable file returns ok: false with a message', async () => {
    const cases: [NamedBlob[], ColumnMapping | undefined, string, RegExp][] = [
      [[], undefined, 'empty', /^No file was chosen\.$/],
      [[textBlob('e.csv', '')], undefined, 'empty', /^"e.csv" is empty\.$/],
      [[textBlob('b.bin', Uint8Array.of(1, 0, 2, 0, 3))], undefined, 'notCsv', /not a text CSV/],
      [[fixture('custom-layout.csv')], undefined, 'needsMapping', /not in a layout COP Planner/],
      [
        [textBlob('h.csv', 'id,date,lat,lon,category\n')],
        GENERIC,
        'noRows',
        /header row but no data rows/,
      ],
      [
        // Los Angeles coordinates in swapped columns: every row out of range, and the fix named.
        [
          textBlob(
            'la.csv',
            'id,date,lat,lon,category\n1,01/02/2023,-118.35,34.04,A\n2,01/02/2023,-118.3,34.1,A\n',
          ),
        ],
        GENERIC,
        'noRows',
        /^No incident could be imported from "la.csv": all 2 rows were rejected \(2 coordinates unreadable or outside the valid range\)\. 2 rows have a latitude beyond ±90° .* look swapped\. Check the column mapping\.$/,
      ],
    ];
    for (const [files, mapping, kind, message] of cases) {
      const outcome = await importDataset({ files, options: { mapping } });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.kind).toBe(kind);
        expect(outcome.error).toMatch(message);
      }
    }
    const unknown = await importDataset({ files: [fixture('custom-layout.csv')], options: {} });
    expect(!unknown.ok && unknown.headers).toEqual([
      'Report No',
      'Occurred',
      'Time',
      'Y',
      'X',
      'Offence',
      'Street',
    ]);
  });
});
