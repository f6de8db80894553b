import { describe, expect, it } from 'vitest';
import {
  classifyPlace,
  suggestStrategies,
  type ZoneProfile,
} from '../../../src/plan/strategySuggestions';
import { catalogueEntry } from '../../../src/plan/strategyCatalogue';

const at = (day: number, hour: number): number => day * 24 + hour;

/**
 * 100 incidents: 54 on Fri and Sat nights 20:00–02:00 (5, 5, 5, 4, 4, 4 an hour each night) and 46
 * by day (1 an hour Mon–Fri 09:00–17:00 and Sun 12:00–18:00).
 */
function weekendNightProfile(): Float64Array {
  const p = new Float64Array(168);
  for (const day of [4, 5]) [5, 5, 5, 4, 4, 4].forEach((c, k) => (p[(at(day, 20) + k) % 168] = c));
  for (let day = 0; day < 5; day++) for (let h = 9; h < 17; h++) p[at(day, h)] = 1;
  for (let h = 12; h < 18; h++) p[at(6, h)] = 1;
  return p;
}

function violentCorner(): ZoneProfile {
  return {
    incidents: 100,
    byOffenceGroup: { violent: 68, property: 20, disorder: 12 },
    hourWeekday: weekendNightProfile(),
    areaKm2: 0.4,
    shareOfIncidents: 0.06,
    shareOfArea: 0.005,
    pai: 12,
  };
}

describe('suggestStrategies', () => {
  it('puts foot patrol first for a small violent zone, with the reason in its own numbers', () => {
    const s = suggestStrategies(violentCorner());
    expect(s[0].catalogueId).toBe('foot-patrol');
    expect(s[0].reason).toBe(
      "68% of this zone's incidents are violent and 54% fall Fri–Sat 20:00–02:00: foot patrol fits small violent hot spots (Philadelphia Foot Patrol Experiment), walked at those hours. Its effect fades once officers are withdrawn.",
    );
    expect(s[0].strength).toBe('mixed');
    const hotSpots = s.find((x) => x.catalogueId === 'hot-spots-policing')!;
    expect(hotSpots.reason).toMatch(
      /^This zone holds 6% of incidents on 0\.50% of the area \(PAI 12\.0\) and 54% fall Fri–Sat 20:00–02:00: hot spots policing fits small places where crime concentrates\. 11–15 minute unpredictable visits/,
    );
    const ids = s.map((x) => x.catalogueId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'problem-oriented-policing',
        'street-lighting-cpted',
        'de-escalation-training',
      ]),
    );
    expect(ids).not.toContain('neighbourhood-watch');
    expect(s.find((x) => x.catalogueId === 'de-escalation-training')!.scope).toBe('agency');
    // Ordered by score.
    for (let i = 1; i < s.length; i++) expect(s[i].score).toBeLessThanOrEqual(s[i - 1].score);
  });

  it('does not suggest foot patrol for a zone too large to walk; offers bike patrol instead', () => {
    const s = suggestStrategies({ ...violentCorner(), areaKm2: 3.2 });
    const ids = s.map((x) => x.catalogueId);
    expect(ids).not.toContain('foot-patrol');
    expect(s.find((x) => x.catalogueId === 'bike-patrol')!.reason).toBe(
      'This zone (3.20 km²) is larger than a walkable beat and 54% of its incidents fall Fri–Sat 20:00–02:00: bike patrol can cover it at those hours, but there is no crime-outcome evidence for it.',
    );
  });

  it('suggests neighbourhood watch and CCTV for residential and car-park property crime', () => {
    const profile: ZoneProfile = {
      incidents: 200,
      byOffenceGroup: { property: 150, violent: 30, other: 20 },
      areaKm2: 2,
      pai: 1.3,
      topCategories: [
        { name: 'BURGLARY', count: 90 },
        { name: 'THEFT', count: 60 },
      ],
      locationTypes: [
        { name: 'RESIDENCE', count: 80 },
        { name: 'APARTMENT', count: 20 },
        { name: 'PARKING LOT/GARAGE(NON.RESID.)', count: 50 },
        { name: 'STREET', count: 50 },
      ],
    };
    const s = suggestStrategies(profile);
    const byId = new Map(s.map((x) => [x.catalogueId, x]));
    expect(byId.has('foot-patrol')).toBe(false);
    expect(byId.has('hot-spots-policing')).toBe(false);
    expect(byId.get('neighbourhood-watch')!.reason).toBe(
      "75% of this zone's incidents are property crime and 50% happen at homes: neighbourhood watch fits residential crime, though the evidence is weak (a possible reduction).",
    );
    expect(byId.get('cctv')!.reason).toMatch(/^25% of this zone's incidents are in car parks/);
    expect(byId.get('problem-oriented-policing')!.reason).toBe(
      "BURGLARY makes up 45% of this zone's 200 incidents: a recurring problem that problem-oriented policing can analyse and target (scanning, analysis, response, assessment).",
    );
    // No times of day: nothing that depends on hours.
    expect(byId.has('street-lighting-cpted')).toBe(false);
  });

  it('suggests nothing for an empty zone, and only catalogue strategies otherwise', () => {
    expect(suggestStrategies({ incidents: 0, byOffenceGroup: {}, areaKm2: 1 })).toEqual([]);
    for (const s of suggestStrategies(violentCorner(), { maxSuggestions: 20 }))
      expect(catalogueEntry(s.catalogueId)).toBeDefined();
    expect(suggestStrategies(violentCorner(), { maxSuggestions: 2 })).toHaveLength(2);
  });
});

describe('classifyPlace', () => {
  it('reads common location-type names', () => {
    expect(classifyPlace('PARKING LOT/GARAGE(NON.RESID.)')).toBe('car-park');
    expect(classifyPlace('RESIDENCE - GARAGE')).toBe('residential');
    expect(classifyPlace('CHA PARKING LOT/GROUNDS')).toBe('public-housing');
    expect(classifyPlace('GAS STATION')).toBe('commercial');
    expect(classifyPlace('CTA BUS STOP')).toBe('transit');
    expect(classifyPlace('BAR OR TAVERN')).toBe('nightlife');
    expect(classifyPlace('PARK PROPERTY')).toBe('park');
    expect(classifyPlace('VEHICLE NON-COMMERCIAL')).toBeNull();
    expect(classifyPlace('Sidewalk')).toBe('street');
    expect(classifyPlace('WAREHOUSE')).toBeNull();
  });
});
