/**
 * Streams a fictional city's crime incidents as a Chicago-portal CSV, with a record of everything
 * planted in it (truth.json).
 *
 * Rows come out roughly reverse-chronological, as portal exports do: the generator walks the days
 * from the last to the first, writes each day's incidents newest first, and holds a few rows back
 * to write them among older ones. Memory is O(days + chains + one day's rows) whatever `rows` is,
 * so 8,000,000 rows (≈1.9 GB) stream to disk without being held; speed is a few seconds a million
 * rows. Everything random comes from `createRandom(seed)`: the same options give the same bytes.
 *
 * @example
 * const gen = generateIncidents({ rows: 2000, seed: 1 });
 * let step = gen.next();
 * while (!step.done) step = gen.next(); // step.value of each yield: CSV text; at the end: the truth
 * step.value.counts.rows; // 2000
 */
import { createRandom, type Random } from '../../src/analysis/random.ts';
import {
  civilFromDays,
  dayOfWeek,
  formatIsoDate,
  MS_PER_DAY,
  MS_PER_MINUTE,
} from '../../src/analysis/calendar.ts';
import { describeProjection } from '../../src/analysis/localProjection.ts';
import {
  BLOCK_METRES,
  CITY_CENTRE_LAT,
  CITY_CENTRE_LON,
  CITY_NAME,
  EAST_LIMIT,
  NORTH_LIMIT,
  SOUTH_LIMIT,
  WEST_LIMIT,
  createCityGrid,
  placeOnStreet,
  type CityGrid,
  type StreetPoint,
} from './cityGrid.ts';
import {
  CHICAGO_HEADER_LINE,
  NO_GEOCODE_SENTINEL,
  caseNumberPrefix,
  chicagoRowCsv,
  formatPortalDateTime,
  type ChicagoRow,
  type RowLocation,
} from './chicagoRow.ts';
import {
  PRIMARY_TYPES,
  PROFILES,
  offenceByIucr,
  type Offence,
  type PrimaryType,
  type WeekProfile,
} from './offenceCatalogue.ts';
import {
  CHAINS,
  CHAIN_OFFENCES,
  DIMINISHING_END_RATIO,
  DISORDER,
  HOTSPOTS,
  POPULATION,
  QUIRK_CODES,
  RESIDENTIAL_BURGLARY_PLACES,
  SEASON,
  TREND,
  planSample,
  sampleHotspotPoint,
  samplePopulationPoint,
  type HotspotShape,
  type QuirkName,
  type SamplePlan,
} from './plantedPatterns.ts';

export interface GenerateOptions {
  /** Rows in the file (duplicate-ID rows included); defaults to 60,000. */
  rows?: number;
  /** Full calendar years covered; defaults to 3. */
  years?: number;
  /** Last year covered; defaults to 2025. */
  endYear?: number;
  seed?: number;
  /** List the IDs behind every planted count in the truth; defaults to rows ≤ 200,000. */
  includeIds?: boolean;
  /** Characters of CSV per yielded chunk; defaults to 1 Mi. */
  chunkCharacters?: number;
}

export const SAMPLE_DEFAULTS = { rows: 60_000, years: 3, endYear: 2025, seed: 20230101 } as const;

/** A lon/lat pair rounded to 7 decimals (≈1 cm). */
type LonLat = [number, number];

export interface HotspotTruth {
  id: string;
  label: string;
  kind: 'persistent' | 'emerging' | 'diminishing';
  /** Disc centre, or the corridor's midpoint. */
  centre: LonLat;
  /** Every incident of the hotspot lies within this distance of `centre`, in metres. */
  radiusMetres: number;
  /** Disc hotspots: standard deviation of the (truncated) Gaussian, in metres. */
  sigmaMetres?: number;
  /** Corridor hotspots: the street segment, and how far from it incidents lie at most, in metres. */
  line?: [LonLat, LonLat];
  bufferMetres?: number;
  period: { start: string; end: string };
  when: string;
  /** Offences planted, with their relative weights. */
  offences: { iucr: string; primaryType: string; description: string; weight: number }[];
  count: number;
  countByYear: Record<string, number>;
  /** Incidents a month over the whole period (index 0 = first month). */
  countByMonth: number[];
  countByPrimaryType: Record<string, number>;
  /** Share of the hotspot's incidents inside its `when` window. */
  shareInWindow?: number;
  /** Diminishing hotspots: the rate on the last day relative to the first (linear in between). */
  rateAtEndRelativeToStart?: number;
  ids?: number[];
}

