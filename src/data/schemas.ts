/**
 * Column mappings: which CSV column holds what, for the layouts of real open-data portals
 * (recognised by their headers) and for any other CSV (guessed from header names, then confirmed
 * by the user in the mapping dialog).
 */
import type { DateOrder } from './dates';

export type SchemaId = 'chicago' | 'policeuk' | 'nyc' | 'sf' | 'la' | 'custom';

export type CoordinateMapping =
  | { kind: 'latlon'; lat: string; lon: string }
  /** One column holding `POINT (lon lat)` (WKT) or `(lat, lon)`. */
  | { kind: 'point'; column: string }
  /** Projected X/Y in a coordinate system (an EPSG code known to `src/data/projections.ts`, or a proj4 string). */
  | { kind: 'xy'; x: string; y: string; crs: string };

/** Which columns hold what; every name is a header of the file. */
export interface ColumnMapping {
  coordinates: CoordinateMapping;
  /** Projected X/Y columns whose value 0 marks the portal's "no geocode" sentinel (Chicago). */
  sentinelXY?: { x: string; y: string };
  /** Read the lat/lon columns the other way round (a file that swapped them). */
  swapLatLon?: boolean;
  date: string;
  /** A separate time-of-day column (NYC CMPLNT_FR_TM, LA TIME OCC). */
  time?: string;
  dateOrder: DateOrder;
  /** End of the window for incidents known only as from–to. */
  endDate?: string;
  endTime?: string;
  category: string;
  description?: string;
  locationType?: string;
  /** The smallest reporting area (beat, LSOA, reporting district). */
  beat?: string;
  /** The larger area (district, precinct, force area). */
  district?: string;
  address?: string;
  id?: string;
  /** A UCR/FBI code column, used to mark UCR Part I offences. */
  ucr?: string;
}

export interface PortalSchema {
  id: Exclude<SchemaId, 'custom'>;
  name: string;
  /** Headers that must all be present (compared trimmed and case-insensitively). */
  signature: string[];
  mapping: ColumnMapping;
  /** police.uk publishes months only. */
  monthOnly: boolean;
  /** How the portal's UCR column marks Part I offences. */
  ucrPartOne?: (code: string) => boolean;
}

/** FBI codes of UCR Part I offences as the Chicago portal writes them. */
const CHICAGO_PART_ONE = new Set(['01A', '01B', '02', '03', '04A', '04B', '05', '06', '07', '09']);

