import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { booleanClockwise, booleanPointInPolygon, point, polygon } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { daysInMonth, dayOfWeek, floatingMs, MS_PER_DAY } from '../../../src/analysis/calendar';
import { createLocalProjection } from '../../../src/analysis/localProjection';
import {
  BLOCK_METRES,
  CITY_CENTRE_LAT,
  CITY_CENTRE_LON,
  beatsGeoJson,
  createCityGrid,
  districtsGeoJson,
  ewStreetName,
  nsStreetName,
  type PolygonCollection,
} from '../../../scripts/sample/cityGrid';
import { generateIncidentsCsv, type SampleTruth } from '../../../scripts/sample/generateIncidents';
import { formatTruthJson, writeIncidentsCsv } from '../../../scripts/sample/writeSample';

const sampleDir = path.resolve(__dirname, '../../../data/sample');

/** The header of the Chicago Data Portal's "Crimes - 2001 to Present" export, as downloaded. */
const PORTAL_HEADER =
  'ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Year,Updated On,Latitude,Longitude,Location';

const DATE_PATTERN = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2}) (AM|PM)$/;

/** Floating ms of a portal date, or NaN when it is not a real `MM/DD/YYYY hh:mm:ss AM` time. */
function parsePortalDate(text: string): number {
  const m = DATE_PATTERN.exec(text);
  if (m === null) return NaN;
  const [month, day, year, hour12, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour12 < 1 || hour12 > 12 || minute > 59 || second > 59) return NaN;
  const hour = (hour12 % 12) + (m[7] === 'PM' ? 12 : 0);
  return floatingMs(year, month, day, hour, minute, second);
}

const C = {
  id: 0, caseNumber: 1, date: 2, block: 3, iucr: 4, type: 5, description: 6, location: 7,
  arrest: 8, domestic: 9, beat: 10, district: 11, ward: 12, area: 13, fbi: 14, x: 15, y: 16,
  year: 17, updatedOn: 18, lat: 19, lon: 20, point: 21,
} as const; // prettier-ignore

