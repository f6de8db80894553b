/**
 * Layout detection on each portal's REAL header row, the mapping guessed for other layouts, and the
 * command line's `--columns` option. Header rows are copied from the portals' exports: Chicago and
 * police.uk as quoted in `../shared/data/*\/SOURCE.txt` (checked against the files when present),
 * NYC, San Francisco and Los Angeles from their open-data portals' CSV downloads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, parseColumnsOption } from '../../../src/cli/loadFiles';
import {
  columnIndex,
  completeMapping,
  detectSchema,
  guessMapping,
  mappedColumns,
  missingColumns,
  PORTAL_SCHEMAS,
  schemaById,
  type ColumnMapping,
} from '../../../src/data/schemas';

const SHARED = resolve(__dirname, '../../../../shared/data');

const CHICAGO =
  'ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Year,Updated On,Latitude,Longitude,Location'.split(
    ',',
  );
const POLICE_UK =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'.split(
    ',',
  );
const NYC =
  'CMPLNT_NUM,CMPLNT_FR_DT,CMPLNT_FR_TM,CMPLNT_TO_DT,CMPLNT_TO_TM,ADDR_PCT_CD,RPT_DT,KY_CD,OFNS_DESC,PD_CD,PD_DESC,CRM_ATPT_CPTD_CD,LAW_CAT_CD,BORO_NM,LOC_OF_OCCUR_DESC,PREM_TYP_DESC,JURIS_DESC,JURISDICTION_CODE,PARKS_NM,HADEVELOPT,HOUSING_PSA,X_COORD_CD,Y_COORD_CD,SUSP_AGE_GROUP,SUSP_RACE,SUSP_SEX,TRANSIT_DISTRICT,Latitude,Longitude,Lat_Lon,PATROL_BORO,STATION_NAME,VIC_AGE_GROUP,VIC_RACE,VIC_SEX'.split(
    ',',
  );
const SF =
  'Incident Datetime,Incident Date,Incident Time,Incident Year,Incident Day of Week,Report Datetime,Row ID,Incident ID,Incident Number,CAD Number,Report Type Code,Report Type Description,Filed Online,Incident Code,Incident Category,Incident Subcategory,Incident Description,Resolution,Intersection,CNN,Police District,Analysis Neighborhood,Supervisor District,Supervisor District 2012,Latitude,Longitude,Point'.split(
    ',',
  );
const LA =
  'DR_NO,Date Rptd,DATE OCC,TIME OCC,AREA,AREA NAME,Rpt Dist No,Part 1-2,Crm Cd,Crm Cd Desc,Mocodes,Vict Age,Vict Sex,Vict Descent,Premis Cd,Premis Desc,Weapon Used Cd,Weapon Desc,Status,Status Desc,Crm Cd 1,Crm Cd 2,Crm Cd 3,Crm Cd 4,LOCATION,Cross Street,LAT,LON'.split(
    ',',
  );
/** The 2010–2019 LA file writes `AREA ` with a trailing space. */
const LA_2010 = LA.map((h) => (h === 'AREA' ? 'AREA ' : h));

const PORTALS: [string, string[], string][] = [
  ['Chicago', CHICAGO, 'chicago'],
  ['police.uk', POLICE_UK, 'policeuk'],
  ['NYC NYPD complaints', NYC, 'nyc'],
  ['San Francisco', SF, 'sf'],
  ['Los Angeles', LA, 'la'],
  ['Los Angeles 2010–2019 (AREA with a trailing space)', LA_2010, 'la'],
];

