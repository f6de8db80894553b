/**
 * Strategy suggestions for a zone: the catalogue strategies whose fit (offence groups, places, times,
 * zone size) matches the zone's profile, each with a reason built from the zone's own numbers.
 *
 * These are the app's rules of thumb, not findings: the thresholds below are stated so that a planner
 * can see why a strategy was or was not suggested, and the evidence for each strategy is the
 * catalogue's. Scores (0–1) only order the list; they are not probabilities of success.
 *
 * Rules, with the profile's shares of incidents:
 * - foot patrol: violent ≥ 40%; the zone walkable (≤ `walkableAreaKm2`, default 1 km²);
 * - hot spots policing: PAI ≥ 2 (the zone holds at least twice its share of incidents);
 * - problem-oriented policing: at least `minIncidents` (default 20) and one category ≥ 30% or one
 *   offence group ≥ 50% (a recurring problem to analyse);
 * - street lighting / CPTED: ≥ 45% of incidents at night (20:00–04:00) and violent + property ≥ 50%;
 * - neighbourhood watch: property ≥ 40%, and residential places ≥ 30% where location types are known;
 * - CCTV: property ≥ 40% and car parks ≥ 20% of located incidents;
 * - business watch: commercial places ≥ 30% and property + violent ≥ 50%;
 * - focused deterrence: violent + drugs ≥ 50% and at least `minIncidents` incidents;
 * - bike patrol: a zone too large to walk whose hours are concentrated;
 * - community meetings: any zone with incidents (higher where disorder ≥ 25%);
 * - de-escalation training: as a companion whenever foot patrol or hot spots policing is suggested.
 * "Concentrated hours": half the zone's incidents fall within 42 of the week's 168 hours (a quarter of
 * the week; spread evenly they would need 84), found by patrolHours.ts.
 */
import { patrolHours, type DailyPattern } from '../analysis/patrolHours';
import {
  catalogueEntry,
  type EvidenceStrength,
  type OffenceGroup,
  type PlaceKind,
} from './strategyCatalogue';
import type { StrategyScope } from './planSchema';

export interface ZoneProfile {
  /** Incidents in the zone under the current filters. */
  incidents: number;
  /** Incidents by offence group. */
  byOffenceGroup: Partial<Record<OffenceGroup, number>>;
  /** 168 counts, index weekday × 24 + hour (Monday = 0); null when times of day are unknown. */
  hourWeekday?: ArrayLike<number> | null;
  areaKm2: number;
  /** Share of all incidents (0–1) and of the study area, for the PAI sentence. */
  shareOfIncidents?: number;
  shareOfArea?: number;
  pai?: number;
  /** Top categories by count, with the data's own names. */
  topCategories?: { name: string; count: number }[];
  /** Location types (the data's own names) with counts. */
  locationTypes?: { name: string; count: number }[];
}

export interface StrategySuggestion {
  catalogueId: string;
  name: string;
  /** 0–1, for ordering only. */
  score: number;
  /** Why, from the zone's numbers. */
  reason: string;
  strength: EvidenceStrength;
  /** Where to attach it: the zone, or the agency for training. */
  scope: StrategyScope;
}

export interface SuggestionOptions {
  /** Largest zone a foot beat can cover, km²; default 1. */
  walkableAreaKm2?: number;
  /** Fewest incidents for a recurring-problem strategy; default 20. */
  minIncidents?: number;
  /** Most suggestions returned; default 8. */
  maxSuggestions?: number;
}

const PLACE_PATTERNS: [PlaceKind, RegExp][] = [
  ['public-housing', /\bCHA\b|PUBLIC HOUSING|HOUSING (?:PROJECT|ESTATE|AUTHORITY)/],
  ['residential', /RESIDEN|APARTMENT|\bHOUSE\b|DWELLING|\bHOME\b|\bYARD\b|PORCH|HALLWAY/],
  ['car-park', /PARKING|GARAGE|CAR PARK/],
  ['transit', /\bCTA\b|TRAIN|\bBUS\b|(?<!GAS )STATION|TRANSIT|PLATFORM|SUBWAY|RAILWAY|\bMETRO\b/],
  ['nightlife', /\bBAR\b|TAVERN|NIGHT ?CLUB|\bPUB\b|LIQUOR/],
  ['park', /\bPARK\b|PLAYGROUND|FOREST PRESERVE/],
  [
    'commercial',
    /STORE|SHOP|RESTAURANT|\bBANK\b|(?<!NON-)COMMERCIAL|BUSINESS|RETAIL|GAS STATION|OFFICE|HOTEL|MALL|SUPERMARKET|GROCERY|PHARMACY/,
  ],
  ['street', /STREET|SIDEWALK|ALLEY|\bROAD\b|HIGHWAY|PAVEMENT/],
];

