/**
 * The offence vocabulary of the sample: Chicago Police Department IUCR codes with their primary
 * type, description and FBI code as the Chicago Data Portal prints them ("Crimes - 2001 to
 * Present", IUCR list c7ck-438e), realistic shares of each type, where each tends to happen
 * (Location Description), how often it ends in an arrest or is domestic, and when in the week it
 * happens (an hour-of-week profile, Monday 00:00 first).
 *
 * Shares follow Chicago's 2023 mix (THEFT ≈ 22%, BATTERY ≈ 17%, CRIMINAL DAMAGE ≈ 11%, …), with
 * burglary raised to 5% so that near-repeat analysis has enough to work on.
 */
import type { Random } from '../../src/analysis/random.ts';

/** A weighted list with a sampler: `pick(rng)` returns one item with probability ∝ its weight. O(n). */
export interface Weighted<T> {
  readonly items: readonly T[];
  readonly weights: readonly number[];
  pick(rng: Random): T;
}

export function weighted<T>(pairs: readonly (readonly [T, number])[]): Weighted<T> {
  const items = pairs.map((p) => p[0]);
  const weights = pairs.map((p) => p[1]);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, k) => {
    acc += w / total;
    cumulative[k] = acc;
  });
  return {
    items,
    weights,
    pick(rng) {
      const u = rng.next();
      for (let k = 0; k < cumulative.length - 1; k++) if (u < cumulative[k]) return items[k];
      return items[items.length - 1];
    },
  };
}

/** An hour-of-week weight table: 168 entries, Monday 00:00–00:59 first (ISO weekday order). */
export type WeekProfile = Float64Array;

/** Builds a week profile from day multipliers (Mon…Sun) and 24-hour shapes for weekdays and weekends. */
export function weekProfile(
  dayWeights: readonly number[],
  weekdayHours: readonly number[],
  weekendHours: readonly number[] = weekdayHours,
): WeekProfile {
  const out = new Float64Array(168);
  for (let d = 0; d < 7; d++) {
    const hours = d >= 5 ? weekendHours : weekdayHours;
    for (let h = 0; h < 24; h++) out[d * 24 + h] = dayWeights[d] * hours[h];
  }
  return out;
}

const FLAT_WEEK = [1, 1, 1, 1, 1, 1, 1];
// 24-hour shapes (00:00 first), read from the hour-of-day curves of Chicago's recent years.
const DAYTIME = [3, 2, 1.6, 1.2, 1, 1, 1.5, 2.5, 4, 5, 5.5, 6, 7.5, 6.5, 6.5, 7, 7, 7, 6.5, 5.5, 5, 4.5, 4, 3.5]; // prettier-ignore
const EVENING = [5, 4.5, 4, 3, 2, 1.5, 1.5, 2, 3, 3.5, 4, 4.5, 5, 5, 5.5, 6, 6, 6, 6, 6.5, 6.5, 6.5, 6.5, 6]; // prettier-ignore
const EVENING_WEEKEND = [8, 7.5, 7, 5, 3, 2, 1.5, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 5.5, 6, 6, 6.5, 7, 7, 7, 7]; // prettier-ignore
const NIGHT = [6, 5, 4.5, 4, 3, 2.5, 2.5, 3, 3.5, 3.5, 3.5, 3.5, 4, 3.5, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7, 7]; // prettier-ignore
const BUSINESS = [1, 1, 1, 1, 1, 1, 1, 2, 4, 7, 7, 7, 7, 7, 7, 7, 7, 5, 3, 2, 2, 2, 2, 2]; // prettier-ignore
const BUSINESS_WEEKEND = [1, 1, 1, 1, 1, 1, 1, 1.5, 2, 3, 3, 3, 3, 3, 3, 3, 3, 2.5, 2, 2, 2, 2, 2, 2]; // prettier-ignore
/** Residential burglary: weekdays 09:00–17:00, while people are at work. */
const BURGLARY_WEEKDAY = [1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 2.5, 4, 8, 8, 8, 8, 8, 8, 8, 8, 4, 2.5, 2.5, 2.5, 2, 2, 2]; // prettier-ignore
const BURGLARY_WEEKEND = [1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2]; // prettier-ignore
const POLICE_ACTIVITY = [2, 1.5, 1, 0.6, 0.4, 0.4, 0.6, 1, 2, 3, 4, 5, 5.5, 6, 6, 6, 6, 6, 6, 6, 5.5, 5, 4, 3]; // prettier-ignore

