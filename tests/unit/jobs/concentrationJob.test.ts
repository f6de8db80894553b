/**
 * The concentration job: addresses, polygons and cells on hand cases whose Gini and shares can be
 * checked in one's head, and the sample city, whose top repeat places are the planted retail
 * corridor (E 8TH ST) and drug market (NOBLE AVE).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';
import type { JobInput } from '../../../src/data/jobInput';
import {
  concentrationJob,
  type ConcentrationResult,
} from '../../../src/data/jobs/concentrationJob';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import { handInput, squareFeature } from './assessFixtures';

const run = async (...args: Parameters<typeof concentrationJob>) =>
  (await concentrationJob(...args)) as ConcentrationResult;

/** 4, 3, 2 and 1 incidents at four addresses 100 m apart, and one with no address. */
function fourAddresses(): JobInput {
  const incidents = [
    ...Array.from({ length: 4 }, () => ({ x: 0, y: 0, address: '001XX A ST' })),
    ...Array.from({ length: 3 }, () => ({ x: 100, y: 0, address: '002XX A ST' })),
    ...Array.from({ length: 2 }, () => ({ x: 200, y: 0, address: '003XX A ST' })),
    { x: 300, y: 0, address: '004XX A ST' },
    { x: 300, y: 50 },
  ];
  return handInput(incidents);
}

