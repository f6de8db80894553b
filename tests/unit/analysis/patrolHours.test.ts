import { describe, expect, it } from 'vitest';
import {
  bestDailyPattern,
  formatDailyWindow,
  formatDays,
  formatWeeklyWindow,
  hoursMask,
  minimalCyclicWindows,
  patrolHours,
} from '../../../src/analysis/patrolHours';
import { createRandom } from '../../../src/analysis/random';

const at = (day: number, hour: number): number => day * 24 + hour;

/** 1 incident in every hour, plus 10 in each hour Thu–Sat 20:00–02:00 (18 hours). */
function weekendNights(): Float64Array {
  const p = new Float64Array(168).fill(1);
  for (const day of [3, 4, 5]) for (let k = 0; k < 6; k++) p[(at(day, 20) + k) % 168] += 10;
  return p;
}

/** Brute force over every subset of a short cycle: fewest covered positions in ≤ m cyclic runs. */
function bruteForceCyclic(values: number[], target: number, m: number): number {
  const n = values.length;
  let best = Infinity;
  for (let mask = 0; mask < 1 << n; mask++) {
    let sum = 0;
    let size = 0;
    let runs = 0;
    for (let i = 0; i < n; i++) {
      if (!(mask & (1 << i))) continue;
      sum += values[i];
      size++;
      if (!(mask & (1 << ((i - 1 + n) % n)))) runs++;
    }
    if (size === n) runs = 1;
    if (runs <= m && sum >= target && size < best) best = size;
  }
  return best;
}

describe('formatting', () => {
  it('names day runs, wrapping over Sunday → Monday', () => {
    expect(formatDays([3, 4, 5])).toBe('Thu–Sat');
    expect(formatDays([4, 5, 6, 0])).toBe('Fri–Mon');
    expect(formatDays([0, 2, 3, 4])).toBe('Mon, Wed–Fri');
    expect(formatDays([5])).toBe('Sat');
    expect(formatDays([0, 1, 2, 3, 4, 5, 6])).toBe('every day');
  });

  it('names daily and weekly windows', () => {
    expect(formatDailyWindow(20, 6)).toBe('20:00–02:00');
    expect(formatDailyWindow(0, 24)).toBe('all day');
    expect(formatDailyWindow(20, 4)).toBe('20:00–00:00');
    expect(formatWeeklyWindow(at(4, 20), 6)).toBe('Fri 20:00–Sat 02:00');
    expect(formatWeeklyWindow(at(4, 9), 8)).toBe('Fri 09:00–17:00');
    expect(formatWeeklyWindow(at(6, 22), 4)).toBe('Sun 22:00–Mon 02:00');
    expect(formatWeeklyWindow(0, 168)).toBe('all week');
  });

  it('builds the covered-hours mask of shifts, wrapping past Sunday midnight', () => {
    const mask = hoursMask([{ days: [6], startHour: 22, lengthHours: 4 }]);
    expect([...mask].reduce((a, b) => a + b, 0)).toBe(4);
    expect([mask[166], mask[167], mask[0], mask[1], mask[2]]).toEqual([1, 1, 1, 1, 0]);
  });
});

