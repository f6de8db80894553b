/**
 * The import session (issue 2 §3): rows in, an incident table and a report out, every rejected row
 * counted once under its first failing reason. Hand-made files whose counts can be checked by eye,
 * then the two real files in `../shared/data` with the numbers their SOURCE.txt states.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoLocal } from '../../../src/analysis/calendar';
import { CHICAGO_SENTINEL } from '../../../src/data/coordinates';
import {
  ImportError,
  ImportSession,
  REJECT_REASONS,
  type ImportOptions,
  type ImportReport,
  type ImportResult,
  type RejectReason,
} from '../../../src/data/importSession';
import { analysisBytes, BYTES_PER_INCIDENT } from '../../../src/data/incidentTable';
import { schemaById, type ColumnMapping } from '../../../src/data/schemas';

const SHARED = resolve(__dirname, '../../../../shared/data');
const CHICAGO_FILE = `${SHARED}/chicago_homicides_2001_2023/Homicides_2001_to_present.csv`;
const POLICE_UK_DIR = `${SHARED}/policeuk_city_of_london_2017`;

const encoder = new TextEncoder();

type Source = string | Uint8Array;

/** Imports files through one session, each pushed in chunks of `chunkBytes`. */
function runImport(
  files: [name: string, source: Source][],
  options: ImportOptions = {},
  chunkBytes = 1 << 20,
): ImportResult {
  const data = files.map(([name, s]) => [name, typeof s === 'string' ? encoder.encode(s) : s]);
  const totalBytes = data.reduce((sum, [, b]) => sum + (b as Uint8Array).length, 0);
  const session = new ImportSession({ ...options, totalBytes });
  for (const [name, bytes] of data as [string, Uint8Array][]) {
    session.beginFile(name, bytes.length);
    for (let at = 0; at < bytes.length; at += chunkBytes)
      session.push(bytes.subarray(at, Math.min(bytes.length, at + chunkBytes)));
    session.endFile();
  }
  return session.finish();
}

const importOne = (text: Source, options: ImportOptions = {}, chunkBytes?: number) =>
  runImport([['test.csv', text]], options, chunkBytes);

/** The import's error, or a failure when it imports. */
function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('the import did not fail');
}

function rejectedTotal(report: ImportReport): number {
  return REJECT_REASONS.reduce((sum, r) => sum + report.rejected[r], 0);
}

function expectBalanced(report: ImportReport): void {
  expect(rejectedTotal(report)).toBe(report.rowsRead - report.rowsImported);
}

const only = (counts: Partial<Record<RejectReason, number>>): Record<RejectReason, number> =>
  Object.fromEntries(REJECT_REASONS.map((r) => [r, counts[r] ?? 0])) as Record<
    RejectReason,
    number
  >;

const GENERIC: ColumnMapping = {
  coordinates: { kind: 'latlon', lat: 'lat', lon: 'lon' },
  date: 'date',
  category: 'category',
  id: 'id',
  dateOrder: 'mdy',
};
const GENERIC_HEADER = 'id,date,lat,lon,category';

/**
 * `n` good rows on a 20 × n/20 grid of 0.001° steps around (41.88, -87.63): about 2 km across, so
 * the outlier threshold is its floor of 20 km. Ids 1…n.
 */
function bulkRows(n: number, category = 'THEFT'): string[] {
  return Array.from({ length: n }, (_, i) => {
    const lat = (41.88 + (i % 20) * 0.001).toFixed(3);
    const lon = (-87.63 - Math.floor(i / 20) * 0.001).toFixed(3);
    return `${i + 1},01/02/2023 10:00:00 AM,${lat},${lon},${category}`;
  });
}

/** Great-circle distance in metres (haversine, R = 6,371,008.8 m). */
function metresBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

