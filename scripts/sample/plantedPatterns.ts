/**
 * The structure planted in the sample city, and the plan that fixes how many incidents each part
 * contributes on each day before any row is written.
 *
 * - Background: incidents spread by a smooth population surface over the city, with Chicago's
 *   type mix, a summer peak for every type, hour-of-week cycles by type, and a rising trend in
 *   MOTOR VEHICLE THEFT (+40% a year).
 * - Hotspots (≈22% of incidents): three persistent ones of different types (night-life
 *   BATTERY/ASSAULT on Friday and Saturday nights, a retail THEFT corridor, a NARCOTICS corner),
 *   one present only in the final 9 months (emerging), one whose rate falls linearly to half
 *   (diminishing).
 * - Near-repeat burglary chains: a burglary followed within days by more on the same block.
 * - Quirks: blank coordinates, the portal's no-geocode sentinel, unparseable dates, duplicated IDs,
 *   midnight and first-of-month default times.
 *
 * Days are sampled for every incident from its part's daily weight by inverse CDF, so totals are
 * exact; background totals are fixed per type and calendar year, so yearly counts follow the
 * planted trend. The plan is O(incidents · log days) time and O(days · parts) memory.
 */
import { createRandom, type Random } from '../../src/analysis/random.ts';
import {
  civilFromDays,
  daysFromCivil,
  dayOfWeek,
  MS_PER_DAY,
} from '../../src/analysis/calendar.ts';
import { BLOCK_METRES, placeOnStreet, type CityGrid, type StreetPoint } from './cityGrid.ts';
import {
  PRIMARY_TYPES,
  PROFILES,
  offenceByIucr,
  weekProfile,
  weighted,
  type Offence,
  type PrimaryType,
  type WeekProfile,
  type Weighted,
} from './offenceCatalogue.ts';

const B = BLOCK_METRES;

/** Summer peak for every type: rate × (1 + amplitude · cos(2π (dayOfYear − peak) / 365.25)). */
export const SEASON = { amplitude: 0.22, peakDayOfYear: 196 } as const;
/**
 * Rising type: rate × (1 + growthPerYear)^(years into the rise), the rise covering the period's
 * final `years` years (flat before them, so a 25-year benchmark file is not swamped by the type).
 */
export const TREND = { primaryType: 'MOTOR VEHICLE THEFT', growthPerYear: 0.4, years: 3 } as const;
/** Near-repeat chains: count per 60,000 rows, follow-ups, and the largest gap between events. */
export const CHAINS = {
  perSixtyThousandRows: 350,
  followUpContinueProbability: 0.45,
  maxFollowUps: 4,
  meanGapDays: 3,
  maxGapDays: 14,
} as const;
/** Disorder of the export: share of rows written up to `maxDelayDays` of rows late. */
export const DISORDER = { lateShare: 0.02, maxDelayDays: 30 } as const;

/** Quirk counts for a file of `rows` rows. */
export function quirkCounts(rows: number): Record<QuirkName, number> {
  return {
    blankCoordinates: Math.round(rows * 0.01),
    noGeocodeSentinel: Math.max(1, Math.round(rows / 3000)),
    unparseableDate: Math.max(1, Math.round(rows / 2500)),
    duplicateId: Math.max(1, Math.round(rows / 4000)),
    midnightDefault: Math.round(rows * 0.003),
    firstOfMonthDefault: Math.round(rows * 0.002),
  };
}

export type QuirkName =
  | 'blankCoordinates'
  | 'noGeocodeSentinel'
  | 'unparseableDate'
  | 'duplicateId'
  | 'midnightDefault'
  | 'firstOfMonthDefault';
/** Quirk codes stored per background incident; 0 = none. */
export const QUIRK_CODES: readonly QuirkName[] = [
  'blankCoordinates',
  'noGeocodeSentinel',
  'unparseableDate',
  'duplicateId',
  'midnightDefault',
  'firstOfMonthDefault',
];

// ---------------------------------------------------------------------------------------------
// Population surface

