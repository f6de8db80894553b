/**
 * The CompStat job: the analysis module's own hand case (5 burglaries against 1, +400 %,
 * poisson.test p = 0.21875), "new" when the earlier count is 0, groups, an area given as GeoJSON,
 * month-only data (police.uk), and the sample city's rising MOTOR VEHICLE THEFT year on year.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { floatingMs } from '../../../src/analysis/calendar';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';
import type { JobInput } from '../../../src/data/jobInput';
import {
  compstatJob,
  formatChange,
  type CompstatJobResult,
  type CompstatParams,
} from '../../../src/data/jobs/compstatJob';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import { handInput, type HandIncident } from './timeJobInput';

const SAMPLE = resolve(__dirname, '../../../data/sample');
const POLICE_UK = resolve(__dirname, '../../../../shared/data/policeuk_city_of_london_2017');

function run(incidents: HandIncident[] | JobInput, params: CompstatParams = {}) {
  const input = Array.isArray(incidents) ? handInput(incidents) : incidents;
  return compstatJob(input, params, noProgress) as CompstatJobResult;
}

/**
 * Complete through Monday 8 January 2024 (the last record is at 23:30 on the 7th); 5 burglaries
 * from 1 to 7 January, 1 on 27 December; a theft on 1 December 2022 so that the year-earlier week
 * (2 to 8 January 2023) is covered. Burglaries at (0, 0) m, thefts 1 km away.
 */
function handCase(): HandIncident[] {
  return [
    { t: floatingMs(2022, 12, 1, 12), category: 'THEFT', x: 1000, y: 1000 },
    { t: floatingMs(2023, 12, 27, 12), category: 'BURGLARY' },
    ...[1, 2, 3, 5, 6].map((d) => ({ t: floatingMs(2024, 1, d, 12), category: 'BURGLARY' })),
    { t: floatingMs(2024, 1, 7, 23, 30), category: 'THEFT', x: 1000, y: 1000 },
  ];
}

describe('CompStat job on hand cases', () => {
  it('gives +400 % and p = 0.21875 for 5 burglaries against 1 in the week before', () => {
    const r = run(handCase());
    expect(r.completeThrough).toBe('2024-01-07');
    const week = r.windows.find((w) => w.label === '7 days');
    expect(week?.declined).toBeUndefined();
    const burglary = week?.rows.find((row) => row.label === 'BURGLARY');
    expect(burglary?.current).toBe(5);
    expect(burglary?.previous.count).toBe(1);
    expect(burglary?.previous.changePercent).toBe(400);
    // R: poisson.test(c(5, 1), c(7, 7))$p.value = 0.21875 (binom.test(5, 6, 1/2): 14/64)
    expect(burglary?.previous.p).toBeCloseTo(0.21875, 12);
    // A year earlier (364 days back: 2–8 January 2023) there were none: "new";
    // poisson.test(c(5, 0))$p.value = 2 · 0.5⁵ = 0.0625.
    expect(burglary?.yearEarlier.count).toBe(0);
    expect(burglary?.yearEarlier.isNew).toBe(true);
    expect(formatChange(burglary!.yearEarlier)).toBe('new');
    expect(burglary?.yearEarlier.p).toBeCloseTo(0.0625, 12);
    expect(week?.total.current).toBe(6);
    // Groups: burglary and theft are both property offences.
    const property = week?.rows.find((row) => row.label === 'property offences');
    expect(property?.current).toBe(6);
    expect(property?.kind).toBe('group');
    expect(r.log.join('\n')).toMatch(/poisson\.test/);
  });

  it('counts only the incidents inside an area given as GeoJSON', () => {
    // ±0.001° around (0°, 0°) is about ±111 m on the local projection: the burglaries only.
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [-0.001, -0.001],
          [0.001, -0.001],
          [0.001, 0.001],
          [-0.001, 0.001],
          [-0.001, -0.001],
        ],
      ],
    };
    const r = run(handCase(), { area: { name: 'Zone A', geojson: square } });
    expect(r.areaName).toBe('Zone A');
    expect(r.areaIncidents).toBe(6);
    const week = r.windows.find((w) => w.label === '7 days');
    expect(week?.total.current).toBe(5);
    expect(week?.rows.some((row) => row.label === 'THEFT')).toBe(false);
    expect(r.summary[0]).toMatch(/^Zone A, last 28 days/);
  });

  it('refuses an area without a polygon, saying what to do', () => {
    expect(() =>
      run(handCase(), {
        area: { name: 'a point', geojson: { type: 'Point', coordinates: [0, 0] } },
      }),
    ).toThrow(/has no polygon: draw a zone/);
  });

  it('follows the filter: unselected incidents are not counted, coverage still is', () => {
    const incidents = handCase().map((i) => ({ ...i, selected: i.category === 'BURGLARY' }));
    const r = run(incidents);
    expect(r.completeThrough).toBe('2024-01-07'); // from the unselected theft
    const week = r.windows.find((w) => w.label === '7 days');
    expect(week?.total.current).toBe(5);
  });
});

describe.skipIf(!existsSync(POLICE_UK))(
  'CompStat job on police.uk month-only data (needs ../shared/data)',
  () => {
    let input: JobInput;
    beforeAll(async () => {
      const files = readdirSync(POLICE_UK)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => resolve(POLICE_UK, f));
      input = cliJobInput(await importFiles(files), 'City of London 2017');
    });

    it('declines 7 days, compares months, and says the month before is a gap in the extract', () => {
      const r = run(input);
      expect(r.windows[0].declined).toMatch(/months only/);
      const month = r.windows[1];
      expect(month.label).toBe('1 month');
      expect(month.total.current).toBeGreaterThan(0);
      expect(month.previous.available).toBe(false);
      expect(month.previous.reason).toMatch(/no records at all in 2017-11/);
      expect(Number.isNaN(month.total.previous.count)).toBe(true);
    });
  },
);

describe('CompStat job on the sample city', () => {
  it('shows MOTOR VEHICLE THEFT up on a year earlier, larger than chance, over 365 days', async () => {
    const input = cliJobInput(await importFiles([resolve(SAMPLE, 'incidents.csv')]), 'sample');
    const r = run(input);
    expect(r.windows.map((w) => w.label)).toEqual(['7 days', '28 days', '365 days']);
    const year = r.windows[2];
    const mvt = year.rows.find((row) => row.label === 'MOTOR VEHICLE THEFT');
    expect(mvt?.yearEarlier.significant).toBe(true);
    // Planted growth 40 % a year (truth.json: 1,937 in 2024 → 2,707 in 2025).
    expect(mvt?.yearEarlier.changePercent).toBeGreaterThan(25);
    expect(mvt?.yearEarlier.changePercent).toBeLessThan(55);
    // Sorted: every significant row before every other.
    const significant = year.rows.map(
      (row) => row.previous.significant || row.yearEarlier.significant,
    );
    expect(significant.indexOf(false)).toBeGreaterThan(0);
    expect(significant.slice(significant.indexOf(false))).not.toContain(true);
  });
});
