/**
 * The hours to patrol: from a zone's 168-hour weekly profile (index weekday × 24 + hour, Monday = 0),
 * the fewest weekly hours that hold a chosen share of its incidents, in two forms.
 *
 * 1. The repeating shift (`pattern`): one daily window (a start hour and a length of 1–24 hours,
 *    which may run past midnight into the next day) worked on a set of days. "Thu–Sat 20:00–02:00"
 *    is Thu 20:00–Fri 02:00, Fri 20:00–Sat 02:00 and Sat 20:00–Sun 02:00; Sunday's window runs into
 *    Monday. Every start hour, length and day set is tried (days a contiguous run such as Fri–Mon by
 *    default, or any set), and the one with the fewest weekly hours (days × length) that reaches the
 *    share wins; ties go to more incidents, then fewer days, then the earliest start. This is the form
 *    a roster and the plan's schedule (days, start hour, end hour) take.
 * 2. The free windows (`windowSet`): at most `maxWindows` contiguous stretches of the weekly timeline
 *    (each may cross midnight, days, and Sunday → Monday), with the fewest hours in total that reach
 *    the share. Solved exactly by dynamic programming over the 168 hours with states (hours used,
 *    stretches opened, whether this hour and the week's first hour are covered), so a stretch that runs
 *    over the end of the week joins the one at its start. It is never longer than the shift form.
 *
 * This is the time analogue of the "minimum area holding X% of crime" used for spatial concentration
 * (Weisburd 2015, "The law of crime concentration and the criminology of place", Criminology 53(2)).
 *
 * Units: counts (or weights) per hour of the week; hours. Complexity: pattern search 24 × 24 × 43
 * candidates of ≤ 7 terms; window search O(168² · maxWindows) time, O(168² · maxWindows) bytes.
 *
 * @example
 * // 10 incidents in each hour Thu–Sat 20:00–02:00 and 1 in every other hour: 198 of 348 in 18 hours.
 * patrolHours(profile, { share: 0.5 }).sentence;
 * // "57% of incidents in this zone fall Thu–Sat 20:00–02:00 (18 hours a week)."
 */

export const HOURS_PER_WEEK = 168;
export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface DailyPattern {
  /** Days the shift starts on, 0 = Monday; in run order for a contiguous run (Fri, Sat, Sun, Mon). */
  days: number[];
  /** 0–23. */
  startHour: number;
  /** 1–24. */
  lengthHours: number;
  /** (startHour + lengthHours) mod 24; equal to startHour for a 24-hour window. */
  endHour: number;
  /** days × lengthHours. */
  weeklyHours: number;
  incidents: number;
  /** Share of all the profile's incidents, 0–1. */
  share: number;
  /** "Thu–Sat 20:00–02:00". */
  label: string;
}

export interface WeeklyWindow {
  /** Hour of the week where it starts, 0 = Monday 00:00. */
  startWeekHour: number;
  lengthHours: number;
  incidents: number;
  /** "Fri 20:00–Sat 02:00". */
  label: string;
}

export interface WindowSet {
  /** In order of the week, from Monday 00:00. */
  windows: WeeklyWindow[];
  weeklyHours: number;
  incidents: number;
  share: number;
  label: string;
}

export interface PatrolHours {
  totalIncidents: number;
  targetShare: number;
  /** null when the profile holds no incidents. */
  pattern: DailyPattern | null;
  windowSet: WindowSet | null;
  /** "62% of incidents in this zone fall Thu–Sat 20:00–02:00 (18 hours a week)." */
  sentence: string;
}

