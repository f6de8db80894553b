/**
 * Patrol dosage: what a hot-spot or foot-patrol plan asks of officers, and how much of a zone's crime
 * falls in the hours it covers.
 *
 * Hot spots: Koper (1995), "Just Enough Police Presence: Reducing Crime and Disorderly Behavior by
 * Optimizing Patrol Time in Crime Hot Spots", Justice Quarterly 12(4):649–672, found in the
 * Minneapolis hot-spots data that a stop of about 10 minutes was the threshold for residual deterrence
 * and 11–15 minutes the optimum, with diminishing returns beyond; the finding has not been replicated
 * in other settings. The plan here is visits of `visitMinutes` at each of N hot spots, a set number of
 * times a shift, at unpredictable moments: visits a shift = N × visits per hot spot; officer-minutes a
 * shift = visits × (visit + travel) × officers a visit; officer-hours a week = that × shifts a week / 60;
 * officers needed a shift = ⌈officer-minutes a shift / minutes of the shortest shift⌉.
 *
 * Foot patrol: beat hours (shifts) against the zone's 168-hour profile — the share of incidents inside
 * beat hours, the busiest hours left out, and the same-sized beat placed where it would hold most
 * (patrolHours.ts `bestDailyPattern`).
 *
 * Units: minutes for visits and travel, hours for shifts, counts per hour of the week (index
 * weekday × 24 + hour, Monday = 0). Complexity: O(168 + shifts × days × hours).
 *
 * @example
 * // 5 hot spots, 2 visits of 15 min each a shift with 5 min travel, Thu–Sat 20:00–04:00:
 * // 10 visits a shift × 20 min = 200 officer-minutes; × 3 shifts = 600 min = 10 officer-hours a week;
 * // 200 of 480 shift minutes → 1 officer a shift.
 * hotSpotDosagePlan(profile, 5, [{ days: [3, 4, 5], startHour: 20, lengthHours: 8 }],
 *   { visitMinutes: 15, visitsPerHotSpotPerShift: 2, travelMinutesPerVisit: 5 }).officerHoursPerWeek; // 10
 */
import {
  DAY_NAMES,
  HOURS_PER_WEEK,
  bestDailyPattern,
  formatDailyWindow,
  formatDays,
  hoursMask,
  type DailyPattern,
} from './patrolHours';
import type { Random } from './random';

/** Koper (1995): about 10 minutes was the threshold for residual deterrence. */
export const KOPER_THRESHOLD_MINUTES = 10;
/** Koper (1995): 11–15 minutes was the optimum, with diminishing returns beyond. */
export const KOPER_OPTIMUM_MINUTES = { min: 11, max: 15 } as const;

export interface PatrolShift {
  /** Days the shift starts on, 0 = Monday. */
  days: readonly number[];
  /** 0–23. */
  startHour: number;
  /** 1–24; a shift may run past midnight into the next day. */
  lengthHours: number;
}

export interface HotSpotDosageOptions {
  /** Minutes at a hot spot each visit; default 15, the top of Koper's 11–15 optimum, so staffing is not underestimated. */
  visitMinutes?: number;
  /** Visits to each hot spot in each shift; default 1. */
  visitsPerHotSpotPerShift?: number;
  /** Minutes to reach each hot spot; default 0 (hot spots inside one beat). */
  travelMinutesPerVisit?: number;
  /** Officers on each visit; default 1. */
  officersPerVisit?: number;
}

export interface HotSpotDosagePlan {
  hotSpotCount: number;
  visitMinutes: number;
  visitsPerHotSpotPerShift: number;
  travelMinutesPerVisit: number;
  officersPerVisit: number;
  /** Σ days of each shift. */
  shiftsPerWeek: number;
  visitsPerShift: number;
  visitsPerWeek: number;
  officerMinutesPerShift: number;
  officerHoursPerWeek: number;
  /** Officers a shift needed to make every visit within the shortest shift. */
  officersNeededPerShift: number;
  /** Distinct hours of the week the shifts cover. */
  patrolHoursPerWeek: number;
  /** null without a profile. */
  incidentsInShiftHours: number | null;
  shareOfIncidentsInShiftHours: number | null;
  /** Cautions about the visit length and the evidence. */
  notes: string[];
  summary: string;
}

function checkShifts(shifts: readonly PatrolShift[]): void {
  if (shifts.length === 0) throw new Error('choose at least one shift');
  for (const s of shifts) {
    if (!(Number.isInteger(s.startHour) && s.startHour >= 0 && s.startHour <= 23))
      throw new Error(`a shift's start hour is a whole hour 0–23 (got ${s.startHour})`);
    if (!(Number.isInteger(s.lengthHours) && s.lengthHours >= 1 && s.lengthHours <= 24))
      throw new Error(`a shift lasts 1–24 whole hours (got ${s.lengthHours})`);
    if (s.days.length === 0) throw new Error('a shift needs at least one day');
    for (const d of s.days)
      if (!(Number.isInteger(d) && d >= 0 && d <= 6))
        throw new Error(`days are 0 (Monday) to 6 (Sunday) (got ${d})`);
  }
}

