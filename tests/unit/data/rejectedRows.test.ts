/**
 * The rejected-rows CSV: the original header with reason, file and row in front, then every
 * rejected row byte for byte as it stood in its file — read back through windows of the source.
 */
import { describe, expect, it } from 'vitest';
import { ImportSession, type ImportResult } from '../../../src/data/importSession';
import { rejectedRowsCsv, type RangeReader } from '../../../src/data/rejectedRows';
import type { ColumnMapping } from '../../../src/data/schemas';

const encoder = new TextEncoder();
const GENERIC: ColumnMapping = {
  coordinates: { kind: 'latlon', lat: 'lat', lon: 'lon' },
  date: 'date',
  category: 'category',
  id: 'id',
  dateOrder: 'mdy',
};

function importFiles(files: [string, Uint8Array][]): ImportResult {
  const session = new ImportSession({ mapping: GENERIC });
  for (const [name, bytes] of files) {
    session.beginFile(name, bytes.length);
    session.push(bytes);
    session.endFile();
  }
  return session.finish();
}

/**
 * Reads from in-memory files and counts the reads. With `windowBytes`, it returns only that many
 * bytes past `start` (or through the end of the rejected row starting there, whichever is longer):
 * a small stand-in for the 8 MiB windows of a real file, so rows fall across window ends.
 */
function reader(
  files: Uint8Array[],
  windowBytes = Infinity,
  rejected?: ImportResult['rejected'],
): { read: RangeReader; reads: number[] } {
  const rowEnd = new Map<string, number>();
  if (rejected)
    for (let r = 0; r < rejected.count; r++)
      rowEnd.set(
        `${rejected.file[r]}:${rejected.offset[r]}`,
        rejected.offset[r] + rejected.length[r],
      );
  const reads: number[] = [];
  const read: RangeReader = async (file, start, end) => {
    reads.push(start);
    const stop = Math.min(end, Math.max(start + windowBytes, rowEnd.get(`${file}:${start}`) ?? 0));
    return files[file].slice(start, stop);
  };
  return { read, reads };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const asLatin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

describe('rejectedRowsCsv', () => {
  it('writes the header and one line per rejected row, original bytes, reasons in words', async () => {
    const a = encoder.encode(
      [
        'id,date,lat,lon,category',
        '1,01/02/2023,41.88,-87.63,A',
        '2,01/02/2023,,,"multi\r\nline, ""quoted"""',
        '3,bad,41.88,-87.63,A',
        '1,01/03/2023,41.88,-87.63,A',
        '4,01/02/2023,0,0,A',
      ].join('\r\n'), // no line break after the last row
    );
    const result = importFiles([['a.csv', a]]);
    const { read } = reader([a]);
    const csv = concat(await rejectedRowsCsv(result.report, result.rejected, read));
    expect(new TextDecoder().decode(csv)).toBe(
      'reject_reason,source_file,source_row,id,date,lat,lon,category\n' +
        'no coordinates,a.csv,2,2,01/02/2023,,,"multi\r\nline, ""quoted"""\r\n' +
        'unparseable date,a.csv,3,3,bad,41.88,-87.63,A\r\n' +
        'duplicate ID,a.csv,4,1,01/03/2023,41.88,-87.63,A\r\n' +
        "zero or the portal's 'no geocode' coordinates,a.csv,5,4,01/02/2023,0,0,A\n",
    );
  });

  it('keeps each file’s own bytes (Windows-1252, a BOM) and quotes names holding the delimiter', async () => {
    const first = latin1(
      'id;date;lat;lon;category\n1;01/02/2023;41.88;-87.63;Caf\xe9\n2;01/02/2023;;;Caf\xe9\n',
    );
    const second = encoder.encode(
      '\ufeffid;date;lat;lon;category\n3;01/02/2023;abc;-87.63;A\n5;02/30/2023;41.88;-87.63;B\n',
    );
    const result = importFiles([
      ['a;1.csv', first],
      ['b.csv', second],
    ]);
    expect(result.report.rowsRead - result.report.rowsImported).toBe(3);
    const { read } = reader([first, second]);
    const csv = concat(await rejectedRowsCsv(result.report, result.rejected, read));
    expect(asLatin1(csv)).toBe(
      'reject_reason;source_file;source_row;id;date;lat;lon;category\n' +
        'no coordinates;"a;1.csv";2;2;01/02/2023;;;Caf\xe9\n' +
        'coordinates unreadable or outside the valid range;b.csv;1;3;01/02/2023;abc;-87.63;A\n' +
        'unparseable date;b.csv;2;5;02/30/2023;41.88;-87.63;B\n',
    );
  });

  it('reads through windows: the same bytes whether rows fall inside or across them', async () => {
    const lines = ['id,date,lat,lon,category'];
    for (let i = 1; i <= 400; i++) {
      const lat = i % 7 === 0 ? '' : '41.88';
      const date = i % 11 === 0 ? 'not a date' : '01/02/2023 10:00:00 AM';
      lines.push(
        `${i},${date},${lat},${lat ? '-87.63' : ''},"row ${i}, padded ${'x'.repeat(i % 13)}"`,
      );
    }
    const file = encoder.encode(lines.join('\n') + '\n');
    const result = importFiles([['big.csv', file]]);
    // 57 rows without coordinates (multiples of 7), 36 more with bad dates (of 11, not of 7).
    expect(result.rejected.count).toBe(57 + 36 - 5);
    const whole = reader([file]);
    const expected = concat(await rejectedRowsCsv(result.report, result.rejected, whole.read));
    expect(whole.reads).toHaveLength(1); // one 8 MiB window holds the whole file
    for (const windowBytes of [1, 40, 97, 1000]) {
      const small = reader([file], windowBytes, result.rejected);
      const got = concat(await rejectedRowsCsv(result.report, result.rejected, small.read));
      expect(new TextDecoder().decode(got)).toBe(new TextDecoder().decode(expected));
      expect(small.reads.length).toBeGreaterThan(1);
    }
    // Every rejected row once, in file order.
    const text = new TextDecoder().decode(expected).trimEnd().split('\n');
    expect(text).toHaveLength(1 + 88);
    expect(text[1]).toBe(
      'no coordinates,big.csv,7,7,01/02/2023 10:00:00 AM,,,"row 7, padded xxxxxxx"',
    );
    expect(text[2]).toBe(
      'unparseable date,big.csv,11,11,not a date,41.88,-87.63,"row 11, padded xxxxxxxxxxx"',
    );
  });
});