export const PROFILES = {
  daytime: weekProfile([1, 1, 1, 1, 1.05, 1, 0.85], DAYTIME),
  evening: weekProfile([0.95, 0.9, 0.9, 0.95, 1, 1.1, 1.1], EVENING, EVENING_WEEKEND),
  night: weekProfile([1, 0.95, 0.95, 1, 1.05, 1.1, 1], NIGHT),
  business: weekProfile([1.1, 1.05, 1.05, 1.05, 1.05, 0.8, 0.7], BUSINESS, BUSINESS_WEEKEND),
  burglary: weekProfile(FLAT_WEEK, BURGLARY_WEEKDAY, BURGLARY_WEEKEND),
  policeActivity: weekProfile([1.05, 1.1, 1.1, 1.1, 1.05, 0.85, 0.75], POLICE_ACTIVITY),
} as const;

export interface Offence {
  iucr: string;
  description: string;
  fbiCode: string;
  /** Relative frequency within its primary type. */
  weight: number;
  /** Probability of the Domestic flag; defaults to the type's. */
  domestic?: number;
  /** Probability of an arrest; defaults to the type's. */
  arrest?: number;
  /** Where this offence happens, when it differs from its type's usual places. */
  locations?: Weighted<string>;
}

export interface PrimaryType {
  name: string;
  /** Share of background incidents (before trends), in percent. */
  sharePercent: number;
  offences: Weighted<Offence>;
  locations: Weighted<string>;
  arrest: number;
  domestic: number;
  profile: WeekProfile;
}

const PARKING_LOT = 'PARKING LOT / GARAGE (NON RESIDENTIAL)';
const RIDE_SHARE = 'VEHICLE - OTHER RIDE SHARE SERVICE (LYFT, UBER, ETC.)';

const off = (
  iucr: string,
  description: string,
  fbiCode: string,
  weight: number,
  extra: Partial<Pick<Offence, 'domestic' | 'arrest' | 'locations'>> = {},
): [Offence, number] => [{ iucr, description, fbiCode, weight, ...extra }, weight];

const STORES = weighted([
  ['DEPARTMENT STORE', 30], ['SMALL RETAIL STORE', 28], ['GROCERY FOOD STORE', 18],
  ['DRUG STORE', 12], ['CONVENIENCE STORE', 8], [PARKING_LOT, 4],
] as const); // prettier-ignore
const HOMES = weighted([
  ['APARTMENT', 45], ['RESIDENCE', 35], ['RESIDENCE - PORCH / HALLWAY', 8], ['STREET', 7], ['SIDEWALK', 5],
] as const); // prettier-ignore
const VEHICLE_PLACES = weighted([
  ['STREET', 60], [PARKING_LOT, 20], ['VEHICLE NON-COMMERCIAL', 8], ['RESIDENCE - GARAGE', 4],
  ['ALLEY', 4], ['DRIVEWAY - RESIDENTIAL', 4],
] as const); // prettier-ignore
const PUBLIC_PLACES = weighted([
  ['STREET', 22], ['SIDEWALK', 15], ['APARTMENT', 12], ['RESIDENCE', 10], ['RESTAURANT', 5],
  ['SCHOOL - PUBLIC BUILDING', 5], ['SMALL RETAIL STORE', 4], [PARKING_LOT, 4], ['BAR OR TAVERN', 3],
  ['ALLEY', 4], ['HOSPITAL BUILDING / GROUNDS', 3], ['OTHER (SPECIFY)', 5], ['GAS STATION', 3],
  [RIDE_SHARE, 1], ['HOTEL / MOTEL', 2], ['RESIDENCE - PORCH / HALLWAY', 2],
] as const); // prettier-ignore