function shareInMask(
  profile: ArrayLike<number>,
  mask: Uint8Array,
): { incidents: number; total: number } {
  if (profile.length !== HOURS_PER_WEEK)
    throw new Error(`a weekly profile has 168 hours (got ${profile.length})`);
  let incidents = 0;
  let total = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    total += profile[h];
    if (mask[h]) incidents += profile[h];
  }
  return { incidents, total };
}

const shiftLabel = (s: PatrolShift): string =>
  `${formatDays(s.days)} ${formatDailyWindow(s.startHour, s.lengthHours)}`;
const percent = (share: number): string => `${Math.round(share * 100)}%`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const round1 = (x: number): number => Math.round(x * 10) / 10;

export function hotSpotDosagePlan(
  profile: ArrayLike<number> | null,
  hotSpotCount: number,
  shifts: readonly PatrolShift[],
  options: HotSpotDosageOptions = {},
): HotSpotDosagePlan {
  if (!(Number.isInteger(hotSpotCount) && hotSpotCount >= 1))
    throw new Error(`the number of hot spots is a whole number ≥ 1 (got ${hotSpotCount})`);
  checkShifts(shifts);
  const visitMinutes = options.visitMinutes ?? 15;
  const visitsPerHotSpotPerShift = options.visitsPerHotSpotPerShift ?? 1;
  const travelMinutesPerVisit = options.travelMinutesPerVisit ?? 0;
  const officersPerVisit = options.officersPerVisit ?? 1;
  if (!(visitMinutes > 0)) throw new Error('visitMinutes must be positive');
  if (!(Number.isInteger(visitsPerHotSpotPerShift) && visitsPerHotSpotPerShift >= 1))
    throw new Error('visitsPerHotSpotPerShift must be a whole number ≥ 1');
  if (!(travelMinutesPerVisit >= 0)) throw new Error('travelMinutesPerVisit cannot be negative');
  if (!(Number.isInteger(officersPerVisit) && officersPerVisit >= 1))
    throw new Error('officersPerVisit must be a whole number ≥ 1');

  const shiftsPerWeek = shifts.reduce((s, shift) => s + shift.days.length, 0);
  const visitsPerShift = hotSpotCount * visitsPerHotSpotPerShift;
  const officerMinutesPerShift =
    visitsPerShift * (visitMinutes + travelMinutesPerVisit) * officersPerVisit;
  const shortestShiftMinutes = Math.min(...shifts.map((s) => s.lengthHours * 60));
  const mask = hoursMask(shifts);
  const patrolHoursPerWeek = mask.reduce((s, v) => s + v, 0);

  let incidentsInShiftHours: number | null = null;
  let shareOfIncidentsInShiftHours: number | null = null;
  if (profile) {
    const { incidents, total } = shareInMask(profile, mask);
    incidentsInShiftHours = incidents;
    shareOfIncidentsInShiftHours = total > 0 ? incidents / total : 0;
  }

  const notes: string[] = [];
  if (visitMinutes < KOPER_THRESHOLD_MINUTES)
    notes.push(
      `Visits of ${visitMinutes} minutes are shorter than the about 10 minutes Koper (1995) found to be the threshold for residual deterrence.`,
    );
  else if (visitMinutes > KOPER_OPTIMUM_MINUTES.max)
    notes.push(
      `Beyond 15 minutes Koper (1995) found diminishing returns: the extra time may do more good at another hot spot.`,
    );
  if (visitsPerHotSpotPerShift * visitMinutes > shortestShiftMinutes)
    notes.push(
      `${visitsPerHotSpotPerShift} visits of ${visitMinutes} minutes do not fit in a ${shortestShiftMinutes / 60}-hour shift.`,
    );
  notes.push(
    'The 11–15 minute optimum comes from one Minneapolis study (Koper 1995) and has not been replicated in other settings. Vary the moment of each visit so that it cannot be predicted.',
  );

  const officerHoursPerWeek = (officerMinutesPerShift * shiftsPerWeek) / 60;
  const officersNeededPerShift = Math.ceil(officerMinutesPerShift / shortestShiftMinutes);
  const where = shifts.map(shiftLabel).join('; ');
  let summary =
    `${plural(hotSpotCount, 'hot spot')} × ${plural(visitsPerHotSpotPerShift, 'visit')} of ${visitMinutes} minutes a shift, ` +
    `${plural(shiftsPerWeek, 'shift')} a week (${where}): ${plural(visitsPerShift * shiftsPerWeek, 'visit')} and ` +
    `${round1(officerHoursPerWeek)} officer-hours a week; ${plural(officersNeededPerShift, 'officer')} a shift.`;
  if (shareOfIncidentsInShiftHours !== null)
    summary += ` These hours hold ${percent(shareOfIncidentsInShiftHours)} of the zone's incidents.`;

  return {
    hotSpotCount,
    visitMinutes,
    visitsPerHotSpotPerShift,
    travelMinutesPerVisit,
    officersPerVisit,
    shiftsPerWeek,
    visitsPerShift,
    visitsPerWeek: visitsPerShift * shiftsPerWeek,
    officerMinutesPerShift,
    officerHoursPerWeek,
    officersNeededPerShift,
    patrolHoursPerWeek,
    incidentsInShiftHours,
    shareOfIncidentsInShiftHours,
    notes,
    summary,
  };
}

