/**
 * One row of the Chicago Data Portal's "Crimes - 2001 to Present" export (dataset ijzp-q8t2), in
 * its 22 columns and its exact text conventions: dates as `MM/DD/YYYY hh:mm:ss AM` (local wall-clock
 * time, no zone), `true`/`false`, Beat `0312`, District `003`, X/Y as integer state-plane feet,
 * latitude/longitude to 9 decimals (trailing zeros dropped, as the portal prints them), Location
 * as a quoted `(lat, lon)`, and a field quoted only when it holds a comma or a quote.
 *
 * @example
 * formatPortalDateTime(floatingMs(2023, 6, 28, 23, 4)); // '06/28/2023 11:04:00 PM'
 * formatDegrees(-87.63581257); // '-87.63581257'
 */
import { civilFromDays, MS_PER_DAY } from '../../src/analysis/calendar.ts';

export const CHICAGO_HEADERS = [
  'ID', 'Case Number', 'Date', 'Block', 'IUCR', 'Primary Type', 'Description',
  'Location Description', 'Arrest', 'Domestic', 'Beat', 'District', 'Ward', 'Community Area',
  'FBI Code', 'X Coordinate', 'Y Coordinate', 'Year', 'Updated On', 'Latitude', 'Longitude',
  'Location',
] as const; // prettier-ignore

export const CHICAGO_HEADER_LINE = CHICAGO_HEADERS.join(',');

/** The portal's "no geocode" point (in Missouri), written with X/Y Coordinate 0. */
export const NO_GEOCODE_SENTINEL = { lat: '36.619446395', lon: '-91.686565684' } as const;

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `MM/DD/YYYY hh:mm:ss AM|PM` of a floating wall-clock time in ms. */
export function formatPortalDateTime(ms: number): string {
  const day = Math.floor(ms / MS_PER_DAY);
  const { year, month, day: dom } = civilFromDays(day);
  const secondsOfDay = Math.floor((ms - day * MS_PER_DAY) / 1000);
  const h = Math.floor(secondsOfDay / 3600);
  const m = Math.floor((secondsOfDay % 3600) / 60);
  const s = secondsOfDay % 60;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${two(month)}/${two(dom)}/${year} ${two(h12)}:${two(m)}:${two(s)} ${h < 12 ? 'AM' : 'PM'}`;
}

/** Degrees to 9 decimals without trailing zeros (`41.86407`, `-87.706818608`). */
export function formatDegrees(v: number): string {
  let s = v.toFixed(9);
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--; // '0'
  if (s.charCodeAt(end - 1) === 46) end--; // '.'
  if (end !== s.length) s = s.slice(0, end);
  return s;
}

/** A CSV field, quoted (RFC 4180) only when it holds a comma, quote or line break. */
export function csvField(s: string): string {
  if (!/[",\r\n]/.test(s)) return s;
  return `"${s.replace(/"/g, '""')}"`;
}

/** Letters of Chicago RD (case) numbers skip I and O. */
const CASE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** The two-letter prefix of case numbers reported in `year`: 2023 → `JG`, 2024 → `JH`, 2025 → `JJ`. */
export function caseNumberPrefix(year: number): string {
  const index = CASE_LETTERS.indexOf('J') * CASE_LETTERS.length + CASE_LETTERS.indexOf('G');
  const k = (((index + year - 2023) % 576) + 576) % 576;
  return CASE_LETTERS[Math.floor(k / 24)] + CASE_LETTERS[k % 24];
}

export type RowLocation =
  | { kind: 'point'; xFeet: number; yFeet: number; lon: number; lat: number }
  | { kind: 'blank' }
  | { kind: 'sentinel' };

export interface ChicagoRow {
  id: number;
  caseNumber: string;
  /** The Date field as written (normally `formatPortalDateTime`; a quirk row may hold anything). */
  date: string;
  block: string;
  iucr: string;
  primaryType: string;
  description: string;
  locationDescription: string;
  arrest: boolean;
  domestic: boolean;
  beat: string;
  district: string;
  ward: number;
  communityArea: number;
  fbiCode: string;
  location: RowLocation;
  year: number;
  updatedOn: string;
}

/** The row as one CSV line, without its line break. */
export function chicagoRowCsv(r: ChicagoRow): string {
  let place: string;
  if (r.location.kind === 'point') {
    const lat = formatDegrees(r.location.lat);
    const lon = formatDegrees(r.location.lon);
    place = `${Math.round(r.location.xFeet)},${Math.round(r.location.yFeet)},${r.year},${r.updatedOn},${lat},${lon},"(${lat}, ${lon})"`;
  } else if (r.location.kind === 'sentinel') {
    const { lat, lon } = NO_GEOCODE_SENTINEL;
    place = `0,0,${r.year},${r.updatedOn},${lat},${lon},"(${lat}, ${lon})"`;
  } else {
    place = `,,${r.year},${r.updatedOn},,,`;
  }
  return (
    `${r.id},${r.caseNumber},${r.date},${r.block},${r.iucr},${r.primaryType},` +
    `${csvField(r.description)},${csvField(r.locationDescription)},${r.arrest},${r.domestic},` +
    `${r.beat},${r.district},${r.ward},${r.communityArea},${r.fbiCode},${place}`
  );
}