export interface SampleTruth {
  generator: string;
  options: { rows: number; years: number; endYear: number; seed: number };
  period: { start: string; end: string; months: string[] };
  city: {
    name: string;
    centre: LonLat;
    bbox: [number, number, number, number];
    blockMetres: number;
    streets: string;
    addressing: string;
    projection: string;
    xyCoordinates: string;
    beats: number;
    districts: number;
  };
  counts: {
    rows: number;
    incidents: number;
    background: number;
    hotspots: number;
    nearRepeatChainEvents: number;
    duplicateRows: number;
    hotspotShare: number;
    countByPrimaryType: Record<string, number>;
    /** Incidents a month by their intended date (duplicates not counted). */
    countByMonth: number[];
  };
  populationSurface: typeof POPULATION;
  seasonality: {
    amplitude: number;
    peakDayOfYear: number;
    description: string;
    countByCalendarMonth: number[];
  };
  weeklyCycles: {
    nightLifeShareFridaySaturday21to03: number;
    residentialBurglaryShareWeekday09to17: number;
    residentialBurglaryUniformShare: number;
    description: string;
  };
  hotspots: HotspotTruth[];
  trend: {
    primaryType: string;
    growthPerYear: number;
    /** The rise covers the period's final `riseYears` years (flat before). */
    riseYears: number;
    /** All rows of the type by the Year column, duplicates not counted. */
    countByYear: Record<string, number>;
  };
  nearRepeatChains: {
    primaryType: 'BURGLARY';
    chains: number;
    events: number;
    maxGapDays: number;
    description: string;
    list?: { block: string; ids: number[]; dates: string[] }[];
  };
  quirks: {
    blankCoordinates: { count: number; ids?: number[] };
    noGeocodeSentinel: { count: number; xy: [0, 0]; latLon: [number, number]; ids?: number[] };
    unparseableDate: { count: number; empty: number; outOfRange: number; ids?: number[] };
    duplicateId: { count: number; ids?: number[]; description: string };
    midnightDefault: { planted: number };
    firstOfMonthDefault: { planted: number };
    /** Rows whose Date reads exactly 12:00:00 AM, and those among them on the 1st of a month. */
    rowsAtMidnight: number;
    rowsAtMidnightOnFirstOfMonth: number;
    /** Rows dated later than the last readable date above them (the file is otherwise newest first). */
    rowsOutOfOrder: number;
  };
  expectedImport: {
    rowsRead: number;
    rowsImported: number;
    rejected: {
      noCoordinates: number;
      sentinelCoordinates: number;
      unparseableDate: number;
      duplicateId: number;
    };
  };
}

interface Draft {
  ms: number;
  day: number;
  point: StreetPoint;
  type: PrimaryType;
  offence: Offence;
  locationDescription: string;
  arrest: boolean;
  domestic: boolean;
  /** -1 background, -2 chain, k ≥ 0 hotspot k. */
  source: number;
  quirk: QuirkName | null;
  chain: number;
  order: number;
}

interface Pending {
  ms: number;
  dateOk: boolean;
  text: string;
}

/** Cumulative hour weights of each weekday of a week profile. */
function hourCdfs(profile: WeekProfile): Float64Array {
  const out = new Float64Array(168);
  for (let d = 0; d < 7; d++) {
    let acc = 0;
    for (let h = 0; h < 24; h++) {
      acc += profile[d * 24 + h];
      out[d * 24 + h] = acc;
    }
  }
  return out;
}

/**
 * Minute of the day drawn from a profile's weekday row, heaped at :00, :30, :15 and :45 as
 * reported times are; never exactly 00:00, which the sample keeps for default-value artefacts.
 */