export interface PatrolHoursOptions {
  /** Share of the incidents the hours must hold, in (0, 1]; default 0.5. */
  share?: number;
  /** Most stretches in the free-window form; default 3. */
  maxWindows?: number;
  /** Restrict the shift's days to a run such as Thu–Sat (true, default) or allow any set (false). */
  contiguousDays?: boolean;
  /** How the sentence names the place; default "this zone". */
  placeName?: string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const clock = (hour: number): string => `${pad2(((hour % 24) + 24) % 24)}:00`;

/** "Thu–Sat", "Mon, Wed–Fri", "Sat–Mon", "every day". */
export function formatDays(days: readonly number[]): string {
  const set = new Set(days.map((d) => ((d % 7) + 7) % 7));
  if (set.size === 7) return 'every day';
  if (set.size === 0) return 'no days';
  // Start scanning just after a day that is not in the set, so a run over Sunday → Monday stays whole.
  let gap = 0;
  while (set.has(gap)) gap++;
  const runs: { start: number; text: string }[] = [];
  let runStart = -1;
  for (let k = 1; k <= 7; k++) {
    const d = (gap + k) % 7;
    if (set.has(d) && runStart < 0) runStart = d;
    if (!set.has(d) && runStart >= 0) {
      const last = (d + 6) % 7;
      const text =
        runStart === last ? DAY_NAMES[runStart] : `${DAY_NAMES[runStart]}–${DAY_NAMES[last]}`;
      runs.push({ start: runStart, text });
      runStart = -1;
    }
  }
  return runs
    .sort((a, b) => a.start - b.start)
    .map((r) => r.text)
    .join(', ');
}

/** "20:00–02:00"; "all day" for 24 hours from midnight; "24 hours from 20:00" otherwise. */
export function formatDailyWindow(startHour: number, lengthHours: number): string {
  if (lengthHours >= 24) return startHour === 0 ? 'all day' : `24 hours from ${clock(startHour)}`;
  return `${clock(startHour)}–${clock(startHour + lengthHours)}`;
}

/** "Fri 20:00–Sat 02:00", "Fri 20:00–23:00", "all week". */
export function formatWeeklyWindow(startWeekHour: number, lengthHours: number): string {
  if (lengthHours >= HOURS_PER_WEEK) return 'all week';
  const startDay = Math.floor(startWeekHour / 24);
  const startHour = startWeekHour % 24;
  const end = startWeekHour + lengthHours;
  const start = `${DAY_NAMES[startDay]} ${clock(startHour)}`;
  // A window that ends exactly at midnight reads as ending at 00:00 of the same night.
  if (startHour + lengthHours <= 24) return `${start}–${clock(end)}`;
  return `${start}–${DAY_NAMES[Math.floor(end / 24) % 7]} ${clock(end % 24)}`;
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

function checkProfile(profile: ArrayLike<number>): Float64Array {
  if (profile.length !== HOURS_PER_WEEK)
    throw new Error(`a weekly profile has 168 hours (got ${profile.length})`);
  const values = Float64Array.from(profile);
  for (const v of values)
    if (!(v >= 0)) throw new Error('a weekly profile holds counts, which cannot be negative');
  return values;
}

/** prefix[k] = sum of the first k hours of the profile repeated twice, so windows may wrap. */
function cyclicPrefix(values: Float64Array): Float64Array {
  const n = values.length;
  const prefix = new Float64Array(2 * n + 1);
  for (let k = 0; k < 2 * n; k++) prefix[k + 1] = prefix[k] + values[k % n];
  return prefix;
}

/** The weekly hours (168 flags, 1 = covered) that a set of shifts covers; overlaps count once. */
export function hoursMask(
  shifts: readonly { days: readonly number[]; startHour: number; lengthHours: number }[],
): Uint8Array {
  const mask = new Uint8Array(HOURS_PER_WEEK);
  for (const shift of shifts) {
    for (const day of shift.days) {
      for (let k = 0; k < shift.lengthHours; k++)
        mask[(day * 24 + shift.startHour + k) % HOURS_PER_WEEK] = 1;
    }
  }
  return mask;
}

interface Candidate {
  days: number[];
  startHour: number;
  lengthHours: number;
  incidents: number;
}

/** Calls `visit` for every day set of each size, with its window sums; runs or free sets. */
function forEachDaySet(
  daySums: Float64Array,
  contiguous: boolean,
  visit: (days: number[], incidents: number) => void,
): void {
  if (contiguous) {
    for (let n = 1; n <= 7; n++) {
      for (let d0 = 0; d0 < (n === 7 ? 1 : 7); d0++) {
        const days: number[] = [];
        let s = 0;
        for (let j = 0; j < n; j++) {
          days.push((d0 + j) % 7);
          s += daySums[(d0 + j) % 7];
        }
        visit(days, s);
      }
    }
    return;
  }
  // For a free set of n days the best is the n days with the largest window sums.
  const order = [0, 1, 2, 3, 4, 5, 6].sort((a, b) => daySums[b] - daySums[a] || a - b);
  let s = 0;
  for (let n = 1; n <= 7; n++) {
    s += daySums[order[n - 1]];
    visit(
      order.slice(0, n).sort((a, b) => a - b),
      s,
    );
  }
}

function toPattern(c: Candidate, total: number): DailyPattern {
  return {
    days: c.days,
    startHour: c.startHour,
    lengthHours: c.lengthHours,
    endHour: (c.startHour + c.lengthHours) % 24,
    weeklyHours: c.days.length * c.lengthHours,
    incidents: c.incidents,
    share: total > 0 ? c.incidents / total : 0,
    label: `${formatDays(c.days)} ${formatDailyWindow(c.startHour, c.lengthHours)}`,
  };
}

function daySumsOf(prefix: Float64Array, startHour: number, lengthHours: number): Float64Array {
  const sums = new Float64Array(7);
  for (let d = 0; d < 7; d++) {
    const s = d * 24 + startHour;
    sums[d] = prefix[s + lengthHours] - prefix[s];
  }
  return sums;
}

/**
 * The shift of a given shape (number of days, hours a day) placed where it holds the most incidents:
 * used to compare a planned beat with the best beat of the same size. O(24 · 43 · 7).
 */
export function bestDailyPattern(
  profile: ArrayLike<number>,
  dayCount: number,
  lengthHours: number,
  options: { contiguousDays?: boolean } = {},
): DailyPattern {
  const values = checkProfile(profile);
  if (!(dayCount >= 1 && dayCount <= 7 && Number.isInteger(dayCount)))
    throw new Error(`dayCount must be a whole number from 1 to 7 (got ${dayCount})`);
  if (!(lengthHours >= 1 && lengthHours <= 24 && Number.isInteger(lengthHours)))
    throw new Error(`lengthHours must be a whole number from 1 to 24 (got ${lengthHours})`);
  const prefix = cyclicPrefix(values);
  const total = prefix[HOURS_PER_WEEK];
  let best: Candidate | null = null;
  for (let startHour = 0; startHour < 24; startHour++) {
    const daySums = daySumsOf(prefix, startHour, lengthHours);
    forEachDaySet(daySums, options.contiguousDays ?? true, (days, incidents) => {
      if (days.length !== dayCount) return;
      if (!best || incidents > best.incidents) best = { days, startHour, lengthHours, incidents };
    });
  }
  return toPattern(best!, total);
}

function smallestPattern(
  values: Float64Array,
  target: number,
  contiguous: boolean,
): DailyPattern | null {
  const prefix = cyclicPrefix(values);
  const total = prefix[HOURS_PER_WEEK];
  let best: Candidate | null = null;
  let bestHours = Infinity;
  for (let startHour = 0; startHour < 24; startHour++) {
    for (let lengthHours = 1; lengthHours <= 24; lengthHours++) {
      const daySums = daySumsOf(prefix, startHour, lengthHours);
      forEachDaySet(daySums, contiguous, (days, incidents) => {
        if (incidents < target) return;
        const hours = days.length * lengthHours;
        const better =
          hours < bestHours ||
          (hours === bestHours &&
            (incidents > best!.incidents ||
              (incidents === best!.incidents && days.length < best!.days.length)));
        if (better) {
          best = { days, startHour, lengthHours, incidents };
          bestHours = hours;
        }
      });
    }
  }
  return best ? toPattern(best, total) : null;
}

/**
 * The fewest hours of a cyclic sequence, as at most `maxWindows` contiguous stretches (wrapping from
 * the end to the start), whose values sum to at least `target`. Exact dynamic programme; returns the
 * covered mask, or null when even the whole cycle falls short. O(n² · maxWindows).
 */
export function minimalCyclicWindows(
  values: ArrayLike<number>,
  target: number,
  maxWindows: number,
): Uint8Array | null {
  const n = values.length;
  if (n === 0 || !(maxWindows >= 1)) return null;
  // Linear runs may number maxWindows + 1: the last and the first merge when both ends are covered.
  const maxRuns = Math.floor(maxWindows) + 1;
  const L = n + 1;
  const R = maxRuns + 1;
  const size = 4 * R * L;
  const at = (f: number, b: number, r: number, l: number): number => ((f * 2 + b) * R + r) * L + l;
  let current = new Float64Array(size).fill(-Infinity);
  let next = new Float64Array(size);
  // parents[i · size + state] = whether hour i − 1 was covered on the best path to `state`.
  const parents = new Uint8Array(n * size);
  current[at(0, 0, 0, 0)] = 0;
  current[at(1, 1, 1, 1)] = values[0];
  for (let i = 1; i < n; i++) {
    next.fill(-Infinity);
    const v = values[i];
    const base = i * size;
    for (let f = 0; f < 2; f++) {
      for (let b = 0; b < 2; b++) {
        for (let r = 0; r <= maxRuns; r++) {
          for (let l = 0; l <= i; l++) {
            const value = current[at(f, b, r, l)];
            if (value === -Infinity) continue;
            // Leave hour i uncovered.
            const skip = at(f, 0, r, l);
            if (value > next[skip]) {
              next[skip] = value;
              parents[base + skip] = b;
            }
            // Cover hour i: continue the open stretch, or open a new one.
            const r2 = b === 1 ? r : r + 1;
            if (r2 > maxRuns) continue;
            const take = at(f, 1, r2, l + 1);
            if (value + v > next[take]) {
              next[take] = value + v;
              parents[base + take] = b;
            }
          }
        }
      }
    }
    [current, next] = [next, current];
  }
  // The fewest hours whose best value reaches the target with at most maxWindows cyclic stretches.
  const tolerance = Math.abs(target) * 1e-12;
  for (let l = 0; l <= n; l++) {
    let bestState = -1;
    let bestValue = -Infinity;
    for (let f = 0; f < 2; f++) {
      for (let b = 0; b < 2; b++) {
        for (let r = 0; r <= maxRuns; r++) {
          const cyclicRuns = f === 1 && b === 1 && r >= 2 ? r - 1 : r;
          if (cyclicRuns > maxWindows) continue;
          const value = current[at(f, b, r, l)];
          if (value > bestValue) {
            bestValue = value;
            bestState = at(f, b, r, l);
          }
        }
      }
    }
    if (bestState >= 0 && bestValue >= target - tolerance) {
      const covered = new Uint8Array(n);
      let state = bestState;
      for (let i = n - 1; i >= 0; i--) {
        const l2 = state % L;
        const r2 = Math.floor(state / L) % R;
        const fb = Math.floor(state / (L * R));
        const f = fb >> 1;
        const b = fb & 1;
        covered[i] = b;
        if (i === 0) break;
        const prevB = parents[i * size + state];
        state = b === 1 ? at(f, prevB, prevB === 1 ? r2 : r2 - 1, l2 - 1) : at(f, prevB, r2, l2);
      }
      return covered;
    }
  }
  return null;
}

/** The stretches of a covered mask on the 168-hour cycle, from Monday 00:00. */
function windowsOf(covered: Uint8Array, values: Float64Array): WeeklyWindow[] {
  const n = covered.length;
  const make = (start: number, length: number): WeeklyWindow => {
    let incidents = 0;
    for (let k = 0; k < length; k++) incidents += values[(start + k) % n];
    return {
      startWeekHour: start,
      lengthHours: length,
      incidents,
      label: formatWeeklyWindow(start, length),
    };
  };
  if (covered.every((c) => c === 1)) return [make(0, n)];
  let gap = 0;
  while (covered[gap] === 1) gap++;
  const windows: WeeklyWindow[] = [];
  let start = -1;
  for (let k = 1; k <= n; k++) {
    const h = (gap + k) % n;
    if (covered[h] === 1 && start < 0) start = h;
    if (covered[h] === 0 && start >= 0) {
      windows.push(make(start, (h - start + n) % n));
      start = -1;
    }
  }
  return windows.sort((a, b) => a.startWeekHour - b.startWeekHour);
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function patrolHours(
  profile: ArrayLike<number>,
  options: PatrolHoursOptions = {},
): PatrolHours {
  const values = checkProfile(profile);
  const targetShare = options.share ?? 0.5;
  if (!(targetShare > 0 && targetShare <= 1))
    throw new Error(`share must be in (0, 1] (got ${targetShare})`);
  const maxWindows = options.maxWindows ?? 3;
  const place = options.placeName ?? 'this zone';
  let totalIncidents = 0;
  for (const v of values) totalIncidents += v;
  if (totalIncidents === 0) {
    return {
      totalIncidents,
      targetShare,
      pattern: null,
      windowSet: null,
      sentence: `No incidents in ${place} have a time of day, so there are no hours to suggest.`,
    };
  }
  const target = targetShare * totalIncidents;
  const pattern = smallestPattern(values, target * (1 - 1e-12), options.contiguousDays ?? true);
  const covered = minimalCyclicWindows(values, target, maxWindows);
  let windowSet: WindowSet | null = null;
  if (covered) {
    const windows = windowsOf(covered, values);
    const incidents = windows.reduce((s, w) => s + w.incidents, 0);
    windowSet = {
      windows,
      weeklyHours: windows.reduce((s, w) => s + w.lengthHours, 0),
      incidents,
      share: incidents / totalIncidents,
      label: joinAnd(windows.map((w) => w.label)),
    };
  }
  const sentence = pattern
    ? `${percent(pattern.share)} of incidents in ${place} fall ${pattern.label} (${pattern.weeklyHours} hour${pattern.weeklyHours === 1 ? '' : 's'} a week).`
    : '';
  return { totalIncidents, targetShare, pattern, windowSet, sentence };
}