describe('detectSchema on real header rows', () => {
  it('the header rows have the number of columns their portals publish', () => {
    expect([CHICAGO, POLICE_UK, NYC, SF, LA].map((h) => h.length)).toEqual([22, 12, 35, 27, 28]);
  });

  it.each(PORTALS)('%s', (_, headers, id) => {
    const schema = detectSchema(headers);
    expect(schema?.id).toBe(id);
    // Every column the portal's mapping names is in the real header (a typo would drop a column).
    const mapping = (schema as NonNullable<typeof schema>).mapping;
    for (const [role, column] of mappedColumns(mapping))
      expect(columnIndex(headers, column), `${role} "${column}"`).toBeGreaterThanOrEqual(0);
    if (mapping.sentinelXY) {
      expect(columnIndex(headers, mapping.sentinelXY.x)).toBeGreaterThanOrEqual(0);
      expect(columnIndex(headers, mapping.sentinelXY.y)).toBeGreaterThanOrEqual(0);
    }
    expect(missingColumns(mapping, headers)).toEqual([]);
  });

  it('matches headers trimmed and case-insensitively, in any order', () => {
    const shuffled = [...CHICAGO].reverse().map((h) => ` ${h.toUpperCase()} `);
    expect(detectSchema(shuffled)?.id).toBe('chicago');
  });

  it('recognises no portal when a signature column is missing or the layout is another', () => {
    expect(detectSchema(CHICAGO.filter((h) => h !== 'Primary Type'))).toBeNull();
    expect(detectSchema(POLICE_UK.filter((h) => h !== 'Month'))).toBeNull();
    expect(detectSchema(['date', 'lat', 'lon', 'category'])).toBeNull();
    expect(detectSchema([])).toBeNull();
  });

  it('only police.uk is month-only; Chicago and LA mark UCR Part I from their code columns', () => {
    expect(PORTAL_SCHEMAS.filter((s) => s.monthOnly).map((s) => s.id)).toEqual(['policeuk']);
    const chicago = schemaById('chicago');
    expect(chicago?.ucrPartOne?.('01A')).toBe(true); // first degree murder
    expect(chicago?.ucrPartOne?.('04B')).toBe(true); // aggravated battery
    expect(chicago?.ucrPartOne?.('08B')).toBe(false); // simple battery
    expect(chicago?.ucrPartOne?.('26')).toBe(false);
    const la = schemaById('la');
    expect(la?.ucrPartOne?.('1')).toBe(true);
    expect(la?.ucrPartOne?.('2')).toBe(false);
    expect(schemaById('custom')).toBeNull();
  });
});

describe.skipIf(!existsSync(SHARED))(
  'header rows of the shared files (needs ../shared/data)',
  () => {
    const firstLine = (path: string) => readFileSync(path, 'utf8').slice(0, 4096).split(/\r?\n/)[0];
    it('Chicago homicides and police.uk City of London start with the rows quoted above', () => {
      expect(
        firstLine(`${SHARED}/chicago_homicides_2001_2023/Homicides_2001_to_present.csv`).split(','),
      ).toEqual(CHICAGO);
      expect(
        firstLine(`${SHARED}/policeuk_city_of_london_2017/2017-02-city-of-london-street.csv`).split(
          ',',
        ),
      ).toEqual(POLICE_UK);
    });
  },
);

