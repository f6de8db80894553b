import { describe, expect, it } from 'vitest';
import {
  KOPER_OPTIMUM_MINUTES,
  KOPER_THRESHOLD_MINUTES,
  footPatrolBeatCoverage,
  hotSpotDosagePlan,
  unpredictableVisitStarts,
} from '../../../src/analysis/patrolDosage';
import { createRandom } from '../../../src/analysis/random';

const at = (day: number, hour: number): number => day * 24 + hour;

/** 2 incidents in every hour Thu–Sat 20:00–04:00 (24 hours → 48) and 1 in hour Mon 12:00. */
function nightProfile(): Float64Array {
  const p = new Float64Array(168);
  for (const day of [3, 4, 5]) for (let k = 0; k < 8; k++) p[(at(day, 20) + k) % 168] = 2;
  p[at(0, 12)] = 1;
  return p;
}

const thuSatNights = [{ days: [3, 4, 5], startHour: 20, lengthHours: 8 }];

describe('hotSpotDosagePlan', () => {
  it('does the arithmetic by hand: 5 hot spots, 2 visits of 15 min + 5 min travel, 3 night shifts', () => {
    const plan = hotSpotDosagePlan(nightProfile(), 5, thuSatNights, {
      visitMinutes: 15,
      visitsPerHotSpotPerShift: 2,
      travelMinutesPerVisit: 5,
    });
    // 5 × 2 = 10 visits a shift; 10 × (15 + 5) = 200 officer-minutes a shift;
    // 3 shifts → 30 visits and 600 minutes = 10 officer-hours a week; ⌈200 / 480⌉ = 1 officer.
    expect(plan.visitsPerShift).toBe(10);
    expect(plan.shiftsPerWeek).toBe(3);
    expect(plan.visitsPerWeek).toBe(30);
    expect(plan.officerMinutesPerShift).toBe(200);
    expect(plan.officerHoursPerWeek).toBe(10);
    expect(plan.officersNeededPerShift).toBe(1);
    expect(plan.patrolHoursPerWeek).toBe(24);
    // 48 of 49 incidents fall in the shift hours.
    expect(plan.incidentsInShiftHours).toBe(48);
    expect(plan.shareOfIncidentsInShiftHours).toBeCloseTo(48 / 49, 12);
    expect(plan.summary).toBe(
      "5 hot spots × 2 visits of 15 minutes a shift, 3 shifts a week (Thu–Sat 20:00–04:00): 30 visits and 10 officer-hours a week; 1 officer a shift. These hours hold 98% of the zone's incidents.",
    );
  });

  it('needs more officers when the visits outgrow one shift', () => {
    // 40 hot spots × 1 visit × 15 min × 2 officers = 1200 officer-minutes in a 480-minute shift → 3.
    const plan = hotSpotDosagePlan(null, 40, thuSatNights, { officersPerVisit: 2 });
    expect(plan.officerMinutesPerShift).toBe(1200);
    expect(plan.officersNeededPerShift).toBe(3);
    expect(plan.officerHoursPerWeek).toBe(60);
    expect(plan.shareOfIncidentsInShiftHours).toBeNull();
  });

  it('counts each weekly hour once when shifts overlap', () => {
    const plan = hotSpotDosagePlan(nightProfile(), 1, [
      { days: [4], startHour: 20, lengthHours: 4 },
      { days: [4], startHour: 22, lengthHours: 4 },
    ]);
    expect(plan.patrolHoursPerWeek).toBe(6);
    expect(plan.incidentsInShiftHours).toBe(12);
    expect(plan.shiftsPerWeek).toBe(2);
  });

  it('states Koper’s threshold and optimum, and that they were not replicated', () => {
    expect(KOPER_THRESHOLD_MINUTES).toBe(10);
    expect(KOPER_OPTIMUM_MINUTES).toEqual({ min: 11, max: 15 });
    const short = hotSpotDosagePlan(null, 3, thuSatNights, { visitMinutes: 5 });
    expect(short.notes.join(' ')).toMatch(/shorter than the about 10 minutes/);
    const long = hotSpotDosagePlan(null, 3, thuSatNights, { visitMinutes: 30 });
    expect(long.notes.join(' ')).toMatch(/diminishing returns/);
    const optimum = hotSpotDosagePlan(null, 3, thuSatNights, { visitMinutes: 12 });
    expect(optimum.notes).toHaveLength(1);
    expect(optimum.notes[0]).toMatch(/not been replicated/);
  });

  it('rejects impossible inputs with a message', () => {
    expect(() => hotSpotDosagePlan(null, 0, thuSatNights)).toThrow(/hot spots/);
    expect(() => hotSpotDosagePlan(null, 1, [])).toThrow(/at least one shift/);
    expect(() => hotSpotDosagePlan(null, 1, [{ days: [7], startHour: 1, lengthHours: 2 }])).toThrow(
      /0 \(Monday\)/,
    );
  });
});