/** The place kind of a location type as the data names it ("PARKING LOT/GARAGE(NON.RESID.)" → car-park). */
export function classifyPlace(locationType: string): PlaceKind | null {
  const name = locationType.toUpperCase();
  for (const [kind, pattern] of PLACE_PATTERNS) if (pattern.test(name)) return kind;
  return null;
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;
const km2 = (a: number): string => `${a < 10 ? a.toFixed(2) : a.toFixed(1)} km²`;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Night: 20:00–04:00 on every day (a third of the week). */
function nightShare(profile: ArrayLike<number>): number {
  let night = 0;
  let total = 0;
  for (let h = 0; h < 168; h++) {
    total += profile[h];
    const hour = h % 24;
    if (hour >= 20 || hour < 4) night += profile[h];
  }
  return total > 0 ? night / total : 0;
}

const CONCENTRATED_HOURS = 42;

export function suggestStrategies(
  profile: ZoneProfile,
  options: SuggestionOptions = {},
): StrategySuggestion[] {
  const walkable = options.walkableAreaKm2 ?? 1;
  const minIncidents = options.minIncidents ?? 20;
  const maxSuggestions = options.maxSuggestions ?? 8;
  const n = profile.incidents;
  if (!(n > 0)) return [];

  const share = (g: OffenceGroup): number => (profile.byOffenceGroup[g] ?? 0) / n;
  const violent = share('violent');
  const property = share('property');
  const drugs = share('drugs');
  const disorder = share('disorder');

  let located = 0;
  const placeCounts = new Map<PlaceKind, number>();
  for (const { name, count } of profile.locationTypes ?? []) {
    const kind = classifyPlace(name);
    located += count;
    if (kind) placeCounts.set(kind, (placeCounts.get(kind) ?? 0) + count);
  }
  const placeShare = (k: PlaceKind): number | null =>
    located > 0 ? (placeCounts.get(k) ?? 0) / located : null;

  let hours: DailyPattern | null = null;
  let night: number | null = null;
  if (profile.hourWeekday) {
    hours = patrolHours(profile.hourWeekday, { share: 0.5 }).pattern;
    night = nightShare(profile.hourWeekday);
  }
  const concentrated = hours !== null && hours.weeklyHours <= CONCENTRATED_HOURS;
  const whenClause =
    hours && concentrated ? ` and ${percent(hours.share)} fall ${hours.label}` : '';
  const walkableZone = profile.areaKm2 <= walkable;

  const out: StrategySuggestion[] = [];
  const add = (
    catalogueId: string,
    score: number,
    reason: string,
    scope: StrategyScope = 'zones',
  ): void => {
    const entry = catalogueEntry(catalogueId);
    if (!entry) return;
    out.push({
      catalogueId,
      name: entry.name,
      score: clamp01(score),
      reason,
      strength: entry.overall.strength,
      scope,
    });
  };

  if (violent >= 0.4 && walkableZone) {
    add(
      'foot-patrol',
      0.55 + 0.25 * violent + (concentrated ? 0.15 : 0),
      `${percent(violent)} of this zone's incidents are violent${whenClause}: foot patrol fits small violent hot spots (Philadelphia Foot Patrol Experiment)${hours && concentrated ? ', walked at those hours' : ''}. Its effect fades once officers are withdrawn.`,
    );
  }

  const pai = profile.pai;
  if (pai !== undefined && Number.isFinite(pai) && pai >= 2) {
    const shares =
      profile.shareOfIncidents !== undefined && profile.shareOfArea !== undefined
        ? `This zone holds ${percent(profile.shareOfIncidents)} of incidents on ${profile.shareOfArea < 0.01 ? `${(profile.shareOfArea * 100).toFixed(2)}%` : percent(profile.shareOfArea)} of the area (PAI ${pai.toFixed(1)})`
        : `This zone has ${pai.toFixed(1)} times its share of incidents (PAI)`;
    const dosage = catalogueEntry('hot-spots-policing')?.deployment.dosage ?? '';
    add(
      'hot-spots-policing',
      0.55 + 0.25 * clamp01(Math.log10(pai) / 1.5) + (walkableZone ? 0.1 : 0),
      `${shares}${whenClause}: hot spots policing fits small places where crime concentrates. ${dosage}`,
    );
  }

  const topCategory = profile.topCategories?.[0];
  const topShare = topCategory ? topCategory.count / n : 0;
  const groups: [OffenceGroup, number][] = (
    ['violent', 'property', 'drugs', 'disorder', 'other'] as OffenceGroup[]
  ).map((g) => [g, share(g)]);
  const [dominantGroup, dominantShare] = groups.reduce((a, b) => (b[1] > a[1] ? b : a));
  if (n >= minIncidents && (topShare >= 0.3 || dominantShare >= 0.5)) {
    const what =
      topCategory && topShare >= 0.3
        ? `${topCategory.name} makes up ${percent(topShare)} of this zone's ${n} incidents`
        : `${percent(dominantShare)} of this zone's ${n} incidents are ${dominantGroup === 'other' ? 'of other kinds' : `${dominantGroup === 'drugs' ? 'drug' : dominantGroup} offences`}`;
    add(
      'problem-oriented-policing',
      0.5 + 0.3 * Math.max(topShare, dominantShare - 0.2),
      `${what}: a recurring problem that problem-oriented policing can analyse and target (scanning, analysis, response, assessment).`,
    );
  }

  if (night !== null && night >= 0.45 && violent + property >= 0.5) {
    add(
      'street-lighting-cpted',
      0.4 + 0.3 * night,
      `${percent(night)} of this zone's incidents fall between 20:00 and 04:00 and ${percent(violent + property)} are violent or property crime: better lighting and other situational prevention fit outdoor night-time crime.`,
    );
  }

  const residential = placeShare('residential');
  if (property >= 0.4 && (residential === null || residential >= 0.3)) {
    add(
      'neighbourhood-watch',
      0.3 + 0.2 * property + (residential !== null ? 0.1 : 0),
      `${percent(property)} of this zone's incidents are property crime${residential !== null ? ` and ${percent(residential)} happen at homes` : ''}: neighbourhood watch fits residential crime, though the evidence is weak (a possible reduction).`,
    );
  }

  const carPark = placeShare('car-park');
  if (property >= 0.4 && carPark !== null && carPark >= 0.2) {
    add(
      'cctv',
      0.35 + 0.3 * carPark,
      `${percent(carPark)} of this zone's incidents are in car parks and ${percent(property)} are property crime: CCTV works best in car parks, actively monitored and combined with other measures.`,
    );
  }

  const commercial = placeShare('commercial');
  if (commercial !== null && commercial >= 0.3 && property + violent >= 0.5) {
    add(
      'business-watch',
      0.2 + 0.2 * commercial,
      `${percent(commercial)} of this zone's incidents are at shops and businesses: a business watch may help, though no direct evaluation was found.`,
    );
  }

  if (violent + drugs >= 0.5 && n >= minIncidents) {
    add(
      'focused-deterrence',
      0.3 + 0.2 * (violent + drugs),
      `${percent(violent + drugs)} of this zone's incidents are violent or drug offences: if a few groups or a drug market drive them, focused deterrence targets those groups (it is not a patrol tactic).`,
      'district',
    );
  }

  if (!walkableZone && concentrated && hours) {
    add(
      'bike-patrol',
      0.25,
      `This zone (${km2(profile.areaKm2)}) is larger than a walkable beat and ${percent(hours.share)} of its incidents fall ${hours.label}: bike patrol can cover it at those hours, but there is no crime-outcome evidence for it.`,
    );
  }

  add(
    'community-meetings',
    0.2 + (disorder >= 0.25 ? 0.2 : 0),
    disorder >= 0.25
      ? `${percent(disorder)} of this zone's incidents are disorder: meetings with residents can set priorities and build trust, though their effect on crime is unproven.`
      : `Meetings with this zone's residents can set priorities and build trust, though their effect on crime is unproven.`,
  );

  if (out.some((s) => s.catalogueId === 'foot-patrol' || s.catalogueId === 'hot-spots-policing')) {
    add(
      'de-escalation-training',
      0.15,
      'Foot patrol and hot spots policing bring more encounters with the public: de-escalation training for the officers involved reduced use of force and injuries in one good trial (Louisville).',
      'agency',
    );
  }

  return out.sort((a, b) => b.score - a.score).slice(0, maxSuggestions);
}