export const PORTAL_SCHEMAS: readonly PortalSchema[] = [
  {
    id: 'chicago',
    name: 'Chicago Data Portal — Crimes 2001 to Present',
    signature: ['ID', 'Case Number', 'Date', 'Block', 'Primary Type', 'Latitude', 'Longitude'],
    monthOnly: false,
    mapping: {
      coordinates: { kind: 'latlon', lat: 'Latitude', lon: 'Longitude' },
      sentinelXY: { x: 'X Coordinate', y: 'Y Coordinate' },
      date: 'Date',
      dateOrder: 'mdy',
      category: 'Primary Type',
      description: 'Description',
      locationType: 'Location Description',
      beat: 'Beat',
      district: 'District',
      address: 'Block',
      id: 'ID',
      ucr: 'FBI Code',
    },
    ucrPartOne: (code) => CHICAGO_PART_ONE.has(code.trim().toUpperCase()),
  },
  {
    id: 'policeuk',
    name: 'data.police.uk — street-level crime',
    signature: ['Month', 'Longitude', 'Latitude', 'Crime type', 'LSOA code'],
    monthOnly: true,
    mapping: {
      coordinates: { kind: 'latlon', lat: 'Latitude', lon: 'Longitude' },
      date: 'Month',
      dateOrder: 'ymd',
      category: 'Crime type',
      description: 'Last outcome category',
      beat: 'LSOA code',
      district: 'Falls within',
      address: 'Location',
      id: 'Crime ID',
    },
  },
  {
    id: 'nyc',
    name: 'NYC Open Data — NYPD complaints',
    signature: ['CMPLNT_NUM', 'CMPLNT_FR_DT', 'CMPLNT_FR_TM', 'OFNS_DESC', 'Latitude', 'Longitude'],
    monthOnly: false,
    mapping: {
      coordinates: { kind: 'latlon', lat: 'Latitude', lon: 'Longitude' },
      sentinelXY: { x: 'X_COORD_CD', y: 'Y_COORD_CD' },
      date: 'CMPLNT_FR_DT',
      time: 'CMPLNT_FR_TM',
      endDate: 'CMPLNT_TO_DT',
      endTime: 'CMPLNT_TO_TM',
      dateOrder: 'mdy',
      category: 'OFNS_DESC',
      description: 'PD_DESC',
      locationType: 'PREM_TYP_DESC',
      beat: 'ADDR_PCT_CD',
      district: 'BORO_NM',
      id: 'CMPLNT_NUM',
    },
  },
  {
    id: 'sf',
    name: 'DataSF — Police Department incident reports (2018 to present)',
    signature: ['Incident Datetime', 'Incident Category', 'Latitude', 'Longitude'],
    monthOnly: false,
    mapping: {
      coordinates: { kind: 'latlon', lat: 'Latitude', lon: 'Longitude' },
      date: 'Incident Datetime',
      dateOrder: 'ymd',
      category: 'Incident Category',
      description: 'Incident Description',
      beat: 'Analysis Neighborhood',
      district: 'Police District',
      address: 'Intersection',
      id: 'Row ID',
    },
  },
  {
    id: 'la',
    name: 'Los Angeles Open Data — crime data',
    signature: ['DATE OCC', 'TIME OCC', 'Crm Cd Desc', 'LAT', 'LON'],
    monthOnly: false,
    mapping: {
      coordinates: { kind: 'latlon', lat: 'LAT', lon: 'LON' },
      date: 'DATE OCC',
      time: 'TIME OCC',
      dateOrder: 'mdy',
      category: 'Crm Cd Desc',
      locationType: 'Premis Desc',
      beat: 'Rpt Dist No',
      district: 'AREA NAME',
      address: 'LOCATION',
      id: 'DR_NO',
      ucr: 'Part 1-2',
    },
    ucrPartOne: (code) => code.trim() === '1',
  },
];

const norm = (h: string): string => h.trim().toLowerCase();

/** The portal whose signature headers are all present, or null. */
export function detectSchema(headers: readonly string[]): PortalSchema | null {
  const present = new Set(headers.map(norm));
  return PORTAL_SCHEMAS.find((s) => s.signature.every((h) => present.has(norm(h)))) ?? null;
}

export function schemaById(id: SchemaId): PortalSchema | null {
  return PORTAL_SCHEMAS.find((s) => s.id === id) ?? null;
}

/** Index of a header (trimmed, case-insensitive), or -1. */
export function columnIndex(headers: readonly string[], name: string | undefined): number {
  if (name === undefined) return -1;
  const target = norm(name);
  return headers.findIndex((h) => norm(h) === target);
}

/** Every header a mapping names, with the role it plays (for validation messages). */
export function mappedColumns(mapping: ColumnMapping): [role: string, column: string][] {
  const out: [string, string][] = [];
  const c = mapping.coordinates;
  if (c.kind === 'latlon') out.push(['latitude', c.lat], ['longitude', c.lon]);
  else if (c.kind === 'point') out.push(['point', c.column]);
  else out.push(['x', c.x], ['y', c.y]);
  out.push(['date', mapping.date], ['category', mapping.category]);
  const optional: [string, string | undefined][] = [
    ['time', mapping.time],
    ['end date', mapping.endDate],
    ['end time', mapping.endTime],
    ['description', mapping.description],
    ['location type', mapping.locationType],
    ['beat', mapping.beat],
    ['district', mapping.district],
    ['address', mapping.address],
    ['id', mapping.id],
    ['UCR code', mapping.ucr],
  ];
  for (const [role, col] of optional) if (col !== undefined) out.push([role, col]);
  return out;
}