function sampleMinuteOfDay(cdfs: Float64Array, dow: number, rng: Random): number {
  const base = dow * 24;
  const target = rng.next() * cdfs[base + 23];
  let h = 0;
  while (h < 23 && cdfs[base + h] <= target) h++;
  const u = rng.next();
  let m: number;
  if (u < 0.25) m = 0;
  else if (u < 0.4) m = 30;
  else if (u < 0.5) m = rng.next() < 0.5 ? 15 : 45;
  else m = rng.int(60);
  if (h === 0 && m === 0) m = 1 + rng.int(59);
  return h * 60 + m;
}

const SATURDAY = 5;

/** Updated On: the portal refreshes records in weekly batches; the first Saturday a week or more after the incident, 15:40–15:59. */
function updatedOnText(day: number): string {
  const earliest = day + 7;
  const saturday = earliest + ((SATURDAY - dayOfWeek(earliest * MS_PER_DAY) + 7) % 7);
  const seconds = 15 * 3600 + 40 * 60 + ((saturday * 7919) % 1200);
  return formatPortalDateTime(saturday * MS_PER_DAY + seconds * 1000);
}

function badDateText(year: number, rng: Random): { text: string; empty: boolean } {
  if (rng.next() < 0.25) return { text: '', empty: true };
  const month = 13 + rng.int(7);
  const dom = 32 + rng.int(28);
  const hour = 13 + rng.int(12);
  const minute = 60 + rng.int(40);
  return {
    text: `${month}/${dom}/${year} ${hour}:${minute}:00 ${rng.next() < 0.5 ? 'AM' : 'PM'}`,
    empty: false,
  };
}

const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;

function hotspotGeometry(
  city: CityGrid,
  shape: HotspotShape,
): Pick<HotspotTruth, 'centre' | 'radiusMetres' | 'sigmaMetres' | 'line' | 'bufferMetres'> {
  const ll = (x: number, y: number): LonLat => {
    const [lon, lat] = city.toLonLat(x, y);
    return [round7(lon), round7(lat)];
  };
  if (shape.kind === 'disc') {
    return {
      centre: ll(shape.x, shape.y),
      radiusMetres: shape.radiusMetres,
      sigmaMetres: shape.sigmaMetres,
    };
  }
  return {
    centre: ll((shape.x0 + shape.x1) / 2, shape.y),
    radiusMetres: Math.ceil((shape.x1 - shape.x0) / 2 + shape.bufferMetres),
    line: [ll(shape.x0, shape.y), ll(shape.x1, shape.y)],
    bufferMetres: shape.bufferMetres,
  };
}

function inNightLifeWindow(ms: number): boolean {
  const dow = dayOfWeek(ms);
  const h = Math.floor((ms % MS_PER_DAY) / 3_600_000);
  return ((dow === 4 || dow === 5) && h >= 21) || ((dow === 5 || dow === 6) && h < 3);
}

function inWeekdayDaytime(ms: number): boolean {
  const dow = dayOfWeek(ms);
  const h = Math.floor((ms % MS_PER_DAY) / 3_600_000);
  return dow <= 4 && h >= 9 && h < 17;
}

const increment = (record: Record<string, number>, key: string | number): void => {
  record[key] = (record[key] ?? 0) + 1;
};

export function resolveOptions(options: GenerateOptions): Required<GenerateOptions> {
  const rows = options.rows ?? SAMPLE_DEFAULTS.rows;
  if (!Number.isInteger(rows) || rows < 500)
    throw new Error(`rows must be an integer ≥ 500, got ${rows}`);
  const years = options.years ?? SAMPLE_DEFAULTS.years;
  if (!Number.isInteger(years) || years < 1)
    throw new Error(`years must be a positive integer, got ${years}`);
  const seed = options.seed ?? SAMPLE_DEFAULTS.seed;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  return {
    rows,
    years,
    endYear: options.endYear ?? SAMPLE_DEFAULTS.endYear,
    seed,
    includeIds: options.includeIds ?? rows <= 200_000,
    chunkCharacters: options.chunkCharacters ?? 1 << 20,
  };
}