describe('patrolHours', () => {
  it('finds Thu–Sat 20:00–02:00 holding 198 of 348 incidents (57%) for a 50% target', () => {
    // By hand: 3 days × 5 h = 165 < 174 = half of 348; 2 days × 8 h = 136; 3 × 6 = 18 h gives 198.
    const r = patrolHours(weekendNights(), { share: 0.5 });
    expect(r.totalIncidents).toBe(348);
    expect(r.pattern).toMatchObject({
      days: [3, 4, 5],
      startHour: 20,
      lengthHours: 6,
      endHour: 2,
      weeklyHours: 18,
      incidents: 198,
      label: 'Thu–Sat 20:00–02:00',
    });
    expect(r.pattern!.share).toBeCloseTo(198 / 348, 12);
    expect(r.sentence).toBe(
      '57% of incidents in this zone fall Thu–Sat 20:00–02:00 (18 hours a week).',
    );
    // Free windows may trim hours: 16 hot hours hold 176 ≥ 174, in at most 3 stretches.
    expect(r.windowSet!.weeklyHours).toBe(16);
    expect(r.windowSet!.incidents).toBe(176);
    expect(r.windowSet!.windows.length).toBeLessThanOrEqual(3);
  });

  it('keeps a shift that runs from Sunday night into Monday whole', () => {
    const p = new Float64Array(168);
    for (const h of [166, 167, 0, 1]) p[h] = 5;
    p[at(2, 12)] = 1; // 1 of 21 elsewhere
    const r = patrolHours(p, { share: 0.9 });
    expect(r.pattern).toMatchObject({ days: [6], startHour: 22, lengthHours: 4, weeklyHours: 4 });
    expect(r.pattern!.label).toBe('Sun 22:00–02:00');
    expect(r.windowSet!.windows).toEqual([
      { startWeekHour: 166, lengthHours: 4, incidents: 20, label: 'Sun 22:00–Mon 02:00' },
    ]);
  });

  it('allows any set of days when asked, which can need fewer hours', () => {
    const p = new Float64Array(168);
    for (const day of [0, 3]) for (let h = 18; h < 22; h++) p[at(day, h)] = 10;
    p[at(1, 3)] = 1;
    const runs = patrolHours(p, { share: 0.95 });
    expect(runs.pattern!.days).toEqual([0, 1, 2, 3]);
    expect(runs.pattern!.weeklyHours).toBe(16);
    const free = patrolHours(p, { share: 0.95, contiguousDays: false });
    expect(free.pattern!.days).toEqual([0, 3]);
    expect(free.pattern!.label).toBe('Mon, Thu 18:00–22:00');
    expect(free.pattern!.weeklyHours).toBe(8);
  });

  it('needs the whole week when incidents are spread evenly and the target is 100%', () => {
    const r = patrolHours(new Float64Array(168).fill(2), { share: 1 });
    expect(r.pattern!.weeklyHours).toBe(168);
    expect(r.pattern!.label).toBe('every day all day');
    expect(r.windowSet!.label).toBe('all week');
  });

  it('says so when there are no incidents', () => {
    const r = patrolHours(new Float64Array(168));
    expect(r.pattern).toBeNull();
    expect(r.sentence).toMatch(/No incidents/);
  });

  it('rejects a profile that is not 168 hours', () => {
    expect(() => patrolHours(new Float64Array(24))).toThrow(/168/);
  });

  it('free windows are never longer than the shift and hold the target share (random weeks)', () => {
    const rng = createRandom(5);
    for (let trial = 0; trial < 20; trial++) {
      const p = new Float64Array(168);
      for (let h = 0; h < 168; h++) p[h] = rng.int(4) + (rng.next() < 0.1 ? rng.int(30) : 0);
      const share = 0.3 + 0.6 * rng.next();
      const r = patrolHours(p, { share });
      const total = p.reduce((a, b) => a + b, 0);
      expect(r.pattern!.incidents).toBeGreaterThanOrEqual(share * total - 1e-9);
      expect(r.windowSet!.incidents).toBeGreaterThanOrEqual(share * total - 1e-9);
      expect(r.windowSet!.weeklyHours).toBeLessThanOrEqual(r.pattern!.weeklyHours);
      // The pattern's stated incidents match its hours.
      const mask = hoursMask([r.pattern!]);
      expect(p.reduce((s, v, h) => s + (mask[h] ? v : 0), 0)).toBeCloseTo(r.pattern!.incidents, 9);
      // One hour fewer in one day-length can never reach the target for the same days.
      if (r.pattern!.lengthHours > 1) {
        const shorter = bestDailyPattern(p, r.pattern!.days.length, r.pattern!.lengthHours - 1);
        expect(shorter.incidents).toBeLessThan(share * total);
      }
    }
  });
});

describe('minimalCyclicWindows', () => {
  it('matches brute force over all subsets of short cycles', () => {
    const rng = createRandom(77);
    for (let trial = 0; trial < 60; trial++) {
      const n = 6 + rng.int(7);
      const values = Array.from({ length: n }, () => rng.int(6));
      const total = values.reduce((a, b) => a + b, 0);
      const m = 1 + rng.int(3);
      const target = Math.max(1, Math.round(total * (0.2 + 0.7 * rng.next())));
      const covered = minimalCyclicWindows(values, target, m);
      const expected = bruteForceCyclic(values, target, m);
      if (expected === Infinity) {
        expect(covered).toBeNull();
        continue;
      }
      expect(covered).not.toBeNull();
      const size = covered!.reduce((a, b) => a + b, 0);
      expect(size).toBe(expected);
      const sum = values.reduce((s, v, i) => s + (covered![i] ? v : 0), 0);
      expect(sum).toBeGreaterThanOrEqual(target);
      let runs = 0;
      for (let i = 0; i < n; i++) if (covered![i] && !covered![(i - 1 + n) % n]) runs++;
      expect(Math.max(runs, size === n ? 1 : 0)).toBeLessThanOrEqual(m);
    }
  });
});

describe('bestDailyPattern', () => {
  it('places a beat of a given shape where it holds the most', () => {
    const best = bestDailyPattern(weekendNights(), 3, 6);
    expect(best.label).toBe('Thu–Sat 20:00–02:00');
    expect(best.incidents).toBe(198);
  });
});