/** Required roles a mapping names that the file lacks (optional ones are dropped instead). */
export function missingColumns(mapping: ColumnMapping, headers: readonly string[]): string[] {
  const required = new Set(['latitude', 'longitude', 'point', 'x', 'y', 'date', 'category']);
  return mappedColumns(mapping)
    .filter(([role, col]) => required.has(role) && columnIndex(headers, col) === -1)
    .map(([role, col]) => `${role} ("${col}")`);
}

/**
 * A first guess at the mapping of an unknown layout from header names (`*lat*`, `*lon*`,
 * `*date*`, …). Returns what it could find; the user completes the rest in the dialog.
 */
export function guessMapping(headers: readonly string[]): Partial<ColumnMapping> {
  const find = (...patterns: RegExp[]): string | undefined => {
    for (const p of patterns) {
      const hit = headers.find((h) => p.test(h.trim()));
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  const lat = find(/^lat(itude)?$/i, /lat/i);
  const lon = find(/^(lon|lng|long|longitude)$/i, /lon|lng/i);
  const x = find(/^x$/i, /^x[ _]?coord/i, /^(easting|point_x)$/i);
  const y = find(/^y$/i, /^y[ _]?coord/i, /^(northing|point_y)$/i);
  const point = find(/^(location|point|geom|geometry|the_geom|wkt|lat_?lon)$/i);
  const guess: Partial<ColumnMapping> = { dateOrder: 'mdy' };
  if (lat !== undefined && lon !== undefined) guess.coordinates = { kind: 'latlon', lat, lon };
  else if (point !== undefined) guess.coordinates = { kind: 'point', column: point };
  else if (x !== undefined && y !== undefined)
    guess.coordinates = { kind: 'xy', x, y, crs: 'EPSG:4326' };
  const date = find(
    /^(date|datetime|occurred|occ_?date|incident_?date)$/i,
    /date|datetime|time_?stamp/i,
    /month/i,
  );
  if (date !== undefined) guess.date = date;
  // Not `hour`: an hour-of-day column (Boston's HOUR, 0–23) read as a time would be HHMM minutes
  // (9 → 00:09) and would overwrite the time the date column already gives.
  const time = find(/^(time|occ_?time|incident_?time)$/i);
  if (time !== undefined && time !== date) guess.time = time;
  // A name before a code: Boston's OFFENSE_CODE holds numbers, its OFFENSE_DESCRIPTION the names.
  const category = find(
    /^(category|offen[cs]e|crime_?type|type|primary_?type)$/i,
    /categ/i,
    /^(?!.*(code|_cd\b)).*(offen|crime.?type|type)/i,
    /offen|crime.?type|type/i,
  );
  if (category !== undefined) guess.category = category;
  const description = find(/desc/i);
  if (description !== undefined && description !== category) guess.description = description;
  const address = find(/^(address|block|street|location_?name)$/i, /addr|block|street/i);
  if (address !== undefined) guess.address = address;
  const id = find(/^(id|incident_?id|case_?(number|no)|report_?number|uid)$/i, /(^|[ _])id$/i);
  if (id !== undefined) guess.id = id;
  const beat = find(/^(beat|lsoa.?code|tract|ward|neighbou?rhood)$/i);
  if (beat !== undefined) guess.beat = beat;
  const district = find(/^(district|precinct|division|area|sector)$/i);
  if (district !== undefined) guess.district = district;
  return guess;
}

/** A complete mapping from a guess, or the roles still missing. */
export function completeMapping(
  guess: Partial<ColumnMapping>,
): { mapping: ColumnMapping } | { missing: string[] } {
  const missing: string[] = [];
  const c = guess.coordinates;
  const coordsComplete =
    c !== undefined &&
    (c.kind === 'latlon'
      ? c.lat !== '' && c.lon !== ''
      : c.kind === 'point'
        ? c.column !== ''
        : c.x !== '' && c.y !== '' && c.crs.trim() !== '');
  if (!coordsComplete) missing.push('coordinates');
  if (guess.date === undefined) missing.push('date');
  if (guess.category === undefined) missing.push('category');
  if (missing.length > 0 || !c || !guess.date || !guess.category) return { missing };
  return {
    mapping: {
      ...guess,
      coordinates: c,
      date: guess.date,
      category: guess.category,
      dateOrder: guess.dateOrder ?? 'mdy',
    },
  };
}