describe('rejection reasons', () => {
  // 300 good rows, then one row per reason (ids 1001…) and the two-reason rows.
  const reasonRows = [
    '1001,01/02/2023 10:00:00 AM,,,THEFT', // no coordinates
    '1002,01/02/2023 10:00:00 AM,abc,-87.63,THEFT', // unreadable
    '1003,01/02/2023 10:00:00 AM,95.1,-87.63,THEFT', // out of range
    '1004,01/02/2023 10:00:00 AM,0,0,THEFT', // zero
    `1005,01/02/2023 10:00:00 AM,${CHICAGO_SENTINEL.lat},${CHICAGO_SENTINEL.lon},THEFT`, // sentinel
    '1006,01/02/2023 10:00:00 AM,42.88,-87.63,THEFT', // 111 km north: outlier
    '1007,02/30/2023 10:00:00 AM,41.88,-87.63,THEFT', // bad date
    '5,01/03/2023 10:00:00 AM,41.89,-87.64,THEFT', // duplicate of id 5
    '1008,not a date,,,THEFT', // no coordinates AND bad date: no coordinates
    '1009,not a date,42.88,-87.63,THEFT', // outlier AND bad date: outlier
  ];
  const text = [GENERIC_HEADER, ...bulkRows(300), ...reasonRows].join('\n');

  it('counts each rejected row once, under its first failing reason', () => {
    const { report, table } = importOne(text, { mapping: GENERIC });
    expect(report.rowsRead).toBe(310);
    expect(report.rowsImported).toBe(300);
    expect(table.count).toBe(300);
    expect(report.rejected).toEqual(
      only({
        noCoordinates: 2,
        invalidCoordinates: 2,
        sentinelCoordinates: 2,
        outlier: 2,
        badDate: 1,
        duplicateId: 1,
      }),
    );
    expectBalanced(report);
    expect(report.outlierRule?.thresholdKm).toBe(20);
  });

  it('flags a few stray points even when they are more than 1% of the rows', () => {
    // 20 rows in a 2 km patch and 2 rows 111 km away (9% of the data): the threshold rests on the
    // median distance, which the strays cannot move, so both are outliers.
    const stray = [
      '2001,01/02/2023 10:00:00 AM,42.88,-87.63,THEFT',
      '2002,01/02/2023 10:00:00 AM,42.88,-87.64,THEFT',
    ];
    const { report } = importOne([GENERIC_HEADER, ...bulkRows(20), ...stray].join('\n'), {
      mapping: GENERIC,
    });
    expect(report.rejected.outlier).toBe(2);
    expect(report.rowsImported).toBe(20);
  });

  it('lists every rejected row with its reason, file, data-row number and source bytes', () => {
    const { rejected } = importOne(text, { mapping: GENERIC });
    const bytes = encoder.encode(text);
    const decoder = new TextDecoder();
    const rows = Array.from({ length: rejected.count }, (_, r) => ({
      reason: REJECT_REASONS[rejected.reason[r]],
      row: rejected.row[r],
      text: decoder
        .decode(bytes.subarray(rejected.offset[r], rejected.offset[r] + rejected.length[r]))
        .trimEnd(),
    })).sort((a, b) => a.text.localeCompare(b.text));
    const expected: [string, RejectReason, number][] = [
      [reasonRows[0], 'noCoordinates', 301],
      [reasonRows[1], 'invalidCoordinates', 302],
      [reasonRows[2], 'invalidCoordinates', 303],
      [reasonRows[3], 'sentinelCoordinates', 304],
      [reasonRows[4], 'sentinelCoordinates', 305],
      // Outliers are found after the last row, when the data's bulk is known; their row number
      // comes from the incident's source record.
      [reasonRows[5], 'outlier', 306],
      [reasonRows[6], 'badDate', 307],
      [reasonRows[7], 'duplicateId', 308],
      [reasonRows[8], 'noCoordinates', 309],
      [reasonRows[9], 'outlier', 310],
    ];
    expect(rows).toEqual(
      expected
        .map(([t, reason, row]) => ({ reason, row, text: t }))
        .sort((a, b) => a.text.localeCompare(b.text)),
    );
    expect(rejected.file.every((f) => f === 0)).toBe(true);
  });

  it('zero X/Y is the sentinel, for projected columns and for the Chicago X/Y beside lat/lon', () => {
    const xy: ColumnMapping = {
      coordinates: { kind: 'xy', x: 'X', y: 'Y', crs: 'EPSG:3435' },
      date: 'date',
      category: 'category',
      dateOrder: 'mdy',
    };
    const projected = importOne(
      'X,Y,date,category\n1154405,1924119,01/02/2023,A\n0,0,01/02/2023,A\n0.0,0.0,bad,A\n,,01/02/2023,A\n',
      { mapping: xy },
    );
    expect(projected.report.rejected).toEqual(only({ sentinelCoordinates: 2, noCoordinates: 1 }));
    // Chicago layout: X/Y written 0 next to a latitude/longitude that is not the known sentinel.
    const header =
      'ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Year,Updated On,Latitude,Longitude,Location';
    const row = (id: number, x: string, y: string, lat: string, lon: string) =>
      `${id},JG${id},06/28/2023 11:04:00 PM,036XX N KEDZIE AVE,0110,HOMICIDE,FIRST DEGREE MURDER,ALLEY,True,False,1733,17.0,33.0,16.0,01A,${x},${y},2023,07/06/2023 04:46:09 PM,${lat},${lon},"(${lat}, ${lon})"`;
    const chicago = importOne(
      [
        header,
        row(1, '1154405.0', '1924119.0', '41.947607802', '-87.707846683'),
        row(2, '0.0', '0.0', '41.947607802', '-87.707846683'),
        row(3, '0.0', '0.0', String(CHICAGO_SENTINEL.lat), String(CHICAGO_SENTINEL.lon)),
        row(4, '', '', '', ''),
      ].join('\n'),
    );
    expect(chicago.report.schema).toBe('chicago');
    expect(chicago.report.rejected).toEqual(only({ sentinelCoordinates: 2, noCoordinates: 1 }));
    expect(chicago.report.rowsImported).toBe(1);
    expect(chicago.table.categoryPartOne[chicago.table.category[0]]).toBe(1); // FBI code 01A
  });

  it('Σ rejected = rows read − rows imported, and each count is the first failing reason (property)', () => {
    // Row kinds and the reason an oracle expects (no outliers here: the rule needs a bulk).
    const KINDS: [string, (id: number) => string, RejectReason | null][] = [
      ['good', (id) => `${id},01/02/2023 10:00,41.88,-87.63,A`, null],
      ['good2', (id) => `${id},2023-01-03 23:59,41.881,-87.631,B`, null],
      ['noCoords', (id) => `${id},01/02/2023,,,A`, 'noCoordinates'],
      ['noCoordsBadDate', (id) => `${id},13/13/2023,,,A`, 'noCoordinates'],
      ['invalid', (id) => `${id},01/02/2023,41.8x,-87.63,A`, 'invalidCoordinates'],
      ['invalidBadDate', (id) => `${id},x,-91,-87.63,A`, 'invalidCoordinates'],
      ['zero', (id) => `${id},01/02/2023,0,0,A`, 'sentinelCoordinates'],
      ['zeroBadDate', (id) => `${id},,0.0,0.0,A`, 'sentinelCoordinates'],
      ['badDate', (id) => `${id},02/30/2023,41.88,-87.63,A`, 'badDate'],
      ['short', (id) => `${id},01/02/2023,41.88`, 'invalidCoordinates'],
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.nat({ max: KINDS.length - 1 }),
            id: fc.integer({ min: 1, max: 8 }),
          }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, chunkBytes, newline) => {
          const lines = rows.map(({ kind, id }) => KINDS[kind][1](id));
          const seen = new Set<number>();
          const expected = only({});
          let imported = 0;
          for (const { kind, id } of rows) {
            const reason = KINDS[kind][2];
            if (reason !== null) expected[reason]++;
            else if (seen.has(id)) expected.duplicateId++;
            else {
              seen.add(id);
              imported++;
            }
          }
          const { report } = importOne(
            [GENERIC_HEADER, ...lines].join(newline) + newline,
            { mapping: GENERIC },
            chunkBytes,
          );
          expect(report.rowsRead).toBe(rows.length);
          expect(report.rejected).toEqual(expected);
          expect(report.rowsImported).toBe(imported);
          expectBalanced(report);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the layout named in the report', () => {
  const header =
    'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
  const text = [
    header,
    ',2017-03,City of London Police,City of London Police,-0.0912,51.5150,On or near Street,E01000001,City of London 001A,Bicycle theft,Under investigation,',
  ].join('\n');

  it("is the portal's name with the portal's own mapping, swapped or not", () => {
    const mapping = schemaById('policeuk')?.mapping as ColumnMapping;
    const name = importOne(text).report.schemaName;
    expect(name).toMatch(/police\.uk/i);
    expect(importOne(text, { mapping: { ...mapping } }).report.schemaName).toBe(name);
    // Keys in another order are the same mapping.
    const reordered = Object.fromEntries(Object.entries(mapping).reverse()) as ColumnMapping;
    expect(importOne(text, { mapping: reordered }).report.schemaName).toBe(name);
    // Swapped latitude and longitude is still the portal's mapping (the row is then rejected).
    expect(importOne(text, { mapping: { ...mapping, swapLatLon: true } }).report.schemaName).toBe(
      name,
    );
  });

  it("says a mapping other than the portal's was used", () => {
    const mapping = schemaById('policeuk')?.mapping as ColumnMapping;
    const { report } = importOne(text, {
      mapping: { ...mapping, category: 'Last outcome category' },
    });
    expect(report.schema).toBe('policeuk');
    expect(report.schemaName).toMatch(/police\.uk.*, with a custom column mapping$/i);
  });
});

describe('dates and times', () => {
  it('police.uk months: precision month, YYYY-MM range, a warning for day and hour views', () => {
    const header =
      'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
    const row = (month: string, lon: string, lat: string, type: string) =>
      `,${month},City of London Police,City of London Police,${lon},${lat},On or near Street,E01000001,City of London 001A,${type},,`;
    const { report, table } = importOne(
      [
        header,
        row('2017-03', '-0.0912', '51.5150', 'Anti-social behaviour'),
        row('2017-02', '-0.0912', '51.5150', 'Bicycle theft'),
        row('2017-02', '', '', 'Other theft'),
      ].join('\r\n'),
    );
    expect(report.schema).toBe('policeuk');
    expect(report.timePrecision).toBe('month');
    expect(table.timePrecision).toBe('month');
    expect(report.dateRange).toEqual(['2017-02', '2017-03']);
    expect(report.rejected).toEqual(only({ noCoordinates: 1 }));
    // Empty Crime IDs (anti-social behaviour rows) are not duplicates of each other.
    expect(report.rowsImported).toBe(2);
    expect(report.warnings.some((w) => /month only/.test(w))).toBe(true);
    expect(Array.from(table.timeMs)).toEqual([Date.UTC(2017, 2, 1), Date.UTC(2017, 1, 1)]);
  });

  it('NYC from–to windows: windowMinutes from start to end; an end before the start is ignored', () => {
    const header =
      'CMPLNT_NUM,CMPLNT_FR_DT,CMPLNT_FR_TM,CMPLNT_TO_DT,CMPLNT_TO_TM,ADDR_PCT_CD,RPT_DT,KY_CD,OFNS_DESC,PD_CD,PD_DESC,CRM_ATPT_CPTD_CD,LAW_CAT_CD,BORO_NM,LOC_OF_OCCUR_DESC,PREM_TYP_DESC,JURIS_DESC,JURISDICTION_CODE,PARKS_NM,HADEVELOPT,HOUSING_PSA,X_COORD_CD,Y_COORD_CD,SUSP_AGE_GROUP,SUSP_RACE,SUSP_SEX,TRANSIT_DISTRICT,Latitude,Longitude,Lat_Lon,PATROL_BORO,STATION_NAME,VIC_AGE_GROUP,VIC_RACE,VIC_SEX'.split(
        ',',
      );
    const row = (values: Record<string, string>) => header.map((h) => values[h] ?? '').join(',');
    const common = {
      OFNS_DESC: 'PETIT LARCENY',
      BORO_NM: 'MANHATTAN',
      ADDR_PCT_CD: '14',
      X_COORD_CD: '987654',
      Y_COORD_CD: '212345',
      Latitude: '40.7505',
      Longitude: '-73.9934',
    };
    const { report, table } = importOne(
      [
        header.join(','),
        // 22:00 to 06:30 the next morning: 8 h 30 min = 510 minutes.
        row({
          ...common,
          CMPLNT_NUM: '1',
          CMPLNT_FR_DT: '01/05/2023',
          CMPLNT_FR_TM: '22:00:00',
          CMPLNT_TO_DT: '01/06/2023',
          CMPLNT_TO_TM: '06:30:00',
        }),
        // One time only: no window.
        row({ ...common, CMPLNT_NUM: '2', CMPLNT_FR_DT: '01/05/2023', CMPLNT_FR_TM: '13:15:00' }),
        // An end before the start: ignored, with a warning.
        row({
          ...common,
          CMPLNT_NUM: '3',
          CMPLNT_FR_DT: '01/05/2023',
          CMPLNT_FR_TM: '13:15:00',
          CMPLNT_TO_DT: '01/04/2023',
          CMPLNT_TO_TM: '10:00:00',
        }),
        // A whole day, end date without a time: 00:00 to 00:00 the next day = 1,440 minutes.
        row({
          ...common,
          CMPLNT_NUM: '4',
          CMPLNT_FR_DT: '01/05/2023',
          CMPLNT_FR_TM: '00:00:00',
          CMPLNT_TO_DT: '01/06/2023',
        }),
      ].join('\n'),
    );
    expect(report.schema).toBe('nyc');
    expect(report.rowsImported).toBe(4);
    expect(Array.from(table.timeMs)).toEqual([
      Date.UTC(2023, 0, 5, 22, 0),
      Date.UTC(2023, 0, 5, 13, 15),
      Date.UTC(2023, 0, 5, 13, 15),
      Date.UTC(2023, 0, 5, 0, 0),
    ]);
    expect(Array.from(table.windowMinutes)).toEqual([510, NaN, NaN, 1440]);
    expect(report.warnings.some((w) => /^1 rows have an end date/.test(w))).toBe(true);
    expect(report.dateRange).toEqual(['2023-01-05T00:00:00', '2023-01-05T22:00:00']);
  });

  it('Los Angeles DATE OCC at midnight plus TIME OCC as HHMM', () => {
    const header =
      'DR_NO,Date Rptd,DATE OCC,TIME OCC,AREA,AREA NAME,Rpt Dist No,Part 1-2,Crm Cd,Crm Cd Desc,Mocodes,Vict Age,Vict Sex,Vict Descent,Premis Cd,Premis Desc,Weapon Used Cd,Weapon Desc,Status,Status Desc,Crm Cd 1,Crm Cd 2,Crm Cd 3,Crm Cd 4,LOCATION,Cross Street,LAT,LON';
    const row = (id: string, time: string, part: string, desc: string) =>
      `${id},03/02/2020 12:00:00 AM,03/01/2020 12:00:00 AM,${time},07,Wilshire,0784,${part},510,${desc},,0,M,O,101,STREET,,,AA,Adult Arrest,510,998,,,1900 S  LONGWOOD                     AV,,34.0375,-118.3506`;
    const { report, table } = importOne(
      [
        header,
        row('190326475', '2130', '1', 'VEHICLE - STOLEN'),
        row('200106753', '845', '1', 'BURGLARY FROM VEHICLE'),
        row('200320258', '5', '2', 'THEFT OF IDENTITY'),
        row('200907217', '2400', '2', 'VANDALISM - MISDEAMEANOR ($399 OR UNDER)'),
      ].join('\n'),
    );
    expect(report.schema).toBe('la');
    expect(Array.from(table.timeMs)).toEqual([
      Date.UTC(2020, 2, 1, 21, 30),
      Date.UTC(2020, 2, 1, 8, 45),
      Date.UTC(2020, 2, 1, 0, 5),
    ]);
    expect(report.rejected).toEqual(only({ badDate: 1 }));
    expect(Array.from(table.hour)).toEqual([21, 8, 0]);
    // Sunday 1 March 2020: weekday 6 (Monday = 0).
    expect(Array.from(table.weekday)).toEqual([6, 6, 6]);
    // Part 1-2 = 1 marks UCR Part I.
    const partOne = table.dictionaries.category.filter((_, c) => table.categoryPartOne[c] === 1);
    expect(partOne.sort()).toEqual(['BURGLARY FROM VEHICLE', 'VEHICLE - STOLEN']);
    expect(table.dictionaries.address[table.address[0]]).toBe(
      '1900 S  LONGWOOD                     AV',
    );
  });
});

describe('encodings, delimiters and line endings', () => {
  it('UTF-8 with a BOM: headers found, offsets count the BOM, values decoded', () => {
    const text = '\ufefflat,lon,date,category\n41.88,-87.63,01/02/2023,Café\n';
    const bytes = encoder.encode(text);
    const { report, table } = importOne(bytes, {
      mapping: { ...GENERIC, id: undefined },
    });
    expect(report.files[0]).toMatchObject({ bomBytes: 3, encoding: 'utf-8', delimiter: ',' });
    expect(report.files[0].headers).toEqual(['lat', 'lon', 'date', 'category']);
    expect(report.categories).toEqual({ Café: 1 });
    const { offset, length } = table.source;
    expect(new TextDecoder().decode(bytes.subarray(offset[0], offset[0] + length[0]))).toBe(
      '41.88,-87.63,01/02/2023,Café\n',
    );
  });

  it('Windows-1252: Café written with byte 0xE9, quoted and escaped values too', () => {
    const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const mapping = { ...GENERIC, id: undefined, description: 'desc' };
    const text =
      'lat,lon,date,category,desc\n41.88,-87.63,01/02/2023,Caf\xe9,"Caf\xe9 ""Le Monde"""\n41.88,-87.63,01/02/2023,Caf\xe9,x\n';
    const { report, table } = importOne(latin1(text), { mapping });
    expect(report.files[0].encoding).toBe('windows-1252');
    expect(report.categories).toEqual({ Café: 2 });
    expect(table.dictionaries.description[table.description[0]]).toBe('Café "Le Monde"');
    expect(report.warnings).toContain('Some text is not UTF-8 and was read as Windows-1252.');
    // The same when the first chunk is plain ASCII and the 0xE9 comes later.
    const late = importOne(latin1(text), { mapping }, 30);
    expect(late.report.categories).toEqual({ Café: 2 });
    expect(late.table.dictionaries.description[late.table.description[0]]).toBe('Café "Le Monde"');
    expect(late.report.files[0].encoding).toBe('windows-1252');
  });

  it('semicolon and tab files, CRLF, short rows and blank lines', () => {
    const rows = [
      ['lat', 'lon', 'date', 'category'],
      ['41.88', '-87.63', '01/02/2023', 'A'],
      ['41.881', '-87.631', '01/03/2023'], // short: no category
      [],
      ['41.882', '-87.632', '01/04/2023', 'B'],
    ];
    const mapping = { ...GENERIC, id: undefined };
    for (const [delimiter, newline] of [
      [';', '\r\n'],
      ['\t', '\n'],
      [',', '\r'],
    ]) {
      const { report } = importOne(rows.map((r) => r.join(delimiter)).join(newline) + newline, {
        mapping,
      });
      expect(report.files[0].delimiter).toBe(delimiter);
      expect(report.rowsRead).toBe(3); // the blank line is not a row
      expect(report.rowsImported).toBe(3);
      expect(report.categories).toEqual({ A: 1, '(blank)': 1, B: 1 });
    }
  });

  it('several files of one layout, each with its own header (columns in any order)', () => {
    const { report, table } = runImport(
      [
        ['a.csv', `${GENERIC_HEADER}\n1,01/02/2023,41.88,-87.63,A\n2,01/03/2023,41.88,-87.63,B\n`],
        [
          'b.csv',
          'category;lon;lat;date;id\r\nC;-87.64;41.89;01/04/2023;3\r\nA;-87.64;41.89;01/05/2023;1\r\n',
        ],
      ],
      { mapping: GENERIC },
    );
    expect(report.files.map((f) => [f.name, f.rowsRead, f.delimiter])).toEqual([
      ['a.csv', 2, ','],
      ['b.csv', 2, ';'],
    ]);
    expect(report.rowsImported).toBe(3);
    expect(report.rejected).toEqual(only({ duplicateId: 1 })); // id 1 again, across files
    expect(Array.from(table.source.file)).toEqual([0, 0, 1]);
    expect(report.categories).toEqual({ A: 1, B: 1, C: 1 });
  });

  it('a later file missing a mapped column stops the import with a message naming it', () => {
    const error = importError(() =>
      runImport(
        [
          ['a.csv', `${GENERIC_HEADER}\n1,01/02/2023,41.88,-87.63,A\n`],
          ['b.csv', 'id,date,latitude,lon,category\n2,01/02/2023,41.88,-87.63,A\n'],
        ],
        { mapping: GENERIC },
      ),
    );
    expect(error.kind).toBe('mismatch');
    expect(error.message).toBe(
      '"b.csv" has no column for latitude ("lat"). Its columns are: id, date, latitude, lon, category.',
    );
  });
});

describe('files that cannot be imported get a plain message', () => {
  it('an empty file', () => {
    const error = importError(() => importOne(''));
    expect(error.kind).toBe('empty');
    expect(error.message).toBe('"test.csv" is empty: it has no header row and no data.');
  });

  it('a binary file and a zip/xlsx file', () => {
    const binary = Uint8Array.from({ length: 600 }, (_, i) => (i * 37) % 256);
    expect(importError(() => importOne(binary)).kind).toBe('notCsv');
    expect(importError(() => importOne(binary)).message).toMatch(/is not a text CSV file/);
    const zip = Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00);
    expect(importError(() => importOne(zip)).message).toMatch(/compressed or Excel file/);
  });

  it('a one-column file', () => {
    const error = importError(() => importOne('just one column\nvalue\nvalue\n'));
    expect(error.kind).toBe('noColumns');
    expect(error.message).toMatch(/has no usable columns: its first row has 1 field/);
  });

  it('an unknown layout without a mapping, and a mapping naming columns the file lacks', () => {
    const unknown = importError(() => importOne('when,what,where\n1,2,3\n'));
    expect(unknown.kind).toBe('needsMapping');
    expect(unknown.headers).toEqual(['when', 'what', 'where']);
    expect(unknown.message).toMatch(/not in a layout COP Planner recognises/);
    const lacking = importError(() => importOne('when,what,where\n1,2,3\n', { mapping: GENERIC }));
    expect(lacking.kind).toBe('mismatch');
    expect(lacking.message).toMatch(/latitude \("lat"\), longitude \("lon"\), date \("date"\)/);
  });

  it('an unknown coordinate system', () => {
    const error = importError(() =>
      importOne('X,Y,date,category\n1,2,01/02/2023,A\n', {
        mapping: {
          ...GENERIC,
          coordinates: { kind: 'xy', x: 'X', y: 'Y', crs: 'EPSG:999999' },
        },
      }),
    );
    expect(error.message).toMatch(/^Unknown coordinate system "EPSG:999999"/);
  });
});

describe('coordinates', () => {
  it('projected X/Y in Illinois East ftUS (EPSG:3435): the first Chicago row within 2 m', () => {
    // ID 27595 in the Chicago homicide file: X 1154405, Y 1924119; Latitude 41.947607802,
    // Longitude -87.707846683.
    const { table } = importOne('X,Y,date,category\n1154405.0,1924119.0,06/28/2023,HOMICIDE\n', {
      mapping: {
        ...GENERIC,
        id: undefined,
        coordinates: { kind: 'xy', x: 'X', y: 'Y', crs: 'EPSG:3435' },
      },
    });
    const [lon, lat] = table.positions;
    expect(metresBetween(lon, lat, -87.707846683, 41.947607802)).toBeLessThan(2);
  });

  it('a WKT point column and a "(lat, lon)" column', () => {
    const mapping = { ...GENERIC, id: undefined, coordinates: { kind: 'point', column: 'p' } };
    const { table, report } = importOne(
      'p,date,category\n"POINT (-122.4194 37.7749)",01/02/2023,A\n"(41.947607802, -87.707846683)",01/02/2023,A\nnowhere,01/02/2023,A\n',
      { mapping: mapping as ColumnMapping },
    );
    expect(Array.from(table.positions)).toEqual([-122.4194, 37.7749, -87.707846683, 41.947607802]);
    expect(report.rejected).toEqual(only({ invalidCoordinates: 1 }));
  });

  it('swapped latitude/longitude is detected (beyond 75° or beyond 90°) and fixed on request', () => {
    // Chicago swapped: "latitude" -87.6 lies near the South Pole.
    const swapped = [GENERIC_HEADER, ...bulkRows(30)]
      .join('\n')
      .replace(/(4\d\.\d+),(-87\.\d+)/g, '$2,$1');
    const first = importOne(swapped, { mapping: GENERIC });
    expect(first.report.swapSuggestion).toMatch(/^30 of 30 incidents lie beyond 75° of latitude/);
    const fixed = importOne(swapped, { mapping: { ...GENERIC, swapLatLon: true } });
    expect(fixed.report.swapSuggestion).toBeNull();
    expect(fixed.report.rowsImported).toBe(30);
    expect(fixed.report.bbox?.map((v) => Number(v.toFixed(3)))).toEqual([
      -87.631, 41.88, -87.63, 41.899,
    ]);
    // Los Angeles swapped: "latitude" -118.35 is out of range, every row is rejected as invalid.
    const la = importOne(
      `${GENERIC_HEADER}\n1,01/02/2023,-118.3506,34.0375,A\n2,01/02/2023,-118.3,34.1,A\n`,
      { mapping: GENERIC },
    );
    expect(la.report.rejected).toEqual(only({ invalidCoordinates: 2 }));
    expect(la.report.swapSuggestion).toMatch(/^2 rows have a latitude beyond ±90°/);
  });

  it('counts incidents sharing exact coordinates and the distinct points', () => {
    const { report } = importOne(
      [
        GENERIC_HEADER,
        '1,01/02/2023,51.5150,-0.0912,A',
        '2,01/02/2023,51.5150,-0.0912,A',
        '3,01/02/2023,51.51500,-0.09120,B', // the same numbers, written differently
        '4,01/02/2023,51.5160,-0.0912,A',
        '5,01/02/2023,51.5160,-0.0912,A',
        '6,01/02/2023,51.5170,-0.0912,A',
      ].join('\n'),
      { mapping: GENERIC },
    );
    expect(report.duplicatesSharingCoordinates).toBe(5);
    expect(report.distinctLocations).toBe(3);
    expect(
      report.warnings.some((w) => /^83\.3% of incidents share exact coordinates/.test(w)),
    ).toBe(true);
  });
});

describe('the incident table', () => {
  it('keeps the analysis and drawing columns within 48 bytes an incident', () => {
    const { table } = importOne([GENERIC_HEADER, ...bulkRows(1000)].join('\n'), {
      mapping: GENERIC,
    });
    expect(BYTES_PER_INCIDENT).toBeLessThanOrEqual(48);
    expect(table.count).toBe(1000);
    expect(analysisBytes(table) / table.count).toBeLessThanOrEqual(48);
    expect(analysisBytes(table) / table.count).toBe(BYTES_PER_INCIDENT);
  });

  it('a dictionary past 65,535 values groups the rest as "(other values)"', () => {
    const rows = [`${GENERIC_HEADER},desc`];
    for (let i = 0; i < 65_600; i++) rows.push(`${i},01/02/2023,41.88,-87.63,A,d${i}`);
    const { table, report } = importOne(rows.join('\n'), {
      mapping: { ...GENERIC, description: 'desc' },
    });
    expect(table.count).toBe(65_600);
    const names = table.dictionaries.description;
    const last = table.description[table.count - 1];
    expect(names[last]).toBe('(other values)');
    expect(names[table.description[100]]).toBe('d100');
    expect(table.description.every((c) => names[c] !== undefined)).toBe(true);
    expect(report.warnings.some((w) => /more than 65,535 distinct values/.test(w))).toBe(true);
  });

  it('derives hour, weekday and days since the first day from wall-clock times', () => {
    const { table } = importOne(
      `${GENERIC_HEADER}\n1,01/01/2024 11:30:00 PM,41.88,-87.63,A\n2,01/03/2024 06:00:00 AM,41.88,-87.63,A\n`,
      { mapping: GENERIC },
    );
    expect(table.dayOriginMs).toBe(Date.UTC(2024, 0, 1));
    expect(Array.from(table.hour)).toEqual([23, 6]);
    expect(Array.from(table.weekday)).toEqual([0, 2]); // Monday, Wednesday
    expect(Array.from(table.filterDay)).toEqual([Math.fround(23.5 / 24), 2.25]); // float32
    expect(formatIsoLocal(table.timeMs[1])).toBe('2024-01-03T06:00:00');
  });
});

describe.skipIf(!existsSync(CHICAGO_FILE))(
  'the Chicago homicide file (needs ../shared/data)',
  () => {
    // SOURCE.txt: "12,657 data rows + 1 header row"; "3 rows have empty X/Y/Latitude/Longitude";
    // "6 rows have X=0.0,Y=0.0 and Latitude/Longitude 36.619446395,-91.686565684 … the portal's
    // 'no geocode' sentinel"; dates 2001-01-01 .. 2023-07-19.
    const bytes = (): Uint8Array => new Uint8Array(readFileSync(CHICAGO_FILE));

    it('imports 12,648 of 12,657 rows (3 no coordinates, 6 sentinel), 2001-01-01 … 2023-07-19', () => {
      const { report, table } = runImport([['Homicides_2001_to_present.csv', bytes()]]);
      expect(report.schema).toBe('chicago');
      expect(report.rowsRead).toBe(12_657);
      expect(report.rowsImported).toBe(12_648);
      expect(report.rejected).toEqual(only({ noCoordinates: 3, sentinelCoordinates: 6 }));
      expect(report.dateRange).toEqual(['2001-01-01T10:40:00', '2023-07-19T19:40:00']);
      expect(report.categories).toEqual({ HOMICIDE: 12_648 });
      expect(report.timePrecision).toBe('time');
      // SOURCE.txt's bounding box for the city: lat 41.6–42.1, lon -88.0 to -87.5.
      const [west, south, east, north] = report.bbox as number[];
      expect(west).toBeGreaterThan(-88);
      expect(east).toBeLessThan(-87.5);
      expect(south).toBeGreaterThan(41.6);
      expect(north).toBeLessThan(42.1);
      // FBI code 01A (first degree murder) is UCR Part I.
      expect(table.categoryPartOne[table.category[0]]).toBe(1);
    });

    it('gives the same report when read in 4,099-byte chunks', () => {
      const whole = runImport([['h.csv', bytes()]]).report;
      const chunked = runImport([['h.csv', bytes()]], {}, 4099).report;
      expect({ ...chunked, outlierRule: null }).toEqual({ ...whole, outlierRule: null });
    });

    it('X/Y Coordinate through EPSG:3435 lands within 2 m of Latitude/Longitude on every row', () => {
      const data = bytes();
      const latlon = runImport([['h.csv', data]]).table;
      const projected = runImport([['h.csv', data]], {
        mapping: {
          coordinates: { kind: 'xy', x: 'X Coordinate', y: 'Y Coordinate', crs: 'EPSG:3435' },
          date: 'Date',
          category: 'Primary Type',
          id: 'ID',
          dateOrder: 'mdy',
        },
      });
      // The projected import rejects the same 9 rows (3 empty, 6 with X/Y 0).
      expect(projected.report.rejected).toEqual(only({ noCoordinates: 3, sentinelCoordinates: 6 }));
      const byOffset = new Map<number, number>();
      for (let i = 0; i < latlon.count; i++) byOffset.set(latlon.source.offset[i], i);
      const t = projected.table;
      let compared = 0;
      let worst = 0;
      for (let i = 0; i < t.count; i++) {
        const j = byOffset.get(t.source.offset[i]);
        if (j === undefined) continue;
        const d = metresBetween(
          t.positions[2 * i],
          t.positions[2 * i + 1],
          latlon.positions[2 * j],
          latlon.positions[2 * j + 1],
        );
        worst = Math.max(worst, d);
        compared++;
      }
      expect(compared).toBe(12_648);
      expect(worst).toBeLessThan(2);
    });
  },
);

describe.skipIf(!existsSync(POLICE_UK_DIR))(
  'police.uk City of London 2017 (needs ../shared/data)',
  () => {
    // SOURCE.txt: "Files (data rows, excl. header): 2017-02 597, 2017-03 715, 2017-04 626, 2017-05
    // 505, 2017-06 606, 2017-07 566, 2017-08 668, 2017-09 463, 2017-12 464 (total 5,210)";
    // "316 rows have empty Longitude/Latitude"; "Only 441 distinct (lon,lat) points among 4,894
    // geocoded rows"; "Temporal resolution is MONTH only".
    it('imports 4,894 of 5,210 rows (316 no coordinates): 441 locations, months, 14 categories', () => {
      const names = readdirSync(POLICE_UK_DIR)
        .filter((n) => n.endsWith('.csv'))
        .sort();
      const { report, table } = runImport(
        names.map((n) => [n, new Uint8Array(readFileSync(`${POLICE_UK_DIR}/${n}`))]),
      );
      expect(report.schema).toBe('policeuk');
      expect(report.files.map((f) => f.rowsRead)).toEqual([
        597, 715, 626, 505, 606, 566, 668, 463, 464,
      ]);
      expect(report.rowsRead).toBe(5_210);
      expect(report.rowsImported).toBe(4_894);
      expect(report.rejected).toEqual(only({ noCoordinates: 316 }));
      expect(report.distinctLocations).toBe(441);
      expect(report.timePrecision).toBe('month');
      expect(table.timePrecision).toBe('month');
      expect(report.dateRange).toEqual(['2017-02', '2017-12']);
      expect(Object.keys(report.categories)).toHaveLength(14);
      expect(report.categories['Anti-social behaviour']).toBeGreaterThan(0);
      // SOURCE.txt: "lon range -0.126..0.063".
      const [west, , east] = report.bbox as number[];
      expect(west).toBeCloseTo(-0.126, 3);
      expect(east).toBeCloseTo(0.063, 3);
    });
  },
);