describe('concentration job on hand cases', () => {
  it('ranks addresses: Gini 0.25, one place holds a quarter, two hold half', async () => {
    // G = 2·(1·1 + 2·2 + 3·3 + 4·4)/(4·10) − 5/4 = 0.25 over counts 1, 2, 3, 4.
    const r = await run(fourAddresses(), { by: 'address' }, noProgress);
    expect(r.units).toBe(4);
    expect(r.incidents).toBe(10);
    expect(r.uncounted).toBe(1);
    expect(r.gini).toBeCloseTo(0.25, 12);
    expect(r.generalisedGini).toBeCloseTo(0.25, 12);
    expect([r.unitsFor25, r.unitsFor50]).toEqual([1, 2]);
    expect(r.shareOfUnitsFor50).toBe(0.5);
    expect(r.top.map((t) => [t.label, t.count, t.share, t.cumulativeShare])).toEqual([
      ['001XX A ST', 4, 0.4, 0.4],
      ['002XX A ST', 3, 0.3, 0.7],
      ['003XX A ST', 2, 0.2, 0.9],
      ['004XX A ST', 1, 0.1, 1],
    ]);
    // Each place can be zoomed to: the first is at the projection's centre.
    expect(r.top[0].lon).toBeCloseTo(-88.9, 8);
    expect(r.top[0].lat).toBeCloseTo(40.1, 8);
    expect(r.top[0].ring).toBeNull();
    expect(r.summary[0]).toBe(
      '50% of blocks or addresses (2 of 4) hold half of the 10 incidents, and 25% (1) hold a quarter.',
    );
    expect(r.summary.join(' ')).toMatch(
      /Only the 4 blocks or addresses with at least one incident/,
    );
    expect(Array.from(r.lorenz.unitShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(r.lorenz.incidentShare).map((v) => +v.toFixed(12))).toEqual([
      0, 0.4, 0.7, 0.9, 1,
    ]);
  });

  it('counts polygons, names them by the id field, and uses the generalised Gini when sparse', async () => {
    // Four 100 m squares; 2 incidents in "B", 1 in "D": n = 3 < N = 4.
    // Counts ascending 0, 0, 1, 2: G = 2·(3·1 + 4·2)/(4·3) − 5/4 = 0.5833;
    // G′ = (4/3)·(G − 1) + 1 = 0.4444.
    const geojson: FeatureCollection = {
      type: 'FeatureCollection',
      features: ['A', 'B', 'C', 'D'].map((id, k) => squareFeature(100 * k, 0, 100, { id })),
    };
    const input = handInput([
      { x: 150, y: 50 },
      { x: 160, y: 40 },
      { x: 350, y: 50 },
    ]);
    const r = await run(
      input,
      { by: 'polygon', areas: { geojson, idField: 'id', name: 'Squares' } },
      noProgress,
    );
    expect(r.unitNoun).toBe('squares');
    expect(r.top.map((t) => t.label)).toEqual(['B', 'D', 'A', 'C']);
    expect(r.gini).toBeCloseTo(7 / 12, 12);
    expect(r.generalisedGini).toBeCloseTo(4 / 9, 12);
    expect(r.summary.join(' ')).toMatch(/generalised Gini, 0\.44/);
    // B's outline and box, in lon/lat, for "zoom to".
    expect(r.top[0].ring).toHaveLength(5);
    expect(r.top[0].bounds[0]).toBeLessThan(r.top[0].lon);
    expect(r.top[0].bounds[2]).toBeGreaterThan(r.top[0].lon);
  });

  it('grids the study area into cells, empty cells included', async () => {
    // A 400 m square study area of 100 m cells: 16 cells, all 5 incidents in one of them.
    const geojson: FeatureCollection = {
      type: 'FeatureCollection',
      features: [squareFeature(0, 0, 400, {})],
    };
    const input = handInput(
      Array.from({ length: 5 }, (_, i) => ({ x: 150 + i, y: 250, address: 'X ST' })),
    );
    const r = await run(
      input,
      { by: 'cell', cellSizeMetres: 100, areas: { geojson, name: 'Town' } },
      noProgress,
    );
    expect(r.units).toBe(16);
    expect(r.unitsWithIncidents).toBe(1);
    expect(r.gini).toBeCloseTo(15 / 16, 12);
    expect(r.top[0].label).toMatch(/^Cell \d+ \(mostly X ST\)$/);
    expect(r.top[0].ring).toHaveLength(5);
    expect(r.cellSizeMetres).toBe(100);
  });

  it('says what to do when there are no addresses', async () => {
    await expect(run(handInput([{ x: 0, y: 0 }]), { by: 'address' }, noProgress)).rejects.toThrow(
      /choose cells or polygons/,
    );
  });
});

describe('concentration job on the sample city', () => {
  let input: JobInput;
  beforeAll(async () => {
    input = cliJobInput(
      await importFiles([resolve(__dirname, '../../../data/sample/incidents.csv')]),
      'sample',
    );
  });

  it('ranks the planted retail corridor and drug market as the top repeat places', async () => {
    const r = await run(input, { by: 'address' }, noProgress);
    // The retail corridor is 004XX–008XX E 8TH ST (truth.json); the drug market NOBLE AVE.
    expect(r.top.slice(0, 5).every((t) => /^00[4-8]XX E 8TH ST$/.test(t.label))).toBe(true);
    expect(r.top.some((t) => /NOBLE AVE/.test(t.label))).toBe(true);
    expect(r.shareOfUnitsFor50).toBeLessThan(0.3);
    expect(r.top[19].cumulativeShare).toBeCloseTo(
      r.top.reduce((s, t) => s + t.share, 0),
      12,
    );
  });

  it('on 150 m cells: fewer than 5% of cells hold a quarter; the Lorenz curve is concave', async () => {
    const r = await run(input, { by: 'cell' }, noProgress);
    expect(r.cellSizeMetres).toBe(150);
    expect(r.shareOfUnitsFor25).toBeLessThan(0.05);
    expect(r.gini).toBeGreaterThan(0.4);
    const { unitShare, incidentShare } = r.lorenz;
    for (let k = 2; k < unitShare.length; k++) {
      const s1 =
        (incidentShare[k - 1] - incidentShare[k - 2]) / (unitShare[k - 1] - unitShare[k - 2]);
      const s2 = (incidentShare[k] - incidentShare[k - 1]) / (unitShare[k] - unitShare[k - 1]);
      expect(s2).toBeLessThanOrEqual(s1 + 1e-9);
    }
    // By the beats: 56 polygons, labelled by their beat number.
    const beats = JSON.parse(
      readFileSync(resolve(__dirname, '../../../data/sample/beats.geojson'), 'utf8'),
    ) as FeatureCollection;
    const b = await run(
      input,
      { by: 'polygon', areas: { geojson: beats, idField: 'beat', name: 'Beats' } },
      noProgress,
    );
    expect(b.units).toBe(56);
    expect(b.top[0].label).toMatch(/^\d{4}$/);
  });
});