describe('unpredictableVisitStarts', () => {
  it('spreads visits over equal slots, never overlapping, reproducible from the seed', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const starts = unpredictableVisitStarts(480, 4, 15, createRandom(seed));
      expect(starts).toHaveLength(4);
      starts.forEach((s, k) => {
        expect(s).toBeGreaterThanOrEqual(k * 120);
        expect(s + 15).toBeLessThanOrEqual((k + 1) * 120);
      });
    }
    expect(unpredictableVisitStarts(480, 4, 15, createRandom(9))).toEqual(
      unpredictableVisitStarts(480, 4, 15, createRandom(9)),
    );
    // Different seeds give different times (the point of unpredictability).
    const a = unpredictableVisitStarts(480, 4, 15, createRandom(1));
    const b = unpredictableVisitStarts(480, 4, 15, createRandom(2));
    expect(a).not.toEqual(b);
    expect(() => unpredictableVisitStarts(60, 5, 15, createRandom(1))).toThrow(/do not fit/);
  });
});

describe('footPatrolBeatCoverage', () => {
  it('compares a beat with the zone’s hours by hand', () => {
    // Beat Thu–Sat 18:00–02:00 (8 h × 3 days = 24 h) catches 20:00–02:00: 6 h × 3 × 2 = 36 of 49.
    const r = footPatrolBeatCoverage(nightProfile(), [
      { days: [3, 4, 5], startHour: 18, lengthHours: 8 },
    ]);
    expect(r.beatHoursPerWeek).toBe(24);
    expect(r.officerHoursPerWeek).toBe(48); // pairs: 24 h × 2 officers
    expect(r.incidentsInBeatHours).toBe(36);
    expect(r.shareInBeatHours).toBeCloseTo(36 / 49, 12);
    // Left out: 02:00–04:00 on Fri, Sat, Sun (2 each) and Mon 12:00 (1); ties by week order.
    expect(r.busiestUncoveredHours.map((u) => u.label)).toEqual([
      'Fri 02:00',
      'Fri 03:00',
      'Sat 02:00',
    ]);
    expect(r.bestSameShape[0].label).toBe('Thu–Sat 20:00–04:00');
    expect(r.bestSameShape[0].incidents).toBe(48);
    expect(r.sentence).toBe(
      "Beats Thu–Sat 18:00–02:00 cover 24 hours a week and hold 73% of the zone's incidents. A beat of the same size at Thu–Sat 20:00–04:00 would hold 98%. Busiest hours without a beat: Fri 02:00 (2), Fri 03:00 (2), Sat 02:00 (2).",
    );
  });

  it('uses the officers per beat given', () => {
    const r = footPatrolBeatCoverage(
      nightProfile(),
      [{ days: [1, 2, 3, 4, 5], startHour: 10, lengthHours: 8 }],
      { officersPerBeat: 4 },
    );
    expect(r.officerHoursPerWeek).toBe(5 * 8 * 4);
  });
});