describe('guessMapping and completeMapping on other layouts', () => {
  it('short lowercase names: lat/lng, a date, a type', () => {
    const guess = guessMapping(['id', 'lat', 'lng', 'date', 'time', 'type', 'description']);
    expect(guess).toMatchObject({
      coordinates: { kind: 'latlon', lat: 'lat', lon: 'lng' },
      date: 'date',
      time: 'time',
      category: 'type',
      description: 'description',
      id: 'id',
      dateOrder: 'mdy',
    });
    const done = completeMapping(guess);
    expect('mapping' in done && done.mapping.category).toBe('type');
  });

  it('Boston-style capitals: Lat/Long, OCCURRED_ON_DATE, offence names; an HOUR column is not a time', () => {
    // Boston's "Crime Incident Reports": HOUR holds 0–23, and OCCURRED_ON_DATE has the time already.
    const guess = guessMapping([
      'INCIDENT_NUMBER',
      'OFFENSE_CODE',
      'OFFENSE_CODE_GROUP',
      'OFFENSE_DESCRIPTION',
      'DISTRICT',
      'REPORTING_AREA',
      'SHOOTING',
      'OCCURRED_ON_DATE',
      'YEAR',
      'MONTH',
      'DAY_OF_WEEK',
      'HOUR',
      'UCR_PART',
      'STREET',
      'Lat',
      'Long',
      'Location',
    ]);
    expect(guess.coordinates).toEqual({ kind: 'latlon', lat: 'Lat', lon: 'Long' });
    expect(guess.date).toBe('OCCURRED_ON_DATE');
    expect(guess.time).toBeUndefined();
    expect(guess.address).toBe('STREET');
    expect(guess.district).toBe('DISTRICT');
    // The offence names, not OFFENSE_CODE's numbers (OFFENSE_CODE_GROUP is blank since 2019).
    expect(guess.category).toBe('OFFENSE_DESCRIPTION');
    expect(guess.description).toBeUndefined();
  });

  it('one WKT point column when there is no latitude/longitude pair', () => {
    const guess = guessMapping(['the_geom', 'datetime', 'offense', 'block']);
    expect(guess.coordinates).toEqual({ kind: 'point', column: 'the_geom' });
    expect(guess).toMatchObject({ date: 'datetime', category: 'offense', address: 'block' });
  });

  it('projected X/Y get a placeholder CRS; Report Date, Offense Type, Incident ID by substring', () => {
    const guess = guessMapping([
      'X',
      'Y',
      'Report Date',
      'Offense Type',
      'Block Address',
      'Incident ID',
    ]);
    expect(guess.coordinates).toEqual({ kind: 'xy', x: 'X', y: 'Y', crs: 'EPSG:4326' });
    expect(guess).toMatchObject({
      date: 'Report Date',
      category: 'Offense Type',
      address: 'Block Address',
      id: 'Incident ID',
    });
  });

  it('a month column is a date of last resort', () => {
    expect(guessMapping(['Month', 'Latitude', 'Longitude', 'Crime type']).date).toBe('Month');
  });

  it('completeMapping names what is still missing', () => {
    expect(completeMapping(guessMapping(['when', 'what', 'where']))).toEqual({
      missing: ['coordinates', 'date', 'category'],
    });
    expect(completeMapping(guessMapping(['lat', 'lon', 'date', 'notes']))).toEqual({
      missing: ['category'],
    });
    expect(
      completeMapping({
        coordinates: { kind: 'xy', x: 'X', y: 'Y', crs: ' ' },
        date: 'd',
        category: 'c',
      }),
    ).toEqual({ missing: ['coordinates'] });
    expect(
      completeMapping({ coordinates: { kind: 'latlon', lat: '', lon: 'lon' }, date: 'd' }),
    ).toEqual({ missing: ['coordinates', 'category'] });
    const done = completeMapping({
      coordinates: { kind: 'point', column: 'geom' },
      date: 'd',
      category: 'c',
    });
    expect(done).toEqual({
      mapping: {
        coordinates: { kind: 'point', column: 'geom' },
        date: 'd',
        category: 'c',
        dateOrder: 'mdy',
      },
    });
  });

  it('missingColumns lists absent required columns only', () => {
    const mapping: ColumnMapping = {
      coordinates: { kind: 'latlon', lat: 'lat', lon: 'lon' },
      date: 'date',
      category: 'type',
      dateOrder: 'mdy',
      description: 'not there',
    };
    expect(missingColumns(mapping, ['lat', 'lon', 'date', 'type'])).toEqual([]);
    expect(missingColumns(mapping, ['lat', 'date'])).toEqual([
      'longitude ("lon")',
      'category ("type")',
    ]);
  });
});

describe('parseColumnsOption (--columns)', () => {
  it('latitude/longitude with optional columns and a day-first order', () => {
    expect(
      parseColumnsOption(
        'lat=Lat,lon=Lng,date=When,category=What,time=At,end=Until,endtime=UntilAt,id=No,address=Street,order=dmy',
      ),
    ).toEqual({
      coordinates: { kind: 'latlon', lat: 'Lat', lon: 'Lng' },
      date: 'When',
      time: 'At',
      endDate: 'Until',
      endTime: 'UntilAt',
      dateOrder: 'dmy',
      category: 'What',
      description: undefined,
      address: 'Street',
      id: 'No',
      beat: undefined,
      district: undefined,
    });
  });

  it('projected X/Y with a CRS, a point column, keys in any case, names with spaces', () => {
    expect(
      parseColumnsOption(
        'X=X Coordinate,Y=Y Coordinate,CRS=EPSG:3435,date=Date,category=Primary Type',
      ).coordinates,
    ).toEqual({ kind: 'xy', x: 'X Coordinate', y: 'Y Coordinate', crs: 'EPSG:3435' });
    expect(parseColumnsOption('point=Location,date=d,category=c').coordinates).toEqual({
      kind: 'point',
      column: 'Location',
    });
  });

  it('refuses incomplete or unknown options with a message naming the fix', () => {
    const message = (text: string): string => {
      try {
        parseColumnsOption(text);
      } catch (error) {
        expect(error).toBeInstanceOf(CliError);
        return (error as Error).message;
      }
      throw new Error(`no error for ${text}`);
    };
    expect(message('lat=a,date=d,category=c')).toMatch(/lat= and lon=/);
    expect(message('lat=a,lon=b,category=c')).toMatch(/date=COLUMN/);
    expect(message('lat=a,lon=b,date=d')).toMatch(/category=COLUMN/);
    expect(message('lat=a,lon=b,date=d,category=c,colour=red')).toMatch(/unknown key "colour"/);
    expect(message('lat=a,lon=b,date')).toMatch(/"date" is not KEY=COLUMN/);
    expect(message('lat=a,lon=b,date=d,category=c,order=ydm')).toMatch(/mdy, dmy or ymd/);
  });
});