const type = (
  name: string,
  sharePercent: number,
  offences: [Offence, number][],
  locations: Weighted<string>,
  arrest: number,
  domestic: number,
  profile: WeekProfile,
): PrimaryType => ({
  name,
  sharePercent,
  offences: weighted(offences),
  locations,
  arrest,
  domestic,
  profile,
});

export const PRIMARY_TYPES: readonly PrimaryType[] = [
  type('THEFT', 22, [
    off('0820', '$500 AND UNDER', '06', 34),
    off('0810', 'OVER $500', '06', 22),
    off('0860', 'RETAIL THEFT', '06', 15, { locations: STORES, arrest: 0.3 }),
    off('0890', 'FROM BUILDING', '06', 12),
    off('0710', 'THEFT FROM MOTOR VEHICLE', '06', 9, { locations: VEHICLE_PLACES }),
    off('0870', 'POCKET-PICKING', '06', 4),
    off('0880', 'PURSE-SNATCHING', '06', 1),
    off('0850', 'ATTEMPT THEFT', '06', 1),
  ], weighted([
    ['STREET', 25], ['RESIDENCE', 10], ['APARTMENT', 10], ['SMALL RETAIL STORE', 7], ['RESTAURANT', 6],
    [PARKING_LOT, 7], ['SIDEWALK', 6], ['DEPARTMENT STORE', 4], ['GROCERY FOOD STORE', 4],
    ['COMMERCIAL / BUSINESS OFFICE', 4], ['OTHER (SPECIFY)', 4], ['VEHICLE NON-COMMERCIAL', 5],
    ['RESIDENCE - PORCH / HALLWAY', 3], [RIDE_SHARE, 1],
  ]), 0.06, 0.03, PROFILES.daytime),
  type('BATTERY', 17, [
    off('0486', 'DOMESTIC BATTERY SIMPLE', '08B', 44, { domestic: 1, locations: HOMES }),
    off('0460', 'SIMPLE', '08B', 32),
    off('0430', 'AGGRAVATED - OTHER DANGEROUS WEAPON', '04B', 5),
    off('041A', 'AGGRAVATED - HANDGUN', '04B', 4),
    off('0420', 'AGGRAVATED - KNIFE / CUTTING INSTRUMENT', '04B', 3),
    off('0479', 'AGGRAVATED - HANDS, FISTS, FEET, SERIOUS INJURY', '04B', 2),
    off('0498', 'AGG. DOMESTIC BATTERY - HANDS, FISTS, FEET, SERIOUS INJURY', '04B', 3, { domestic: 1, locations: HOMES }),
    off('0496', 'AGGRAVATED DOMESTIC BATTERY - KNIFE / CUTTING INSTRUMENT', '04B', 2, { domestic: 1, locations: HOMES }),
    off('0497', 'AGGRAVATED DOMESTIC BATTERY - OTHER DANGEROUS WEAPON', '04B', 2, { domestic: 1, locations: HOMES }),
    off('0484', 'PROTECTED EMPLOYEE - HANDS, FISTS, FEET, NO / MINOR INJURY', '08B', 2, { domestic: 0 }),
    off('0454', 'AGGRAVATED P.O. - HANDS, FISTS, FEET, NO / MINOR INJURY', '08B', 1, { domestic: 0, arrest: 0.9 }),
  ], PUBLIC_PLACES, 0.14, 0.1, PROFILES.evening),
  type('CRIMINAL DAMAGE', 11, [
    off('1310', 'TO PROPERTY', '14', 48),
    off('1320', 'TO VEHICLE', '14', 46, { locations: VEHICLE_PLACES }),
    off('1305', 'CRIMINAL DEFACEMENT', '14', 4),
  ], weighted([
    ['STREET', 30], ['RESIDENCE', 20], ['APARTMENT', 12], [PARKING_LOT, 8], ['SMALL RETAIL STORE', 4],
    ['RESIDENCE - GARAGE', 3], ['ALLEY', 3], ['RESIDENCE - YARD (FRONT / BACK)', 4],
    ['COMMERCIAL / BUSINESS OFFICE', 4], ['SCHOOL - PUBLIC BUILDING', 2], ['OTHER (SPECIFY)', 4],
    ['VEHICLE NON-COMMERCIAL', 6],
  ]), 0.04, 0.12, PROFILES.night),
  type('ASSAULT', 8.5, [
    off('0560', 'SIMPLE', '08A', 70),
    off('051A', 'AGGRAVATED - HANDGUN', '04A', 13),
    off('0520', 'AGGRAVATED - KNIFE / CUTTING INSTRUMENT', '04A', 7),
    off('0530', 'AGGRAVATED - OTHER DANGEROUS WEAPON', '04A', 6),
    off('0545', 'PROTECTED EMPLOYEE - HANDS, FISTS, FEET, NO / MINOR INJURY', '08A', 3, { domestic: 0 }),
    off('0554', 'AGGRAVATED POLICE OFFICER - HANDS, FISTS, FEET, NO INJURY', '08A', 1, { domestic: 0, arrest: 0.9 }),
  ], PUBLIC_PLACES, 0.08, 0.2, PROFILES.evening),
  type('MOTOR VEHICLE THEFT', 7.5, [
    off('0910', 'AUTOMOBILE', '07', 84),
    off('0915', 'TRUCK, BUS, MOTOR HOME', '07', 3),
    off('0917', 'CYCLE, SCOOTER, BIKE WITH VIN', '07', 3),
    off('0920', 'ATTEMPT - AUTOMOBILE', '07', 5),
    off('0930', 'THEFT / RECOVERY - AUTOMOBILE', '07', 5),
  ], weighted([
    ['STREET', 72], [PARKING_LOT, 12], ['RESIDENCE - GARAGE', 4], ['DRIVEWAY - RESIDENTIAL', 4],
    ['ALLEY', 4], ['GAS STATION', 2], ['AUTO / BOAT / RV DEALERSHIP', 1], ['OTHER (SPECIFY)', 1],
  ]), 0.03, 0.01, PROFILES.night),
  type('DECEPTIVE PRACTICE', 6, [
    off('1153', 'FINANCIAL IDENTITY THEFT OVER $ 300', '11', 30),
    off('1150', 'CREDIT CARD FRAUD', '11', 22),
    off('1130', 'FRAUD OR CONFIDENCE GAME', '11', 18),
    off('1154', 'FINANCIAL IDENTITY THEFT $300 AND UNDER', '11', 10),
    off('1152', 'ILLEGAL USE CASH CARD', '11', 8),
    off('1120', 'FORGERY', '10', 4),
    off('1121', 'COUNTERFEITING DOCUMENT', '10', 4),
    off('1110', 'BOGUS CHECK', '11', 4),
  ], weighted([
    ['RESIDENCE', 35], ['APARTMENT', 20], ['COMMERCIAL / BUSINESS OFFICE', 10], ['BANK', 8],
    ['SMALL RETAIL STORE', 8], ['OTHER (SPECIFY)', 10], ['RESTAURANT', 4],
    ['ATM (AUTOMATIC TELLER MACHINE)', 3], ['GAS STATION', 2],
  ]), 0.03, 0.02, PROFILES.business),
  type('OTHER OFFENSE', 6, [
    off('2820', 'TELEPHONE THREAT', '26', 25),
    off('2825', 'HARASSMENT BY TELEPHONE', '26', 20),
    off('2826', 'HARASSMENT BY ELECTRONIC MEANS', '26', 20),
    off('4387', 'VIOLATE ORDER OF PROTECTION', '26', 15, { domestic: 0.9 }),
    off('5002', 'OTHER VEHICLE OFFENSE', '26', 10, { domestic: 0, locations: VEHICLE_PLACES }),
    off('4625', 'PAROLE VIOLATION', '26', 5, { domestic: 0, arrest: 1 }),
  ], weighted([
    ['RESIDENCE', 40], ['APARTMENT', 30], ['STREET', 12], ['OTHER (SPECIFY)', 8],
    ['COMMERCIAL / BUSINESS OFFICE', 5], ['SIDEWALK', 5],
  ]), 0.12, 0.35, PROFILES.daytime),
  type('BURGLARY', 5, [
    off('0610', 'FORCIBLE ENTRY', '05', 56),
    off('0620', 'UNLAWFUL ENTRY', '05', 34),
    off('0630', 'ATTEMPT FORCIBLE ENTRY', '05', 8),
    off('0650', 'HOME INVASION', '05', 2),
  ], weighted([
    ['RESIDENCE', 38], ['APARTMENT', 28], ['RESIDENCE - GARAGE', 10], ['SMALL RETAIL STORE', 6],
    ['COMMERCIAL / BUSINESS OFFICE', 6], ['RESTAURANT', 5], ['CHURCH / SYNAGOGUE / PLACE OF WORSHIP', 1],
    ['SCHOOL - PUBLIC BUILDING', 2], ['WAREHOUSE', 2], ['OTHER (SPECIFY)', 2],
  ]), 0.04, 0.02, PROFILES.burglary),
  type('ROBBERY', 4, [
    off('031A', 'ARMED - HANDGUN', '03', 38),
    off('0320', 'STRONG ARM - NO WEAPON', '03', 32),
    off('0330', 'AGGRAVATED', '03', 6),
    off('0312', 'ARMED - KNIFE / CUTTING INSTRUMENT', '03', 5),
    off('0313', 'ARMED - OTHER DANGEROUS WEAPON', '03', 4),
    off('0325', 'VEHICULAR HIJACKING', '03', 4),
    off('0326', 'AGGRAVATED VEHICULAR HIJACKING', '03', 5),
    off('0340', 'ATTEMPT STRONG ARM - NO WEAPON', '03', 3),
    off('033A', 'ATTEMPT ARMED - HANDGUN', '03', 3),
  ], weighted([
    ['STREET', 45], ['SIDEWALK', 18], ['APARTMENT', 5], ['RESIDENCE', 4], ['SMALL RETAIL STORE', 5],
    [PARKING_LOT, 6], ['ALLEY', 4], ['GAS STATION', 4], ['CONVENIENCE STORE', 3], ['RESTAURANT', 2],
    [RIDE_SHARE, 2], ['VEHICLE NON-COMMERCIAL', 2],
  ]), 0.06, 0.02, PROFILES.night),
  type('WEAPONS VIOLATION', 3, [
    off('143A', 'UNLAWFUL POSS OF HANDGUN', '15', 75),
    off('1477', 'RECKLESS FIREARM DISCHARGE', '15', 10, { arrest: 0.05 }),
    off('141A', 'UNLAWFUL USE HANDGUN', '15', 8),
    off('143C', 'UNLAWFUL POSS AMMUNITION', '15', 4),
    off('143B', 'UNLAWFUL POSS OTHER FIREARM', '15', 3),
  ], weighted([
    ['STREET', 50], ['SIDEWALK', 15], ['VEHICLE NON-COMMERCIAL', 10], ['ALLEY', 8], ['RESIDENCE', 5],
    ['APARTMENT', 5], [PARKING_LOT, 5], ['GAS STATION', 2],
  ]), 0.8, 0.01, PROFILES.night),
  type('NARCOTICS', 2.5, [
    off('2024', 'POSS: HEROIN(WHITE)', '18', 25),
    off('2027', 'POSS: CRACK', '18', 20),
    off('1811', 'POSS: CANNABIS 30GMS OR LESS', '18', 10),
    off('2022', 'POSS: COCAINE', '18', 10),
    off('2017', 'MANU/DELIVER:CRACK', '18', 8),
    off('2170', 'POSSESSION OF DRUG EQUIPMENT', '18', 7),
    off('2023', 'POSS: HEROIN(BRN/TAN)', '18', 5),
    off('2020', 'POSS: AMPHETAMINES', '18', 3),
  ], weighted([
    ['STREET', 45], ['SIDEWALK', 25], ['ALLEY', 8], ['RESIDENCE', 5], ['APARTMENT', 4],
    ['VEHICLE NON-COMMERCIAL', 5], [PARKING_LOT, 4], ['GAS STATION', 2], ['RESIDENCE - PORCH / HALLWAY', 2],
  ]), 0.97, 0, PROFILES.policeActivity),
  type('CRIMINAL TRESPASS', 2.5, [
    off('1330', 'TO LAND', '26', 58),
    off('1365', 'TO RESIDENCE', '26', 22, { locations: HOMES }),
    off('1360', 'TO VEHICLE', '26', 12, { locations: VEHICLE_PLACES }),
    off('1350', 'TO STATE SUP LAND', '26', 8),
  ], weighted([
    ['SMALL RETAIL STORE', 15], ['RESIDENCE', 15], ['APARTMENT', 12], ['GROCERY FOOD STORE', 8],
    ['RESTAURANT', 6], [PARKING_LOT, 8], ['STREET', 8], ['HOSPITAL BUILDING / GROUNDS', 5],
    ['COMMERCIAL / BUSINESS OFFICE', 7], ['SCHOOL - PUBLIC BUILDING', 4], ['ABANDONED BUILDING', 6],
  ]), 0.45, 0.08, PROFILES.daytime),
  type('OFFENSE INVOLVING CHILDREN', 0.8, [off('1750', 'CHILD ABUSE', '08B', 1)], weighted([
    ['RESIDENCE', 45], ['APARTMENT', 40], ['SCHOOL - PUBLIC BUILDING', 10], ['OTHER (SPECIFY)', 5],
  ]), 0.15, 0.8, PROFILES.daytime),
  type('CRIMINAL SEXUAL ASSAULT', 0.6, [
    off('0281', 'NON-AGGRAVATED', '02', 80),
    off('0265', 'AGGRAVATED - OTHER', '02', 20),
  ], weighted([
    ['APARTMENT', 40], ['RESIDENCE', 30], ['HOTEL / MOTEL', 8], ['STREET', 8], ['OTHER (SPECIFY)', 14],
  ]), 0.08, 0.25, PROFILES.evening),
  type('SEX OFFENSE', 0.5, [
    off('1563', 'CRIMINAL SEXUAL ABUSE', '17', 60),
    off('1562', 'AGG CRIMINAL SEXUAL ABUSE', '17', 40),
  ], weighted([
    ['APARTMENT', 30], ['RESIDENCE', 30], ['STREET', 10], ['SCHOOL - PUBLIC BUILDING', 10], ['OTHER (SPECIFY)', 20],
  ]), 0.1, 0.15, PROFILES.daytime),
  type('INTERFERENCE WITH PUBLIC OFFICER', 0.5, [
    off('3710', 'RESIST/OBSTRUCT/DISARM OFFICER', '24', 70),
    off('3730', 'OBSTRUCTING JUSTICE', '24', 30),
  ], weighted([['STREET', 60], ['SIDEWALK', 20], ['VEHICLE NON-COMMERCIAL', 10], ['OTHER (SPECIFY)', 10]]),
  0.95, 0, PROFILES.policeActivity),
  type('HOMICIDE', 0.25, [off('0110', 'FIRST DEGREE MURDER', '01A', 1)], weighted([
    ['STREET', 55], ['ALLEY', 8], ['APARTMENT', 10], ['RESIDENCE', 8], ['VEHICLE NON-COMMERCIAL', 7],
    [PARKING_LOT, 6], ['SIDEWALK', 6],
  ]), 0.35, 0.08, PROFILES.night),
  type('ARSON', 0.2, [off('1020', 'BY FIRE', '09', 85), off('1025', 'AGGRAVATED', '09', 15)], weighted([
    ['RESIDENCE', 35], ['VEHICLE NON-COMMERCIAL', 25], ['STREET', 15], ['ABANDONED BUILDING', 15],
    ['APARTMENT', 10],
  ]), 0.05, 0.05, PROFILES.night),
]; // prettier-ignore

export function primaryType(name: string): PrimaryType {
  const found = PRIMARY_TYPES.find((t) => t.name === name);
  if (found === undefined) throw new Error(`unknown primary type ${name}`);
  return found;
}

/** The catalogue entry of an IUCR code, with its primary type. */
export function offenceByIucr(iucr: string): { type: PrimaryType; offence: Offence } {
  for (const t of PRIMARY_TYPES) {
    const offence = t.offences.items.find((o) => o.iucr === iucr);
    if (offence !== undefined) return { type: t, offence };
  }
  throw new Error(`unknown IUCR ${iucr}`);
}