interface Bump {
  x: number;
  y: number;
  sigmaMetres: number;
  weight: number;
}
/** Population density: a sum of Gaussian neighbourhoods over a floor, in relative units. */
export const POPULATION = {
  floor: 0.12,
  bumps: [
    { x: 0, y: 0, sigmaMetres: 2500, weight: 1 },
    { x: -3500, y: 2800, sigmaMetres: 1400, weight: 0.6 },
    { x: 3200, y: -2600, sigmaMetres: 1500, weight: 0.6 },
    { x: -2600, y: -3000, sigmaMetres: 1200, weight: 0.45 },
    { x: 3600, y: 2800, sigmaMetres: 1300, weight: 0.4 },
  ] as Bump[],
  /** A large park (few residents) and an industrial belt, as block-cell rectangles with a factor. */
  zones: [
    { name: 'park', x0: -12, x1: -8, y0: 14, y1: 18, factor: 0.08 },
    { name: 'industrial', x0: 20, x1: 28, y0: -8, y1: 0, factor: 0.35 },
  ],
};

export function populationDensity(x: number, y: number): number {
  let d = POPULATION.floor;
  for (const b of POPULATION.bumps) {
    const dx = x - b.x;
    const dy = y - b.y;
    d += b.weight * Math.exp(-(dx * dx + dy * dy) / (2 * b.sigmaMetres * b.sigmaMetres));
  }
  const cx = Math.floor(x / B);
  const cy = Math.floor(y / B);
  for (const z of POPULATION.zones) {
    if (cx >= z.x0 && cx < z.x1 && cy >= z.y0 && cy < z.y1) d *= z.factor;
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// Hotspots

export type HotspotShape =
  | { kind: 'disc'; x: number; y: number; radiusMetres: number; sigmaMetres: number }
  | { kind: 'corridor'; x0: number; x1: number; y: number; bufferMetres: number };

export interface HotspotSpec {
  id: string;
  label: string;
  kind: 'persistent' | 'emerging' | 'diminishing';
  shape: HotspotShape;
  /** Share of all incidents while the hotspot is active, in percent. */
  sharePercent: number;
  offences: Weighted<string>;
  locations: Weighted<string>;
  profile: WeekProfile;
  /** When in the week, in words, for truth.json. */
  when: string;
}

const hours = (ranges: [number, number, number][], base: number): number[] => {
  const out = new Array<number>(24).fill(base);
  for (const [from, to, w] of ranges) for (let h = from; h < to; h++) out[h] = w;
  return out;
};

/** Friday and Saturday nights, 21:00–03:00 (the early hours fall on Saturday and Sunday). */
function nightLifeProfile(): WeekProfile {
  const p = new Float64Array(168).fill(0.25);
  const PEAK = 9;
  for (const day of [4, 5]) for (let h = 21; h < 24; h++) p[day * 24 + h] = PEAK;
  for (const day of [5, 6]) for (let h = 0; h < 3; h++) p[day * 24 + h] = PEAK;
  return p;
}

const PARKING_LOT = 'PARKING LOT / GARAGE (NON RESIDENTIAL)';

export const HOTSPOTS: readonly HotspotSpec[] = [
  {
    id: 'nightlife',
    label: 'Night-life district around FAIRVIEW AVE and DOGWOOD RD',
    kind: 'persistent',
    shape: { kind: 'disc', x: -6 * B, y: 4 * B, radiusMetres: 300, sigmaMetres: 140 },
    sharePercent: 6.5,
    offences: weighted([
      ['0460', 38], ['0430', 4], ['0479', 3], ['0560', 20], ['051A', 3], ['0870', 6], ['0820', 6],
      ['0320', 6], ['1320', 5], ['1310', 4],
    ]), // prettier-ignore
    locations: weighted([
      ['BAR OR TAVERN', 35], ['SIDEWALK', 25], ['STREET', 20], ['RESTAURANT', 8], [PARKING_LOT, 8],
      ['VEHICLE - OTHER RIDE SHARE SERVICE (LYFT, UBER, ETC.)', 4],
    ]), // prettier-ignore
    profile: nightLifeProfile(),
    when: 'Friday and Saturday nights 21:00–03:00',
  },
  {
    id: 'retail',
    label: 'Retail corridor on 8TH ST between DRAKE RD and IRVING AVE',
    kind: 'persistent',
    shape: { kind: 'corridor', x0: 4 * B, x1: 9 * B, y: -8 * B, bufferMetres: 10 },
    sharePercent: 7,
    offences: weighted([
      ['0860', 55], ['0820', 20], ['0810', 10], ['0890', 3], ['1150', 6], ['0460', 3], ['1330', 3],
    ]), // prettier-ignore
    locations: weighted([
      ['DEPARTMENT STORE', 30], ['SMALL RETAIL STORE', 25], ['GROCERY FOOD STORE', 15], ['DRUG STORE', 10],
      [PARKING_LOT, 10], ['SIDEWALK', 5], ['RESTAURANT', 5],
    ]), // prettier-ignore
    profile: weekProfile(
      [1, 1, 1, 1, 1.1, 1.3, 0.8],
      hours(
        [
          [8, 10, 1.2],
          [10, 21, 4],
        ],
        0.25,
      ),
    ),
    when: 'shop hours 10:00–21:00, busiest on Saturday',
  },
  {
    id: 'narcotics',
    label: 'Drug market at NOBLE AVE and LINDEN RD',
    kind: 'persistent',
    shape: { kind: 'disc', x: 14 * B, y: 12 * B, radiusMetres: 150, sigmaMetres: 70 },
    sharePercent: 3.5,
    offences: weighted([
      ['2027', 20], ['2024', 25], ['2023', 5], ['1811', 8], ['2022', 7], ['2017', 10], ['143A', 12],
      ['0460', 8], ['031A', 5],
    ]), // prettier-ignore
    locations: weighted([
      ['STREET', 40], ['SIDEWALK', 30], ['ALLEY', 12], ['RESIDENCE - PORCH / HALLWAY', 8],
      ['VACANT LOT / LAND', 6], ['GAS STATION', 4],
    ]), // prettier-ignore
    profile: weekProfile([1.1, 1.1, 1.1, 1.1, 1.1, 0.8, 0.7], hours([[12, 24, 3]], 0.4)),
    when: 'afternoons and evenings 12:00–24:00, mostly weekdays',
  },
  {
    id: 'emerging',
    label: 'New park-and-ride at OSGOOD AVE and 12TH ST (final 9 months only)',
    kind: 'emerging',
    shape: { kind: 'disc', x: -15 * B, y: -12 * B, radiusMetres: 250, sigmaMetres: 110 },
    // 8% of incidents during its final 9 months: about 2% of a three-year file.
    sharePercent: 8,
    offences: weighted([
      ['031A', 15], ['0320', 25], ['0325', 5], ['0810', 12], ['0820', 12], ['0710', 10], ['0460', 12],
      ['0560', 9],
    ]), // prettier-ignore
    locations: weighted([
      [PARKING_LOT, 30], ['STREET', 25], ['SIDEWALK', 20], ['GAS STATION', 10], ['CONVENIENCE STORE', 10],
      ['OTHER (SPECIFY)', 5],
    ]), // prettier-ignore
    profile: weekProfile(
      [1, 1, 1, 1, 1, 1, 1],
      hours(
        [
          [0, 2, 2],
          [16, 24, 3],
        ],
        0.6,
      ),
    ),
    when: 'evenings 16:00–02:00, every day',
  },
  {
    id: 'diminishing',
    label: 'Vacant buildings at RIDGEWAY AVE and 14TH ST (rate falls to half)',
    kind: 'diminishing',
    shape: { kind: 'disc', x: 18 * B, y: -14 * B, radiusMetres: 250, sigmaMetres: 110 },
    sharePercent: 3,
    offences: weighted([
      ['1310', 30], ['1305', 15], ['1320', 10], ['1330', 20], ['1365', 10], ['0820', 10], ['1020', 5],
    ]), // prettier-ignore
    locations: weighted([
      ['VACANT LOT / LAND', 25], ['ABANDONED BUILDING', 20], ['STREET', 20], ['ALLEY', 15], ['RESIDENCE', 10],
      [PARKING_LOT, 10],
    ]), // prettier-ignore
    profile: weekProfile(
      [1, 1, 1, 1, 1, 1, 1],
      hours(
        [
          [0, 5, 2],
          [18, 24, 3],
        ],
        0.7,
      ),
    ),
    when: 'evenings and nights 18:00–05:00',
  },
];

/** Emerging hotspot: active from the first day of the month 9 months before the period's end. */
export const EMERGING_MONTHS = 9;
/** Diminishing hotspot: rate on the last day relative to the first. */
export const DIMINISHING_END_RATIO = 0.5;

// ---------------------------------------------------------------------------------------------
// The plan

export interface PlanOptions {
  /** Rows in the file, duplicates included. */
  rows: number;
  /** Full calendar years covered, ending with `endYear`. */
  years: number;
  endYear: number;
  seed: number;
}

export interface ChainEvent {
  chain: number;
  day: number;
  point: StreetPoint;
  block: string;
}

export interface SamplePlan {
  options: PlanOptions;
  /** Day number (days since 1970-01-01) of the first day. */
  firstDay: number;
  dayCount: number;
  emergingFirstDay: number;
  /** Incidents (rows less duplicate copies). */
  incidents: number;
  /** Background incidents a day, per primary type (in PRIMARY_TYPES order). */
  backgroundCountsByType: Int32Array[];
  hotspotCounts: Int32Array[];
  /** Chain events sorted by day. */
  chainEvents: ChainEvent[];
  chainCount: number;
  /** Quirk code (index into QUIRK_CODES, plus one) of each background incident in generation order. */
  backgroundQuirks: Uint8Array;
  quirkCounts: Record<QuirkName, number>;
  /** Incidents a calendar year (for case numbers), keyed by year. */
  incidentsByYear: Map<number, number>;
  /** Cumulative population weight of each block cell (0 outside the city). */
  cellCdf: Float64Array;
}

export function seasonFactor(day: number): number {
  const { year } = civilFromDays(day);
  const dayOfYear = day - daysFromCivil(year, 1, 1);
  return (
    1 + SEASON.amplitude * Math.cos((2 * Math.PI * (dayOfYear - SEASON.peakDayOfYear)) / 365.25)
  );
}

export function trendFactor(t: PrimaryType, yearsIntoRise: number): number {
  return t.name === TREND.primaryType ? (1 + TREND.growthPerYear) ** yearsIntoRise : 1;
}

/** Sum of a week profile's hours for each weekday (Mon…Sun). */
export function daySums(profile: WeekProfile): Float64Array {
  const out = new Float64Array(7);
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) out[d] += profile[d * 24 + h];
  return out;
}

function cumulative(weights: Float64Array): Float64Array {
  const out = new Float64Array(weights.length);
  let acc = 0;
  for (let k = 0; k < weights.length; k++) {
    acc += weights[k];
    out[k] = acc;
  }
  return out;
}

/** Index k with cdf[k-1] ≤ u·total < cdf[k]. O(log n). */
export function sampleCdf(cdf: Float64Array, rng: Random): number {
  const target = rng.next() * cdf[cdf.length - 1];
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function countsFromWeights(weights: Float64Array, total: number, rng: Random): Int32Array {
  const cdf = cumulative(weights);
  const counts = new Int32Array(weights.length);
  for (let k = 0; k < total; k++) counts[sampleCdf(cdf, rng)]++;
  return counts;
}

/** Background types' relative weights on a day. */
export function backgroundTypeWeights(
  day: number,
  yearsIntoRise: number,
  sums: readonly Float64Array[],
  out: Float64Array,
): Float64Array {
  const dow = dayOfWeek(day * MS_PER_DAY);
  PRIMARY_TYPES.forEach((t, k) => {
    out[k] = t.sharePercent * sums[k][dow] * trendFactor(t, yearsIntoRise);
  });
  return out;
}

/** A uniform point in a city cell drawn by population, in planar metres. */
export function samplePopulationPoint(
  city: CityGrid,
  cellCdf: Float64Array,
  rng: Random,
): [number, number] {
  const cell = sampleCdf(cellCdf, rng);
  const [cx, cy] = city.cellCentre(cell);
  return [cx + (rng.next() - 0.5) * B, cy + (rng.next() - 0.5) * B];
}

export const RESIDENTIAL_BURGLARY_PLACES: Weighted<string> = weighted([
  ['RESIDENCE', 50],
  ['APARTMENT', 38],
  ['RESIDENCE - GARAGE', 12],
]);
export const CHAIN_OFFENCES: Weighted<Offence> = weighted([
  [offenceByIucr('0610').offence, 60],
  [offenceByIucr('0620').offence, 30],
  [offenceByIucr('0630').offence, 10],
]);

export function planSample(city: CityGrid, options: PlanOptions): SamplePlan {
  const { rows, years, endYear, seed } = options;
  const rng = createRandom((seed ^ 0x5eed1e55) >>> 0);
  const firstDay = daysFromCivil(endYear - years + 1, 1, 1);
  const dayCount = daysFromCivil(endYear + 1, 1, 1) - firstDay;
  const emergingMonth = endYear * 12 + 12 - EMERGING_MONTHS; // months since year 0, 0-based
  const emergingFirstDay = daysFromCivil(
    Math.floor(emergingMonth / 12),
    (emergingMonth % 12) + 1,
    1,
  );
  const quirks = quirkCounts(rows);
  const incidents = rows - quirks.duplicateId;

  const cellWeights = new Float64Array(city.cellCount);
  for (let c = 0; c < city.cellCount; c++) {
    if (!city.cellInCity(c)) continue;
    const [x, y] = city.cellCentre(c);
    cellWeights[c] = populationDensity(x, y);
  }
  const cellCdf = cumulative(cellWeights);

  // Hotspots: exact totals, days drawn by each one's daily weight.
  const hotspotCounts = HOTSPOTS.map((h) => {
    const sums = daySums(h.profile);
    const weights = new Float64Array(dayCount);
    for (let i = 0; i < dayCount; i++) {
      const day = firstDay + i;
      let w = seasonFactor(day) * sums[dayOfWeek(day * MS_PER_DAY)];
      if (h.kind === 'emerging' && day < emergingFirstDay) w = 0;
      if (h.kind === 'diminishing') w *= 1 - (1 - DIMINISHING_END_RATIO) * (i / (dayCount - 1));
      weights[i] = w;
    }
    const activeDays = h.kind === 'emerging' ? firstDay + dayCount - emergingFirstDay : dayCount;
    const total = Math.round((h.sharePercent / 100) * incidents * (activeDays / dayCount));
    return countsFromWeights(weights, total, rng);
  });

  // Near-repeat chains: a first burglary, then follow-ups on the same block within days.
  const burglarySums = daySums(PROFILES.burglary);
  const chainWeights = new Float64Array(dayCount);
  for (let i = 0; i < dayCount; i++) {
    const day = firstDay + i;
    chainWeights[i] = seasonFactor(day) * burglarySums[dayOfWeek(day * MS_PER_DAY)];
  }
  const chainCdf = cumulative(chainWeights);
  const chainCount = Math.max(1, Math.round((rows * CHAINS.perSixtyThousandRows) / 60000));
  const chainEvents: ChainEvent[] = [];
  for (let c = 0; c < chainCount; c++) {
    const [px, py] = samplePopulationPoint(city, cellCdf, rng);
    const cx = Math.floor(px / B);
    const cy = Math.floor(py / B);
    // One block face: a street edge of the cell, 3 m clear of the intersections at either end.
    const onNs = rng.next() < 0.5;
    const edge = rng.int(2);
    let day = sampleCdf(chainCdf, rng);
    let followUps = 1;
    while (followUps < CHAINS.maxFollowUps && rng.next() < CHAINS.followUpContinueProbability) {
      followUps++;
    }
    for (let e = 0; e <= followUps && day < dayCount; e++) {
      const along = 3 + rng.next() * (B - 6);
      const alongHere = onNs ? cy * B + along : cx * B + along;
      const point = onNs
        ? placeOnStreet(city, (cx + edge) * B + 0.01, alongHere, rng.next())
        : placeOnStreet(city, alongHere, (cy + edge) * B + 0.01, rng.next());
      chainEvents.push({ chain: c, day, point, block: city.blockAddress(point) });
      const gap = 1 + Math.floor(-Math.log(1 - rng.next()) * CHAINS.meanGapDays);
      day += Math.min(gap, CHAINS.maxGapDays);
    }
  }
  chainEvents.sort((a, b) => a.day - b.day || a.chain - b.chain);

  // Background: the rest, by season, weekday profile and trend of each type.
  const hotspotTotal = hotspotCounts.reduce((s, c) => s + c.reduce((a, b) => a + b, 0), 0);
  const backgroundTotal = incidents - hotspotTotal - chainEvents.length;
  if (backgroundTotal <= 0) throw new Error(`too few rows (${rows}) for the planted structure`);
  // Each type's total in each calendar year is fixed (largest-remainder rounding of its expected
  // share), and only the days within a year are drawn: the yearly counts then follow the planted
  // trend exactly instead of wandering by ±2σ of multinomial noise.
  const sums = PRIMARY_TYPES.map((t) => daySums(t.profile));
  const typeWeights = new Float64Array(PRIMARY_TYPES.length);
  const weightsByType = PRIMARY_TYPES.map(() => new Float64Array(dayCount));
  const yearStarts: number[] = [];
  const riseFirstIndex = Math.max(0, dayCount - Math.round(365.25 * TREND.years));
  for (let i = 0; i < dayCount; i++) {
    const day = firstDay + i;
    const { month, day: dom } = civilFromDays(day);
    if (i === 0 || (month === 1 && dom === 1)) yearStarts.push(i);
    backgroundTypeWeights(day, Math.max(0, i - riseFirstIndex) / 365.25, sums, typeWeights);
    const season = seasonFactor(day);
    for (let k = 0; k < typeWeights.length; k++) weightsByType[k][i] = season * typeWeights[k];
  }
  yearStarts.push(dayCount);
  const cells: { type: number; from: number; to: number; exact: number; count: number }[] = [];
  let weightTotal = 0;
  weightsByType.forEach((w, k) => {
    for (let y = 0; y + 1 < yearStarts.length; y++) {
      let sum = 0;
      for (let i = yearStarts[y]; i < yearStarts[y + 1]; i++) sum += w[i];
      cells.push({ type: k, from: yearStarts[y], to: yearStarts[y + 1], exact: sum, count: 0 });
      weightTotal += sum;
    }
  });
  let assigned = 0;
  for (const c of cells) {
    c.exact = (c.exact / weightTotal) * backgroundTotal;
    c.count = Math.floor(c.exact);
    assigned += c.count;
  }
  [...cells]
    .sort((a, b) => b.exact - b.count - (a.exact - a.count))
    .slice(0, backgroundTotal - assigned)
    .forEach((c) => c.count++);
  const backgroundCountsByType = PRIMARY_TYPES.map(() => new Int32Array(dayCount));
  for (const c of cells) {
    const within = countsFromWeights(weightsByType[c.type].subarray(c.from, c.to), c.count, rng);
    backgroundCountsByType[c.type].set(within, c.from);
  }

  // Quirks land on background incidents only, so every planted count refers to clean rows.
  const backgroundQuirks = new Uint8Array(backgroundTotal);
  const quirkTotal = QUIRK_CODES.reduce((s, q) => s + quirks[q], 0);
  if (quirkTotal > backgroundTotal / 2) throw new Error(`too few rows (${rows}) for the quirks`);
  QUIRK_CODES.forEach((q, k) => {
    for (let n = 0; n < quirks[q]; n++) {
      let at = rng.int(backgroundTotal);
      while (backgroundQuirks[at] !== 0) at = rng.int(backgroundTotal);
      backgroundQuirks[at] = k + 1;
    }
  });

  const incidentsByYear = new Map<number, number>();
  const addYear = (dayIndex: number, n: number): void => {
    if (n === 0) return;
    const { year } = civilFromDays(firstDay + dayIndex);
    incidentsByYear.set(year, (incidentsByYear.get(year) ?? 0) + n);
  };
  for (let i = 0; i < dayCount; i++) {
    for (const c of backgroundCountsByType) addYear(i, c[i]);
    for (const c of hotspotCounts) addYear(i, c[i]);
  }
  for (const e of chainEvents) addYear(e.day, 1);

  return {
    options,
    firstDay,
    dayCount,
    emergingFirstDay,
    incidents,
    backgroundCountsByType,
    hotspotCounts,
    chainEvents,
    chainCount,
    backgroundQuirks,
    quirkCounts: quirks,
    incidentsByYear,
    cellCdf,
  };
}

/** A point for a hotspot incident: inside its disc (Gaussian, truncated) or along its corridor, on a street. */
export function sampleHotspotPoint(city: CityGrid, shape: HotspotShape, rng: Random): StreetPoint {
  for (;;) {
    if (shape.kind === 'corridor') {
      const along = shape.x0 + rng.next() * (shape.x1 - shape.x0);
      return placeOnStreet(city, along, shape.y + 0.01, rng.next());
    }
    const x = shape.x + rng.normal() * shape.sigmaMetres;
    const y = shape.y + rng.normal() * shape.sigmaMetres;
    const p = placeOnStreet(city, x, y, rng.next());
    if (Math.hypot(p.x - shape.x, p.y - shape.y) <= shape.radiusMetres && city.inCity(p.x, p.y)) {
      return p;
    }
  }
}