/**
 * Yields the CSV (header first) in chunks of about `chunkCharacters`, and returns the truth.
 * O(rows) time; memory independent of `rows` except the ID lists of the truth.
 */
export function* generateIncidents(
  options: GenerateOptions = {},
): Generator<string, SampleTruth, undefined> {
  const opts = resolveOptions(options);
  const city = createCityGrid();
  const plan: SamplePlan = planSample(city, opts);
  const rng = createRandom((Math.imul(opts.seed, 0x9e3779b1) ^ 0x2545f491) >>> 0);
  const { firstDay, dayCount } = plan;
  const keepIds = opts.includeIds;

  const firstMonth = civilFromDays(firstDay);
  const monthIndexOf = (day: number): number => {
    const { year, month } = civilFromDays(day);
    return (year - firstMonth.year) * 12 + (month - firstMonth.month);
  };
  const monthCount = monthIndexOf(firstDay + dayCount - 1) + 1;

  const typeHourCdfs = PRIMARY_TYPES.map((t) => hourCdfs(t.profile));
  const hotspotHourCdfs = HOTSPOTS.map((h) => hourCdfs(h.profile));
  const burglaryHourCdfs = hourCdfs(PROFILES.burglary);
  const burglary = PRIMARY_TYPES.find((t) => t.name === 'BURGLARY');
  if (burglary === undefined) throw new Error('catalogue lacks BURGLARY');

  // Truth tallies.
  const hotspotTruths: HotspotTruth[] = HOTSPOTS.map((h) => ({
    id: h.id,
    label: h.label,
    kind: h.kind,
    ...hotspotGeometry(city, h.shape),
    period: {
      start: formatIsoDate((h.kind === 'emerging' ? plan.emergingFirstDay : firstDay) * MS_PER_DAY),
      end: formatIsoDate((firstDay + dayCount - 1) * MS_PER_DAY),
    },
    when: h.when,
    ...(h.kind === 'diminishing' ? { rateAtEndRelativeToStart: DIMINISHING_END_RATIO } : {}),
    offences: h.offences.items.map((iucr, k) => {
      const { type, offence } = offenceByIucr(iucr);
      return {
        iucr,
        primaryType: type.name,
        description: offence.description,
        weight: h.offences.weights[k],
      };
    }),
    count: 0,
    countByYear: {},
    countByMonth: new Array<number>(monthCount).fill(0),
    countByPrimaryType: {},
    ...(keepIds ? { ids: [] } : {}),
  }));
  const hotspotInWindow = new Array<number>(HOTSPOTS.length).fill(0);
  const countByPrimaryType: Record<string, number> = {};
  const countByMonth = new Array<number>(monthCount).fill(0);
  const trendByYear: Record<string, number> = {};
  const chainList = Array.from({ length: plan.chainCount }, () => ({
    block: '',
    ids: [] as number[],
    dates: [] as string[],
  }));
  const quirkIds: Record<QuirkName, number[]> = {
    blankCoordinates: [],
    noGeocodeSentinel: [],
    unparseableDate: [],
    duplicateId: [],
    midnightDefault: [],
    firstOfMonthDefault: [],
  };
  let badDatesEmpty = 0;
  let residentialBurglaries = 0;
  let residentialBurglariesWeekdayDaytime = 0;
  let rowsWritten = 0;
  let rowsOutOfOrder = 0;
  let rowsAtMidnight = 0;
  let rowsAtMidnightOnFirst = 0;
  let previousMs = Infinity;

  // IDs fall from the newest row, mostly by 1 (gaps are records withdrawn from the export).
  let nextId = 12_950_010 + Math.ceil(1.4 * opts.rows);
  const remainingByYear = new Map(plan.incidentsByYear);
  const deferred: Pending[][] = Array.from({ length: dayCount }, () => []);

  // Each day's lines are joined at once into one flat string, so the many small strings of a row
  // die young instead of being promoted while a chunk fills (which tripled the time in GC).
  const dayLines: string[] = [];
  let dayTexts: string[] = [`${CHICAGO_HEADER_LINE}\n`];
  let chunkCharacters = 0;
  const write = (p: Pending): void => {
    dayLines.push(p.text);
    rowsWritten++;
    if (!p.dateOk) return;
    if (p.ms > previousMs) rowsOutOfOrder++;
    previousMs = p.ms;
    if (p.ms % MS_PER_DAY === 0) {
      rowsAtMidnight++;
      if (civilFromDays(p.ms / MS_PER_DAY).day === 1) rowsAtMidnightOnFirst++;
    }
  };

  let backgroundOrdinal = 0;
  let chainCursor = plan.chainEvents.length - 1;
  let order = 0;
  const drafts: Draft[] = [];

  // One day's incidents, newest first (a plain function: V8 optimises it far better than a generator body).
  const generateDay = (i: number): void => {
    const day = firstDay + i;
    const dow = dayOfWeek(day * MS_PER_DAY);
    drafts.length = 0;

    // Background incidents: counts per type fixed by the plan, places by population.
    for (let k = 0; k < PRIMARY_TYPES.length; k++) {
      const type = PRIMARY_TYPES[k];
      for (let n = plan.backgroundCountsByType[k][i]; n > 0; n--) {
        const quirkCode = plan.backgroundQuirks[backgroundOrdinal++];
        const offence = type.offences.pick(rng);
        const [x, y] = samplePopulationPoint(city, plan.cellCdf, rng);
        drafts.push({
          ms: day * MS_PER_DAY + sampleMinuteOfDay(typeHourCdfs[k], dow, rng) * MS_PER_MINUTE,
          day,
          point: placeOnStreet(city, x, y, rng.next()),
          type,
          offence,
          locationDescription: (offence.locations ?? type.locations).pick(rng),
          arrest: rng.next() < (offence.arrest ?? type.arrest),
          domestic: rng.next() < (offence.domestic ?? type.domestic),
          source: -1,
          quirk: quirkCode === 0 ? null : QUIRK_CODES[quirkCode - 1],
          chain: -1,
          order: order++,
        });
      }
    }

    // Hotspot incidents.
    HOTSPOTS.forEach((h, hk) => {
      for (let n = 0; n < plan.hotspotCounts[hk][i]; n++) {
        const { type, offence } = offenceByIucr(h.offences.pick(rng));
        drafts.push({
          ms: day * MS_PER_DAY + sampleMinuteOfDay(hotspotHourCdfs[hk], dow, rng) * MS_PER_MINUTE,
          day,
          point: sampleHotspotPoint(city, h.shape, rng),
          type,
          offence,
          locationDescription: h.locations.pick(rng),
          arrest: rng.next() < (offence.arrest ?? type.arrest),
          domestic: false,
          source: hk,
          quirk: null,
          chain: -1,
          order: order++,
        });
      }
    });

    // Near-repeat burglary chain events of this day.
    while (chainCursor >= 0 && plan.chainEvents[chainCursor].day === i) {
      const e = plan.chainEvents[chainCursor--];
      const offence = CHAIN_OFFENCES.pick(rng);
      drafts.push({
        ms: day * MS_PER_DAY + sampleMinuteOfDay(burglaryHourCdfs, dow, rng) * MS_PER_MINUTE,
        day,
        point: e.point,
        type: burglary,
        offence,
        locationDescription: RESIDENTIAL_BURGLARY_PLACES.pick(rng),
        arrest: rng.next() < burglary.arrest,
        domestic: false,
        source: -2,
        quirk: null,
        chain: e.chain,
        order: order++,
      });
    }

    drafts.sort((a, b) => b.ms - a.ms || a.order - b.order);

    for (const d of drafts) {
      const { year } = civilFromDays(d.day);
      const inYear = plan.incidentsByYear.get(year) ?? 1;
      const rank = (remainingByYear.get(year) ?? 1) - 1;
      remainingByYear.set(year, rank);
      const stride = Math.max(1, Math.floor(499_999 / inYear));
      const caseNumber = `${caseNumberPrefix(year)}${100_000 + rank * stride + rng.int(stride)}`;
      const id = nextId;
      nextId -= rng.next() < 0.15 ? 2 + rng.int(3) : 1;

      let ms = d.ms;
      let dateOk = true;
      let dateText: string;
      if (d.quirk === 'midnightDefault') ms = d.day * MS_PER_DAY;
      if (d.quirk === 'firstOfMonthDefault')
        ms = (d.day - civilFromDays(d.day).day + 1) * MS_PER_DAY;
      if (d.quirk === 'unparseableDate') {
        const bad = badDateText(year, rng);
        dateText = bad.text;
        dateOk = false;
        if (bad.empty) badDatesEmpty++;
      } else {
        dateText = formatPortalDateTime(ms);
      }

      const beatIndex = city.beatIndexAt(d.point.x, d.point.y);
      if (beatIndex < 0)
        throw new Error(`incident placed outside the city at ${d.point.x}, ${d.point.y}`);
      const beat = city.beats[beatIndex];
      let location: RowLocation;
      if (d.quirk === 'blankCoordinates') location = { kind: 'blank' };
      else if (d.quirk === 'noGeocodeSentinel') location = { kind: 'sentinel' };
      else {
        const [lon, lat] = city.toLonLat(d.point.x, d.point.y);
        const [xFeet, yFeet] = city.toStatePlaneFeet(lon, lat);
        location = { kind: 'point', xFeet, yFeet, lon, lat };
      }

      const row: ChicagoRow = {
        id,
        caseNumber,
        date: dateText,
        block: city.blockAddress(d.point),
        iucr: d.offence.iucr,
        primaryType: d.type.name,
        description: d.offence.description,
        locationDescription: d.locationDescription,
        arrest: d.arrest,
        domestic: d.domestic,
        beat: beat.beat,
        district: beat.district,
        ward: city.wardAt(d.point.x, d.point.y),
        communityArea: city.communityAreaAt(d.point.x, d.point.y),
        fbiCode: d.offence.fbiCode,
        location,
        year,
        updatedOn: updatedOnText(d.day),
      };
      const pending: Pending = { ms, dateOk, text: chicagoRowCsv(row) };

      // Tallies for the truth.
      increment(countByPrimaryType, d.type.name);
      countByMonth[monthIndexOf(d.day)]++;
      if (d.type.name === TREND.primaryType) increment(trendByYear, year);
      if (d.source >= 0) {
        const t = hotspotTruths[d.source];
        t.count++;
        increment(t.countByYear, year);
        t.countByMonth[monthIndexOf(d.day)]++;
        increment(t.countByPrimaryType, d.type.name);
        t.ids?.push(id);
        if (d.source === 0 && inNightLifeWindow(ms)) hotspotInWindow[0]++;
      }
      if (d.source === -2 && keepIds) {
        const c = chainList[d.chain];
        c.block = row.block;
        c.ids.unshift(id);
        c.dates.unshift(dateText);
      }
      if (
        d.type === burglary &&
        RESIDENTIAL_BURGLARY_PLACES.items.includes(d.locationDescription)
      ) {
        residentialBurglaries++;
        if (inWeekdayDaytime(ms)) residentialBurglariesWeekdayDaytime++;
      }
      if (d.quirk !== null && keepIds) quirkIds[d.quirk].push(id);

      if (d.quirk === 'duplicateId') {
        // The same record exported again after an update: later Updated On, sometimes an arrest.
        const copy: ChicagoRow = {
          ...row,
          arrest: row.arrest || rng.next() < 0.3,
          updatedOn: updatedOnText(d.day + 14 + rng.int(60)),
        };
        const delay = 1 + rng.int(15);
        deferred[Math.max(0, i - delay)].push({ ms, dateOk, text: chicagoRowCsv(copy) });
      }
      // A record exported twice keeps its first copy in place, so the copy is always the second.
      if (d.quirk !== 'duplicateId' && rng.next() < DISORDER.lateShare) {
        const delay = 1 + rng.int(DISORDER.maxDelayDays);
        deferred[Math.max(0, i - delay)].push(pending);
      } else {
        write(pending);
      }
    }
    for (const p of deferred[i]) write(p);
    deferred[i] = [];
    if (dayLines.length > 0) {
      const text = `${dayLines.join('\n')}\n`;
      dayLines.length = 0;
      dayTexts.push(text);
      chunkCharacters += text.length;
    }
  };

  for (let i = dayCount - 1; i >= 0; i--) {
    generateDay(i);
    if (chunkCharacters >= opts.chunkCharacters) {
      yield dayTexts.join('');
      dayTexts = [];
      chunkCharacters = 0;
    }
  }
  if (dayTexts.length > 0) yield dayTexts.join('');

  if (rowsWritten !== opts.rows) {
    throw new Error(`wrote ${rowsWritten} rows, planned ${opts.rows}`);
  }

  const lastDay = firstDay + dayCount - 1;
  const hotspotTotal = hotspotTruths.reduce((s, h) => s + h.count, 0);
  hotspotTruths[0].shareInWindow = round4(hotspotInWindow[0] / Math.max(1, hotspotTruths[0].count));
  for (const t of hotspotTruths) t.ids?.sort((a, b) => a - b);
  const byCalendarMonth = new Array<number>(12).fill(0);
  countByMonth.forEach((n, k) => (byCalendarMonth[(k + firstMonth.month - 1) % 12] += n));
  const months = countByMonth.map((_, k) => {
    const total = firstMonth.year * 12 + firstMonth.month - 1 + k;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
  const q = plan.quirkCounts;
  const [west, south] = city.toLonLat(WEST_LIMIT * BLOCK_METRES, SOUTH_LIMIT * BLOCK_METRES);
  const [east, north] = city.toLonLat(EAST_LIMIT * BLOCK_METRES, NORTH_LIMIT * BLOCK_METRES);
  const withIds = <T extends object>(base: T, ids: number[]): T & { ids?: number[] } =>
    keepIds ? { ...base, ids: [...ids].sort((a, b) => a - b) } : base;

  return {
    generator: 'scripts/generateSample.ts (npm run sample)',
    options: { rows: opts.rows, years: opts.years, endYear: opts.endYear, seed: opts.seed },
    period: {
      start: formatIsoDate(firstDay * MS_PER_DAY),
      end: formatIsoDate(lastDay * MS_PER_DAY),
      months,
    },
    city: {
      name: CITY_NAME,
      centre: [CITY_CENTRE_LON, CITY_CENTRE_LAT],
      bbox: [round7(west), round7(south), round7(east), round7(north)],
      blockMetres: BLOCK_METRES,
      streets:
        'N–S streets every block (CENTER ST the baseline), E–W streets every block (MAIN ST the baseline; numbered streets to the south, 12TH ST at 1200 S); every incident lies 0.5–7 m from a street centre line',
      addressing:
        "Chicago style: 100 house numbers a block, 800 a mile, counted from the baselines; Block is the portal's hundred-block (036XX N ABBOTT AVE, 0000X for 0–99)",
      projection: `planar metres on the ${describeProjection(city.projection)}`,
      xyCoordinates:
        'X/Y Coordinate are Illinois State Plane East (EPSG:3435, NAD83, US survey feet) of the Latitude/Longitude, computed with proj4 and rounded to the foot',
      beats: city.beats.length,
      districts: city.districts.length,
    },
    counts: {
      rows: rowsWritten,
      incidents: plan.incidents,
      background: plan.backgroundCountsByType.reduce((s, c) => s + c.reduce((a, b) => a + b, 0), 0),
      hotspots: hotspotTotal,
      nearRepeatChainEvents: plan.chainEvents.length,
      duplicateRows: q.duplicateId,
      hotspotShare: round4(hotspotTotal / plan.incidents),
      countByPrimaryType: sortedRecord(countByPrimaryType),
      countByMonth,
    },
    populationSurface: POPULATION,
    seasonality: {
      amplitude: SEASON.amplitude,
      peakDayOfYear: SEASON.peakDayOfYear,
      description:
        'every type and hotspot: rate × (1 + amplitude · cos(2π (day of year − peak) / 365.25)); peak in mid-July, trough in mid-January (ratio ≈ 1.56)',
      countByCalendarMonth: byCalendarMonth,
    },
    weeklyCycles: {
      nightLifeShareFridaySaturday21to03: hotspotTruths[0].shareInWindow,
      residentialBurglaryShareWeekday09to17: round4(
        residentialBurglariesWeekdayDaytime / Math.max(1, residentialBurglaries),
      ),
      residentialBurglaryUniformShare: round4(40 / 168),
      description:
        'hour-of-week profiles by type: night-life BATTERY/ASSAULT on Friday and Saturday nights 21:00–03:00; residential BURGLARY on weekdays 09:00–17:00; THEFT in the daytime; BATTERY/ASSAULT in the evening, higher on weekend nights; MOTOR VEHICLE THEFT, ROBBERY, CRIMINAL DAMAGE at night; DECEPTIVE PRACTICE in business hours',
    },
    hotspots: hotspotTruths,
    trend: {
      primaryType: TREND.primaryType,
      growthPerYear: TREND.growthPerYear,
      riseYears: TREND.years,
      countByYear: trendByYear,
    },
    nearRepeatChains: {
      primaryType: 'BURGLARY',
      chains: plan.chainCount,
      events: plan.chainEvents.length,
      maxGapDays: CHAINS.maxGapDays,
      description: `a residential burglary followed by 1–${CHAINS.maxFollowUps} more on the same block (same Block value), each 1–${CHAINS.maxGapDays} days after the one before (mean gap ${CHAINS.meanGapDays + 0.5} days)`,
      ...(keepIds ? { list: chainList } : {}),
    },
    quirks: {
      blankCoordinates: withIds({ count: q.blankCoordinates }, quirkIds.blankCoordinates),
      noGeocodeSentinel: withIds(
        {
          count: q.noGeocodeSentinel,
          xy: [0, 0] as [0, 0],
          latLon: [Number(NO_GEOCODE_SENTINEL.lat), Number(NO_GEOCODE_SENTINEL.lon)] as [
            number,
            number,
          ],
        },
        quirkIds.noGeocodeSentinel,
      ),
      unparseableDate: withIds(
        {
          count: q.unparseableDate,
          empty: badDatesEmpty,
          outOfRange: q.unparseableDate - badDatesEmpty,
        },
        quirkIds.unparseableDate,
      ),
      duplicateId: withIds(
        {
          count: q.duplicateId,
          description:
            'each listed ID appears twice: the record, then (a few days of rows later) the same record re-exported with a later Updated On and sometimes Arrest true',
        },
        quirkIds.duplicateId,
      ),
      midnightDefault: { planted: q.midnightDefault },
      firstOfMonthDefault: { planted: q.firstOfMonthDefault },
      rowsAtMidnight,
      rowsAtMidnightOnFirstOfMonth: rowsAtMidnightOnFirst,
      rowsOutOfOrder,
    },
    expectedImport: {
      rowsRead: rowsWritten,
      rowsImported:
        rowsWritten - q.blankCoordinates - q.noGeocodeSentinel - q.unparseableDate - q.duplicateId,
      rejected: {
        noCoordinates: q.blankCoordinates,
        sentinelCoordinates: q.noGeocodeSentinel,
        unparseableDate: q.unparseableDate,
        duplicateId: q.duplicateId,
      },
    },
  };
}

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort((a, b) => b[1] - a[1]));
}

/** Runs the generator to the end in memory: the whole CSV and the truth. For small runs and tests. */
export function generateIncidentsCsv(options: GenerateOptions = {}): {
  csv: string;
  truth: SampleTruth;
} {
  const gen = generateIncidents(options);
  const parts: string[] = [];
  for (;;) {
    const step = gen.next();
    if (step.done === true) return { csv: parts.join(''), truth: step.value };
    parts.push(step.value);
  }
}
