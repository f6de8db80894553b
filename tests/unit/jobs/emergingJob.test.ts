/**
 * The emerging hot spot job end to end on the shipped sample city (data/sample/truth.json): with
 * monthly steps and 300 m cells (the neighbourhood distance chosen from the data, 451 m here: about
 * eight neighbours a cell), the planted emerging hot spot (robbery/theft from April 2025, the final
 * 9 of 36 months) comes out New, Consecutive or Intensifying, and the planted fading one (rate
 * falling linearly to half) Diminishing — at Esri's defaults (cube window, FDR, 90%). At 250–400 m
 * cells and bands of 1–2 cells the same holds; much larger bands (over ~1 km) blur the planted
 * spots into their surroundings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emergingPatternName } from '../../../src/analysis/emergingHotSpots';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';
import type { JobInput } from '../../../src/data/jobInput';
import { emergingJob, type EmergingResult } from '../../../src/data/jobs/emergingJob';
import { noProgress } from '../../../src/data/jobs/jobTypes';

const SAMPLE = resolve(__dirname, '../../../data/sample');
const POLICE_UK = resolve(__dirname, '../../../../shared/data/policeuk_city_of_london_2017');

interface Planted {
  id: string;
  kind: string;
  centre: [number, number];
  radiusMetres: number;
}

/** Analysed cells whose centre lies within `metres` of a lon/lat (equirectangular, fine at 40° N). */
function cellsNear(r: EmergingResult, lon: number, lat: number, metres: number): number[] {
  const out: number[] = [];
  const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
  for (let i = 0; i < r.cellCount; i++) {
    const dx = (r.geometry.centres[2 * i] - lon) * kx;
    const dy = (r.geometry.centres[2 * i + 1] - lat) * 110_950;
    if (Math.hypot(dx, dy) <= metres) out.push(i);
  }
  return out;
}

describe('emerging hot spot job on the sample city', () => {
  let input: JobInput;
  let planted: Planted[];
  let result: EmergingResult;

  beforeAll(async () => {
    input = cliJobInput(await importFiles([resolve(SAMPLE, 'incidents.csv')]), 'sample');
    planted = (
      JSON.parse(readFileSync(resolve(SAMPLE, 'truth.json'), 'utf8')) as { hotspots: Planted[] }
    ).hotspots;
    result = (await emergingJob(
      input,
      { cellSizeMetres: 300, step: { unit: 'month' } },
      noProgress,
    )) as EmergingResult;
  });

  it('uses 36 monthly steps ending with December 2025 and a band from the data', () => {
    expect(result.stepCount).toBe(36);
    expect(result.stepLabel).toBe('month');
    // About eight neighbours: the 8th nearest cell of a full lattice is √2 cells away.
    expect(result.bandMetres).toBeGreaterThanOrEqual(Math.ceil(300 * Math.SQRT2));
    expect(result.bandMetres).toBeLessThan(600);
    expect(result.z.length).toBe(result.cellCount * 36);
    // Every analysed cell holds an incident, and the cube counts add up to the totals.
    for (let a = 0; a < result.cellCount; a++) {
      expect(result.totals[a]).toBeGreaterThan(0);
      let sum = 0;
      for (let t = 0; t < 36; t++) sum += result.counts[a * 36 + t];
      expect(sum).toBe(result.totals[a]);
    }
    expect(result.patternCounts.reduce((s, p) => s + p.cells, 0)).toBe(result.cellCount);
  });

  it('finds the planted emerging hot spot New, Consecutive or Intensifying', () => {
    const h = planted.find((p) => p.kind === 'emerging') as Planted;
    const cells = cellsNear(result, h.centre[0], h.centre[1], 200);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells)
      expect(['New Hot Spot', 'Consecutive Hot Spot', 'Intensifying Hot Spot']).toContain(
        emergingPatternName(result.pattern[c]),
      );
    // Its counts are zero before April 2025 (step 27) in the planted part; the trend is upward.
    expect(result.trendTau[cells[0]]).toBeGreaterThan(0.3);
  });

  it('finds the planted diminishing hot spot Diminishing', () => {
    const h = planted.find((p) => p.kind === 'diminishing') as Planted;
    const cells = cellsNear(result, h.centre[0], h.centre[1], 200);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      expect(emergingPatternName(result.pattern[c])).toBe('Diminishing Hot Spot');
      expect(result.trendTau[c]).toBeLessThan(0);
      expect(result.trendP[c]).toBeLessThanOrEqual(0.1);
    }
  });

  it('keeps the persistent planted hot spots hot, and says so in words and in the log', () => {
    for (const h of planted.filter((p) => p.kind === 'persistent')) {
      const cells = cellsNear(result, h.centre[0], h.centre[1], 200);
      expect(
        cells.some((c) => result.pattern[c] > 0 && result.pattern[c] !== 8),
        h.id,
      ).toBe(true);
    }
    const text = result.summary.join('\n');
    expect(text).toMatch(
      /Consecutive Hot Spots? \(hot for the latest months in a row, never before\)/,
    );
    expect(text).toMatch(/Diminishing Hot Spots? \(hot almost throughout, but cooling\)/);
    const log = result.log.join('\n');
    expect(log).toMatch(/90% confidence/);
    expect(log).toMatch(/p ≤ 0\.10/);
    expect(log).toMatch(/False Discovery Rate/);
    expect(log).toMatch(/Neighbourhood distance \d+ m, chosen from the data/);
  });

  it('chooses the cell size from the data when none is given, and refuses too few steps', async () => {
    const auto = (await emergingJob(input, {}, noProgress)) as EmergingResult;
    expect(auto.stepLabel).toBe('month');
    expect(auto.cellSizeMetres).toBe(250);
    expect(auto.log.join('\n')).toMatch(/Cells: squares of 250 m, chosen from the data/);
    await expect(
      Promise.resolve().then(() =>
        emergingJob(input, { cellSizeMetres: 300, step: { unit: 'month', count: 6 } }, noProgress),
      ),
    ).rejects.toThrow(/Only 6 time steps .* needs about ten/);
  });

  it('gives the per-slice window (as R sfdep) too', async () => {
    const slice = (await emergingJob(
      input,
      { cellSizeMetres: 300, step: { unit: 'month' }, window: 'slice' },
      noProgress,
    )) as EmergingResult;
    expect(slice.log.join('\n')).toMatch(/each time step separately/);
    const h = planted.find((p) => p.kind === 'emerging') as Planted;
    for (const c of cellsNear(slice, h.centre[0], h.centre[1], 200))
      expect([1, 2, 3]).toContain(slice.pattern[c]);
  });
});

describe.skipIf(!existsSync(POLICE_UK))(
  'emerging hot spots on month-only dates (needs ../shared/data)',
  () => {
    it('declines weekly steps when dates are recorded to the month', async () => {
      const files = ['02', '03', '04', '05', '06'].map((m) =>
        resolve(POLICE_UK, `2017-${m}-city-of-london-street.csv`),
      );
      const input = cliJobInput(await importFiles(files), 'police.uk');
      expect(input.timePrecision).toBe('month');
      await expect(
        Promise.resolve().then(() =>
          emergingJob(input, { cellSizeMetres: 200, step: { unit: 'week' } }, noProgress),
        ),
      ).rejects.toThrow(/recorded to the month only/);
    });
  },
);