/**
 * Unpredictable visit times within one shift for one hot spot: the shift is cut into `visits` equal
 * slots and each visit starts at a uniformly random minute of its slot that leaves room for the visit
 * (stratified random sampling), so visits are spread out, never overlap, and cannot be foreseen.
 * Returns whole minutes after the shift's start, ascending. O(visits).
 */
export function unpredictableVisitStarts(
  shiftMinutes: number,
  visits: number,
  visitMinutes: number,
  random: Random,
): number[] {
  const slot = shiftMinutes / visits;
  if (!(visits >= 1) || !(visitMinutes <= slot))
    throw new Error(
      `${visits} visits of ${visitMinutes} minutes do not fit in ${shiftMinutes} minutes`,
    );
  const starts: number[] = [];
  for (let k = 0; k < visits; k++) {
    starts.push(Math.floor(k * slot + random.next() * (slot - visitMinutes)));
  }
  return starts;
}

export interface UncoveredHour {
  /** 0 = Monday 00:00. */
  weekHour: number;
  incidents: number;
  /** "Sat 01:00". */
  label: string;
}

export interface FootPatrolCoverage {
  /** Distinct hours of the week with a beat on. */
  beatHoursPerWeek: number;
  /** Σ beats × days × hours × officers a beat. */
  officerHoursPerWeek: number;
  incidentsInBeatHours: number;
  shareInBeatHours: number;
  /** The busiest hours with no beat, most incidents first (up to 3, only hours with incidents). */
  busiestUncoveredHours: UncoveredHour[];
  /** For each beat, the beat of the same days and length placed where it would hold most alone. */
  bestSameShape: DailyPattern[];
  sentence: string;
}

export interface FootPatrolOptions {
  /** Officers walking each beat; default 2 (the Philadelphia Foot Patrol Experiment used pairs). */
  officersPerBeat?: number;
}

export function footPatrolBeatCoverage(
  profile: ArrayLike<number>,
  beats: readonly PatrolShift[],
  options: FootPatrolOptions = {},
): FootPatrolCoverage {
  checkShifts(beats);
  const officersPerBeat = options.officersPerBeat ?? 2;
  const mask = hoursMask(beats);
  const { incidents, total } = shareInMask(profile, mask);
  const shareInBeatHours = total > 0 ? incidents / total : 0;
  const beatHoursPerWeek = mask.reduce((s, v) => s + v, 0);
  const officerHoursPerWeek = beats.reduce(
    (s, b) => s + b.days.length * b.lengthHours * officersPerBeat,
    0,
  );
  const busiestUncoveredHours: UncoveredHour[] = [];
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    if (!mask[h] && profile[h] > 0)
      busiestUncoveredHours.push({
        weekHour: h,
        incidents: profile[h],
        label: `${DAY_NAMES[Math.floor(h / 24)]} ${String(h % 24).padStart(2, '0')}:00`,
      });
  }
  busiestUncoveredHours.sort((a, b) => b.incidents - a.incidents || a.weekHour - b.weekHour);
  busiestUncoveredHours.length = Math.min(busiestUncoveredHours.length, 3);
  const bestSameShape = beats.map((b) =>
    bestDailyPattern(profile, new Set(b.days).size, b.lengthHours),
  );

  let sentence = `Beats ${beats.map(shiftLabel).join('; ')} cover ${plural(beatHoursPerWeek, 'hour')} a week and hold ${percent(shareInBeatHours)} of the zone's incidents.`;
  if (beats.length === 1 && total > 0) {
    const best = bestSameShape[0];
    if (best.incidents > incidents)
      sentence += ` A beat of the same size at ${best.label} would hold ${percent(best.share)}.`;
  }
  if (busiestUncoveredHours.length > 0)
    sentence += ` Busiest hours without a beat: ${busiestUncoveredHours.map((u) => `${u.label} (${u.incidents})`).join(', ')}.`;

  return {
    beatHoursPerWeek,
    officerHoursPerWeek,
    incidentsInBeatHours: incidents,
    shareInBeatHours,
    busiestUncoveredHours,
    bestSameShape,
    sentence,
  };
}