function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('generateIncidents: determinism', () => {
  it('gives identical bytes and truth for the same seed, and different ones for another seed', () => {
    const a = generateIncidentsCsv({ rows: 3000, seed: 7 });
    const b = generateIncidentsCsv({ rows: 3000, seed: 7, chunkCharacters: 5000 });
    const c = generateIncidentsCsv({ rows: 3000, seed: 8 });
    expect(b.csv).toBe(a.csv);
    expect(formatTruthJson(b.truth)).toBe(formatTruthJson(a.truth));
    expect(c.csv).not.toBe(a.csv);
    expect(parseCsv(a.csv)).toHaveLength(3001);
  });

  it('streams to disk the same bytes it builds in memory', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sample-'));
    try {
      const file = path.join(dir, 'incidents.csv');
      const truth = writeIncidentsCsv(file, { rows: 2000, seed: 3, chunkCharacters: 10_000 });
      const memory = generateIncidentsCsv({ rows: 2000, seed: 3 });
      expect(readFileSync(file, 'utf8')).toBe(memory.csv);
      expect(truth.counts.rows).toBe(2000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects options it cannot honour', () => {
    expect(() => generateIncidentsCsv({ rows: 100 })).toThrow(/rows/);
    expect(() => generateIncidentsCsv({ rows: 2000, years: 0 })).toThrow(/years/);
  });
});

describe('data/sample (the committed sample city)', () => {
  let csvText: string;
  let rows: string[][];
  let truth: SampleTruth;
  let beats: PolygonCollection;
  let districts: PolygonCollection;
  let byId: Map<string, string[][]>;
  let geocoded: string[][];
  const projection = createLocalProjection(CITY_CENTRE_LON, CITY_CENTRE_LAT);
  const planar = (r: string[]): [number, number] =>
    projection.forward(Number(r[C.lon]), Number(r[C.lat]));

  beforeAll(() => {
    csvText = readFileSync(path.join(sampleDir, 'incidents.csv'), 'utf8');
    const all = parseCsv(csvText);
    expect(all[0].join(',')).toBe(PORTAL_HEADER);
    rows = all.slice(1);
    truth = JSON.parse(readFileSync(path.join(sampleDir, 'truth.json'), 'utf8')) as SampleTruth;
    beats = JSON.parse(readFileSync(path.join(sampleDir, 'beats.geojson'), 'utf8'));
    districts = JSON.parse(readFileSync(path.join(sampleDir, 'districts.geojson'), 'utf8'));
    byId = new Map();
    for (const r of rows) byId.set(r[C.id], [...(byId.get(r[C.id]) ?? []), r]);
    geocoded = rows.filter((r) => r[C.lat] !== '' && r[C.x] !== '0');
  });

  it('is exactly what `npm run sample` regenerates', () => {
    const { csv, truth: regenerated } = generateIncidentsCsv();
    expect(csv === csvText).toBe(true);
    expect(formatTruthJson(regenerated)).toBe(
      readFileSync(path.join(sampleDir, 'truth.json'), 'utf8'),
    );
    const city = createCityGrid();
    expect(beats).toEqual(JSON.parse(JSON.stringify(beatsGeoJson(city))));
    expect(districts).toEqual(JSON.parse(JSON.stringify(districtsGeoJson(city))));
  });

  it('has the 22 portal columns on every row, ~60,000 rows over 2023–2025, under 15 MB', () => {
    expect(rows.length).toBe(truth.counts.rows);
    expect(rows.length).toBeGreaterThanOrEqual(55_000);
    expect(rows.length).toBeLessThanOrEqual(65_000);
    expect(rows.every((r) => r.length === 22)).toBe(true);
    expect(Buffer.byteLength(csvText)).toBeLessThan(15_000_000);
    const years = new Set(rows.map((r) => r[C.year]));
    expect([...years].sort()).toEqual(['2023', '2024', '2025']);
  });

  it('writes every field in the portal format', () => {
    const rules: [string, number, RegExp][] = [
      ['ID', C.id, /^[1-9]\d{7}$/],
      ['Case Number', C.caseNumber, /^J[GHJ]\d{6}$/],
      ['Block', C.block, /^(\d{3}XX|0000X) [NSEW] [A-Z0-9 ]+ (AVE|ST|RD|BLVD)$/],
      ['IUCR', C.iucr, /^\d{3}[\dA-Z]$/],
      ['Arrest', C.arrest, /^(true|false)$/],
      ['Domestic', C.domestic, /^(true|false)$/],
      ['Beat', C.beat, /^\d{4}$/],
      ['District', C.district, /^\d{3}$/],
      ['Ward', C.ward, /^\d{1,2}$/],
      ['Community Area', C.area, /^\d{1,2}$/],
      ['FBI Code', C.fbi, /^\d{2}[AB]?$/],
      ['Year', C.year, /^\d{4}$/],
    ];
    const pointRules: [string, number, RegExp][] = [
      ['X Coordinate', C.x, /^\d+$/],
      ['Y Coordinate', C.y, /^\d+$/],
      ['Latitude', C.lat, /^\d+\.\d{1,9}$/],
      ['Longitude', C.lon, /^-\d+\.\d{1,9}$/],
    ];
    const failures: string[] = [];
    for (const r of rows) {
      for (const [name, k, pattern] of r[C.lat] === '' ? rules : [...rules, ...pointRules]) {
        if (!pattern.test(r[k])) failures.push(`${name} '${r[k]}' in ${r[C.id]}`);
      }
      if (r[C.beat].slice(0, 2) !== r[C.district].slice(1)) failures.push(`beat ${r[C.beat]}`);
      if (!(parsePortalDate(r[C.updatedOn]) > 0)) failures.push(`Updated On ${r[C.updatedOn]}`);
      if (r[C.lat] !== '' && r[C.point] !== `(${r[C.lat]}, ${r[C.lon]})`) {
        failures.push(`Location ${r[C.point]}`);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    // Fields with commas are quoted, as the portal quotes them.
    expect(csvText).toContain(',"TRUCK, BUS, MOTOR HOME",');
    expect(csvText).toContain(',"(40.');
  });

  it('keeps each IUCR code to one primary type, description and FBI code, in Chicago-like proportions', () => {
    const meaning = new Map<string, string>();
    const types = new Map<string, number>();
    const conflicts: string[] = [];
    for (const r of rows) {
      const m = `${r[C.type]}|${r[C.description]}|${r[C.fbi]}`;
      if ((meaning.get(r[C.iucr]) ?? m) !== m) conflicts.push(`${r[C.iucr]}: ${m}`);
      meaning.set(r[C.iucr], m);
      types.set(r[C.type], (types.get(r[C.type]) ?? 0) + 1);
    }
    expect(meaning.get('0486')).toBe('BATTERY|DOMESTIC BATTERY SIMPLE|08B');
    expect(meaning.get('0820')).toBe('THEFT|$500 AND UNDER|06');
    expect(meaning.get('0910')).toBe('MOTOR VEHICLE THEFT|AUTOMOBILE|07');
    expect(conflicts.slice(0, 5)).toEqual([]);
    const ranked = [...types.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
    expect(ranked.slice(0, 2)).toEqual(['THEFT', 'BATTERY']);
    const share = (t: string): number => (types.get(t) ?? 0) / rows.length;
    expect(share('THEFT')).toBeGreaterThan(0.18);
    expect(share('THEFT')).toBeLessThan(0.3);
    for (const t of [
      'BURGLARY',
      'NARCOTICS',
      'ROBBERY',
      'DECEPTIVE PRACTICE',
      'WEAPONS VIOLATION',
    ]) {
      expect(share(t)).toBeGreaterThan(0.02);
      expect(share(t)).toBeLessThan(0.08);
    }
  });

  it('dates rows MM/DD/YYYY hh:mm:ss AM, roughly newest first, except the planted unparseable ones', () => {
    const unparseable = rows.filter((r) => Number.isNaN(parsePortalDate(r[C.date])));
    expect(unparseable.length).toBe(truth.quirks.unparseableDate.count);
    expect(unparseable.filter((r) => r[C.date] === '').length).toBe(
      truth.quirks.unparseableDate.empty,
    );
    expect(unparseable.map((r) => Number(r[C.id])).sort((a, b) => a - b)).toEqual(
      truth.quirks.unparseableDate.ids,
    );
    let previous = Infinity;
    let outOfOrder = 0;
    let midnight = 0;
    let midnightOnFirst = 0;
    let yearMismatches = 0;
    for (const r of rows) {
      const ms = parsePortalDate(r[C.date]);
      if (Number.isNaN(ms)) continue;
      if (ms > previous) outOfOrder++;
      previous = ms;
      if (ms % MS_PER_DAY === 0) {
        midnight++;
        if (r[C.date].slice(3, 5) === '01') midnightOnFirst++;
      }
      if (r[C.date].slice(6, 10) !== r[C.year]) yearMismatches++;
    }
    expect(yearMismatches).toBe(0);
    expect(outOfOrder).toBe(truth.quirks.rowsOutOfOrder);
    expect(outOfOrder / rows.length).toBeGreaterThan(0.005);
    expect(outOfOrder / rows.length).toBeLessThan(0.05);
    expect(midnight).toBe(truth.quirks.rowsAtMidnight);
    expect(midnight).toBe(
      truth.quirks.midnightDefault.planted + truth.quirks.firstOfMonthDefault.planted,
    );
    expect(midnightOnFirst).toBe(truth.quirks.rowsAtMidnightOnFirstOfMonth);
    expect(midnightOnFirst).toBeGreaterThanOrEqual(truth.quirks.firstOfMonthDefault.planted);
    expect(midnight / rows.length).toBeCloseTo(0.005, 3);
  });

  it('plants ~1% blank coordinates and a few no-geocode sentinels, exactly as truth.json counts', () => {
    const blank = rows.filter((r) => r[C.lat] === '');
    expect(
      blank.every((r) => r[C.x] === '' && r[C.y] === '' && r[C.lon] === '' && r[C.point] === ''),
    ).toBe(true);
    expect(blank.length).toBe(truth.quirks.blankCoordinates.count);
    expect(blank.length / rows.length).toBeCloseTo(0.01, 3);
    expect(blank.every((r) => r[C.block] !== '' && r[C.beat] !== '')).toBe(true);
    const sentinel = rows.filter((r) => r[C.x] === '0');
    expect(sentinel.length).toBe(truth.quirks.noGeocodeSentinel.count);
    expect(sentinel.length).toBeGreaterThanOrEqual(10);
    expect(sentinel.length).toBeLessThanOrEqual(30);
    for (const r of sentinel) {
      expect([r[C.y], r[C.lat], r[C.lon]]).toEqual(['0', '36.619446395', '-91.686565684']);
      expect(r[C.point]).toBe('(36.619446395, -91.686565684)');
    }
    expect(rows.filter((r) => r[C.y] === '0').length).toBe(sentinel.length);
  });

  it('duplicates the IDs truth.json lists: a later re-export of the same record', () => {
    const repeated = [...byId.entries()].filter(([, rs]) => rs.length > 1);
    expect(repeated.length).toBe(truth.quirks.duplicateId.count);
    expect(repeated.length).toBeGreaterThanOrEqual(10);
    expect(repeated.length).toBeLessThanOrEqual(30);
    expect(repeated.map(([id]) => Number(id)).sort((a, b) => a - b)).toEqual(
      truth.quirks.duplicateId.ids,
    );
    for (const [, [first, second]] of repeated) {
      expect(rows.indexOf(first)).toBeLessThan(rows.indexOf(second));
      expect(parsePortalDate(second[C.updatedOn])).toBeGreaterThan(
        parsePortalDate(first[C.updatedOn]),
      );
      const same = (r: string[]): string[] =>
        r.filter((_, k) => k !== C.arrest && k !== C.updatedOn);
      expect(same(second)).toEqual(same(first));
    }
    expect(truth.expectedImport.rowsImported).toBe(
      rows.length - truth.quirks.blankCoordinates.count - truth.quirks.noGeocodeSentinel.count -
        truth.quirks.unparseableDate.count - truth.quirks.duplicateId.count,
    ); // prettier-ignore
  });

  it('puts every point 0.5–7 m from the centre line of the street its Block names, on that block', () => {
    const failures: string[] = [];
    for (const r of geocoded) {
      const [x, y] = planar(r);
      const [, hundreds, dir, street] = /^(\d{3}XX|0000X) ([NSEW]) (.+)$/.exec(r[C.block]) ?? [];
      const block = hundreds === '0000X' ? 0 : Number(hundreds.slice(0, 3));
      const onNs = dir === 'N' || dir === 'S';
      const across = onNs ? x : y;
      const along = onNs ? y : x;
      const index = Math.round(across / BLOCK_METRES);
      const offset = Math.abs(across - index * BLOCK_METRES);
      const ok =
        offset > 0.45 &&
        offset < 7.05 &&
        (onNs ? nsStreetName(index) : ewStreetName(index)) === street &&
        Math.floor(Math.abs(along) / BLOCK_METRES) === block &&
        (along >= 0 ? (onNs ? 'N' : 'E') : onNs ? 'S' : 'W') === dir;
      if (!ok) failures.push(`${r[C.id]} ${r[C.block]} at ${x.toFixed(1)}, ${y.toFixed(1)}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(geocoded.length).toBe(
      rows.length - truth.quirks.blankCoordinates.count - truth.quirks.noGeocodeSentinel.count,
    );
  });

  it('has beats and districts that tile the city and contain each incident named in their rows', () => {
    expect(beats.type).toBe('FeatureCollection');
    expect(beats.features.length).toBe(truth.city.beats);
    expect(beats.features.length).toBeGreaterThanOrEqual(40);
    expect(beats.features.length).toBeLessThanOrEqual(80);
    expect(districts.features.length).toBe(truth.city.districts);
    const beatPolygon = new Map(beats.features.map((f) => [f.properties.beat, f]));
    const districtPolygon = new Map(districts.features.map((f) => [f.properties.district, f]));
    expect(new Set(rows.map((r) => r[C.beat]))).toEqual(new Set(beatPolygon.keys()));
    expect(new Set(rows.map((r) => r[C.district]))).toEqual(new Set(districtPolygon.keys()));
    for (const f of [...beats.features, ...districts.features]) {
      const ring = f.geometry.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(booleanClockwise(ring)).toBe(false); // RFC 7946: exterior rings counter-clockwise
      expect(typeof f.properties.name).toBe('string');
    }
    for (const r of rows) {
      expect(beatPolygon.get(r[C.beat])?.properties.district).toBe(r[C.district]);
    }
    for (const r of geocoded) {
      const p = point([Number(r[C.lon]), Number(r[C.lat])]);
      const beat = beatPolygon.get(r[C.beat]);
      const district = districtPolygon.get(r[C.district]);
      if (beat === undefined || district === undefined)
        throw new Error(`no polygon for ${r[C.beat]}`);
      expect(booleanPointInPolygon(p, polygon(beat.geometry.coordinates))).toBe(true);
      expect(booleanPointInPolygon(p, polygon(district.geometry.coordinates))).toBe(true);
    }
    // Polygons do not overlap: each point lies in exactly one beat (checked on a sample of rows).
    for (const r of geocoded.slice(0, 500)) {
      const p = point([Number(r[C.lon]), Number(r[C.lat])]);
      const inside = beats.features.filter((f) =>
        booleanPointInPolygon(p, polygon(f.geometry.coordinates)),
      );
      expect(inside.map((f) => f.properties.beat)).toEqual([r[C.beat]]);
    }
  });

  it('keeps every hotspot incident inside its disc or corridor, with the counts truth.json states', () => {
    let total = 0;
    for (const h of truth.hotspots) {
      const ids = h.ids ?? [];
      expect(ids.length).toBe(h.count);
      total += h.count;
      const [cx, cy] = projection.forward(h.centre[0], h.centre[1]);
      const byType: Record<string, number> = {};
      for (const id of ids) {
        const [r] = byId.get(String(id)) ?? [];
        const [x, y] = planar(r);
        expect(Math.hypot(x - cx, y - cy)).toBeLessThanOrEqual(h.radiusMetres + 0.01);
        if (h.line !== undefined) {
          const [, ly] = projection.forward(h.line[0][0], h.line[0][1]);
          expect(Math.abs(y - ly)).toBeLessThanOrEqual(h.bufferMetres ?? 0);
        }
        const [sy, sm, sd] = h.period.start.split('-').map(Number);
        expect(parsePortalDate(r[C.date])).toBeGreaterThanOrEqual(floatingMs(sy, sm, sd));
        byType[r[C.type]] = (byType[r[C.type]] ?? 0) + 1;
      }
      expect(byType).toEqual(h.countByPrimaryType);
    }
    expect(total).toBe(truth.counts.hotspots);
    expect(truth.counts.hotspotShare).toBeGreaterThanOrEqual(0.2);
    expect(truth.counts.hotspotShare).toBeLessThanOrEqual(0.25);
    const kinds = truth.hotspots.map((h) => h.kind);
    expect(kinds.filter((k) => k === 'persistent').length).toBeGreaterThanOrEqual(3);
    const persistentTypes = truth.hotspots
      .filter((h) => h.kind === 'persistent')
      .map((h) => Object.entries(h.countByPrimaryType).sort((a, b) => b[1] - a[1])[0][0]);
    expect(new Set(persistentTypes).size).toBe(persistentTypes.length);
  });

  it('makes each persistent hotspot stand out in 200 m cells (top 1% of cells)', () => {
    const counts = new Map<string, number>();
    const key = (x: number, y: number): string => `${Math.floor(x / 200)},${Math.floor(y / 200)}`;
    for (const r of geocoded) {
      const k = key(...planar(r));
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const sorted = [...counts.values()].sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)];
    for (const h of truth.hotspots.filter((s) => s.kind === 'persistent')) {
      const [cx, cy] = projection.forward(h.centre[0], h.centre[1]);
      const around = [-1, 0, 1].flatMap((dx) =>
        [-1, 0, 1].map((dy) => counts.get(key(cx + dx * 100, cy + dy * 100)) ?? 0),
      );
      expect(Math.max(...around)).toBeGreaterThan(p99);
    }
  });

  it('starts the emerging hotspot 9 months before the end, and halves the diminishing one', () => {
    const emerging = truth.hotspots.find((h) => h.kind === 'emerging');
    const diminishing = truth.hotspots.find((h) => h.kind === 'diminishing');
    if (emerging === undefined || diminishing === undefined) throw new Error('missing hotspot');
    expect(emerging.period.start).toBe('2025-04-01');
    const start = parsePortalDate('04/01/2025 12:00:00 AM');
    for (const id of emerging.ids ?? []) {
      const [r] = byId.get(String(id)) ?? [];
      expect(parsePortalDate(r[C.date])).toBeGreaterThanOrEqual(start);
    }
    expect(emerging.countByMonth.slice(0, 27).every((n) => n === 0)).toBe(true);
    expect(emerging.countByMonth.slice(27).every((n) => n > 50)).toBe(true);
    // Seen without the truth: robberies within its radius, per month, before and after the start.
    const [ex, ey] = projection.forward(emerging.centre[0], emerging.centre[1]);
    let before = 0;
    let after = 0;
    for (const r of geocoded) {
      if (r[C.type] !== 'ROBBERY') continue;
      const [x, y] = planar(r);
      if (Math.hypot(x - ex, y - ey) > emerging.radiusMetres) continue;
      if (parsePortalDate(r[C.date]) >= start) after++;
      else before++;
    }
    expect(after / 9).toBeGreaterThan(10 * (before / 27));

    const first = diminishing.countByMonth.slice(0, 12).reduce((a, b) => a + b, 0);
    const last = diminishing.countByMonth.slice(-12).reduce((a, b) => a + b, 0);
    expect(last / first).toBeGreaterThan(0.5);
    expect(last / first).toBeLessThan(0.78); // planted: (1 − 0.5·2.5/3) / (1 − 0.5·0.5/3) ≈ 0.64
    expect(diminishing.rateAtEndRelativeToStart).toBe(0.5);
  });

  it('raises MOTOR VEHICLE THEFT ~40% a year, peaks in summer, and cycles by weekday and hour', () => {
    const mvt: Record<string, number> = {};
    const monthOf = new Array<number>(12).fill(0);
    let nightLife = 0;
    let nightLifeInWindow = 0;
    let burglaries = 0;
    let burglariesWeekdayDaytime = 0;
    const nightLifeIds = new Set(truth.hotspots.find((h) => h.id === 'nightlife')?.ids);
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(r[C.id])) continue;
      seen.add(r[C.id]);
      if (r[C.type] === 'MOTOR VEHICLE THEFT') mvt[r[C.year]] = (mvt[r[C.year]] ?? 0) + 1;
      const ms = parsePortalDate(r[C.date]);
      if (Number.isNaN(ms)) continue;
      monthOf[Number(r[C.date].slice(0, 2)) - 1]++;
      const dow = dayOfWeek(ms);
      const hour = Math.floor((ms % MS_PER_DAY) / 3_600_000);
      if (nightLifeIds.has(Number(r[C.id]))) {
        nightLife++;
        if (((dow === 4 || dow === 5) && hour >= 21) || ((dow === 5 || dow === 6) && hour < 3)) {
          nightLifeInWindow++;
        }
      }
      if (
        r[C.type] === 'BURGLARY' &&
        ['RESIDENCE', 'APARTMENT', 'RESIDENCE - GARAGE'].includes(r[C.location])
      ) {
        burglaries++;
        if (dow <= 4 && hour >= 9 && hour < 17) burglariesWeekdayDaytime++;
      }
    }
    expect(mvt).toEqual(truth.trend.countByYear);
    expect(mvt['2024'] / mvt['2023']).toBeCloseTo(1.4, 1);
    expect(mvt['2025'] / mvt['2024']).toBeCloseTo(1.4, 1);
    const summer = monthOf[6] + monthOf[7];
    const winter = monthOf[0] + monthOf[1];
    expect(summer / winter).toBeGreaterThan(1.35);
    expect(nightLifeInWindow / nightLife).toBeCloseTo(truth.weeklyCycles.nightLifeShareFridaySaturday21to03, 3); // prettier-ignore
    expect(nightLifeInWindow / nightLife).toBeGreaterThan(0.6); // 12 of 168 hours of the week
    expect(burglariesWeekdayDaytime / burglaries).toBeCloseTo(truth.weeklyCycles.residentialBurglaryShareWeekday09to17, 3); // prettier-ignore
    expect(burglariesWeekdayDaytime / burglaries).toBeGreaterThan(0.4); // uniform: 40/168 ≈ 0.24
  });

  it('chains burglaries on one block within days (several hundred near-repeat chains)', () => {
    const chains = truth.nearRepeatChains.list ?? [];
    expect(chains.length).toBe(truth.nearRepeatChains.chains);
    expect(chains.length).toBeGreaterThanOrEqual(200);
    let events = 0;
    for (const chain of chains) {
      expect(chain.ids.length).toBeGreaterThanOrEqual(2);
      events += chain.ids.length;
      const chainRows = chain.ids.map((id) => (byId.get(String(id)) ?? [])[0]);
      expect(new Set(chainRows.map((r) => r[C.block]))).toEqual(new Set([chain.block]));
      expect(chainRows.every((r) => r[C.type] === 'BURGLARY')).toBe(true);
      const days = chainRows.map((r) => Math.floor(parsePortalDate(r[C.date]) / MS_PER_DAY));
      for (let k = 1; k < days.length; k++) {
        expect(days[k] - days[k - 1]).toBeGreaterThanOrEqual(1);
        expect(days[k] - days[k - 1]).toBeLessThanOrEqual(truth.nearRepeatChains.maxGapDays);
      }
    }
    expect(events).toBe(truth.nearRepeatChains.events);
  });
});
