/**
 * The density job: a lone incident's surface (mass 1, the quartic's peak and shape, per year),
 * dual kernel density on a hand case, and the sample city — every planted persistent hotspot
 * (data/sample/truth.json) lies inside the contour of the densest 5% of the area, the picture and
 * the GeoTIFF agree with the raster.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { fromArrayBuffer } from 'geotiff';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { kdeBandwidth } from '../../../src/analysis/kdeBandwidth';
import { createLocalProjection } from '../../../src/analysis/localProjection';
import { cliJobInput } from '../../../src/cli/jobRunner';
import { importFiles } from '../../../src/cli/loadFiles';
import type { JobInput } from '../../../src/data/jobInput';
import { densityJob, type DensityResult } from '../../../src/data/jobs/densityJob';
import { noProgress } from '../../../src/data/jobs/jobTypes';
import { DIVERGING_COLOURS, SEQUENTIAL_COLOURS } from '../../../src/data/rasterImage';
import { handInput } from './assessFixtures';

// geotiff's Node build must not take the test thread for a web worker (see geoTiff.test.ts).
vi.hoisted(() => {
  const scope = globalThis as { Worker?: unknown };
  if (typeof scope.Worker !== 'function')
    scope.Worker = class {
      constructor() {
        throw new Error('No worker threads in these tests.');
      }
    };
});

const SAMPLE = resolve(__dirname, '../../../data/sample');

async function run(input: JobInput, params: Parameters<typeof densityJob>[1]) {
  return (await densityJob(input, params, noProgress)) as DensityResult;
}

/** The raster cell under (x, y) metres. */
function cellAt(r: DensityResult, x: number, y: number): number {
  const c = Math.floor((x - r.grid.minXMetres) / r.grid.cellSizeMetres);
  const row = Math.floor((y - r.grid.minYMetres) / r.grid.cellSizeMetres);
  return row * r.grid.cols + c;
}

/** The RGBA pixel of the picture (north up) over raster cell `cell`. */
function pixel(r: DensityResult, cell: number): number[] {
  const row = Math.floor(cell / r.grid.cols);
  const col = cell % r.grid.cols;
  const at = 4 * ((r.grid.rows - 1 - row) * r.grid.cols + col);
  return Array.from(r.image.subarray(at, at + 4));
}

describe('density job on a lone incident', () => {
  it('spreads one incident over the quartic kernel: mass 1, peak 3/(πr²), the kernel’s shape', async () => {
    const r = await run(handInput([{ x: 0, y: 0 }]), { bandwidthMetres: 150, cellSizeMetres: 10 });
    const cellKm2 = (10 * 10) / 1e6;
    const mass = r.values.reduce((s, v) => s + v, 0) * cellKm2;
    expect(mass).toBeCloseTo(1, 2);
    // K(d) = 3/(π·150²) · (1 − d²/150²)² per m², K(0) = 42.44 per km². The incident sits on a
    // cell corner, so linear binning gives each of the four nearest centres (±5 m) a quarter; a
    // centre's value is then ¼ · (K(0) + 2·K(10) + K(√200)) = 42.065.
    const K = (d2: number) => (3e6 / (Math.PI * 22500)) * Math.max(0, 1 - d2 / 22500) ** 2;
    expect(r.maxDensity).toBeCloseTo(0.25 * (K(0) + 2 * K(100) + K(200)), 6);
    // The cell centred at (105, 5): a quarter from each binned centre (±5, ±5).
    const east = r.values[cellAt(r, 100, 0)];
    const quarters = [
      [100, 0],
      [110, 0],
      [100, 10],
      [110, 10],
    ].reduce((s, [dx, dy]) => s + 0.25 * K(dx * dx + dy * dy), 0);
    expect(east).toBeCloseTo(quarters, 6);
    // …within 1% of the kernel at the centre's own distance from the incident (√(105² + 5²) m).
    expect(Math.abs(east / K(105 * 105 + 25) - 1)).toBeLessThan(0.01);
    // Nothing beyond the search radius.
    expect(r.values[cellAt(r, 110, 110)]).toBe(0);
    expect(r.mode).toBe('single');
    expect(r.unit).toBe('incidents per km²');
    expect(r.contourTable.map((c) => c.percentOfArea)).toEqual([1, 5, 10, 25]);
    expect(r.contourTable[0].incidentShare).toBe(1);
    expect(r.headline).toBe('The densest 5% of the area holds 100% of incidents.');
  });

  it('keeps a Gaussian’s mass on the raster padded by 3σ (all but 0.54%)', async () => {
    const r = await run(handInput([{ x: 0, y: 0 }]), {
      kernel: 'gaussian',
      bandwidthMetres: 50,
      cellSizeMetres: 5,
    });
    const mass = r.values.reduce((s, v) => s + v, 0) * (25 / 1e6);
    // 1 − erf(3/√2)² = 0.0054 of a 2-D Gaussian lies outside the ±3σ square.
    expect(mass).toBeCloseTo(0.9946, 3);
    // Peak: a quarter of the mass at each centre 0, 5, 5 and √50 m away, under 1/(2πσ²) · e^(−d²/2σ²).
    const G = (d2: number) => (1e6 / (2 * Math.PI * 2500)) * Math.exp(-d2 / 5000);
    expect(r.maxDensity).toBeCloseTo(0.25 * (G(0) + 2 * G(25) + G(50)), 6);
  });

  it('divides by the years of the analysed period for per km² per year', async () => {
    const twoYears = [
      { x: 0, y: 0, timeMs: Date.UTC(2023, 0, 1, 10) },
      { x: 0, y: 0, timeMs: Date.UTC(2024, 11, 31, 10) },
    ];
    const total = await run(handInput(twoYears), { bandwidthMetres: 150, cellSizeMetres: 10 });
    const yearly = await run(handInput(twoYears), {
      bandwidthMetres: 150,
      cellSizeMetres: 10,
      perYear: true,
    });
    // 2023-01-01 to 2024-12-31: 731 days = 2.0014 years.
    expect(yearly.years).toBeCloseTo(731 / 365.25, 10);
    expect(yearly.maxDensity).toBeCloseTo(total.maxDensity / (731 / 365.25), 8);
    expect(yearly.unit).toBe('incidents per km² per year');
    expect(total.maxPerKm2PerYear).toBeCloseTo(yearly.maxDensity, 8);
    expect(yearly.legendTitle).toContain('incidents/km²/year');
  });

  it('refuses a lone incident without a bandwidth, saying what to do', async () => {
    await expect(run(handInput([{ x: 0, y: 0 }]), {})).rejects.toThrow(/search radius by hand/);
  });
});

describe('dual kernel density on a hand case', () => {
  // A: 2024 around (−500, 0); B: 2023 around (+500, 0); a few incidents in between in both years.
  const around = (cx: number, year: number, k: number) =>
    Array.from({ length: k }, (_, i) => ({
      x: cx + 20 * Math.cos(i),
      y: 20 * Math.sin(i),
      timeMs: Date.UTC(year, 3, 1 + i),
      category: year === 2024 ? 'ROBBERY' : 'BURGLARY',
    }));
  const incidents = [
    ...around(-500, 2024, 12),
    ...around(500, 2023, 12),
    ...around(0, 2023, 3),
    ...around(0, 2024, 3),
  ];
  const periods = {
    kind: 'periods' as const,
    first: [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)] as [number, number],
    second: [Date.UTC(2023, 0, 1), Date.UTC(2024, 0, 1)] as [number, number],
  };

  it('shows A over B as a ratio above 1 where A happened and below 1 where B did', async () => {
    const r = await run(handInput(incidents), {
      bandwidthMetres: 200,
      cellSizeMetres: 20,
      compare: { ...periods, measure: 'ratio' },
    });
    expect(r.mode).toBe('dual');
    expect(r.dual?.countA).toBe(15);
    expect(r.dual?.countB).toBe(15);
    const atA = cellAt(r, -500, 0);
    const atB = cellAt(r, 500, 0);
    expect(r.values[atA]).toBeGreaterThan(4);
    expect(r.values[atB]).toBeLessThan(0.25);
    // Both periods hold 3 incidents in the middle: about the same there.
    expect(r.values[cellAt(r, 0, 0)]).toBeGreaterThan(0.8);
    expect(r.values[cellAt(r, 0, 0)]).toBeLessThan(1.25);
    // The picture: the darkest red where A dominates, the darkest blue where B does.
    expect(pixel(r, atA)).toEqual(DIVERGING_COLOURS[6]);
    expect(pixel(r, atB)).toEqual(DIVERGING_COLOURS[0]);
    expect(r.summary[0]).toBe(
      'A (2024-01-01 to 2024-12-31): 15 incidents; B (2023-01-01 to 2023-12-31): 15.',
    );
  });

  it('gives the log ratio as ln of the ratio, and the difference, for two categories', async () => {
    const input = handInput(incidents);
    const common = { bandwidthMetres: 200, cellSizeMetres: 20 };
    const cats = { kind: 'categories' as const, first: ['ROBBERY'], second: ['BURGLARY'] };
    const ratio = await run(input, { ...common, compare: { ...cats, measure: 'ratio' } });
    const log = await run(input, { ...common, compare: { ...cats, measure: 'logRatio' } });
    const diff = await run(input, { ...common, compare: { ...cats, measure: 'difference' } });
    const at = cellAt(ratio, -500, 0);
    expect(log.values[at]).toBeCloseTo(Math.log(ratio.values[at]), 4);
    expect(diff.values[at]).toBeGreaterThan(0);
    expect(diff.values[cellAt(ratio, 500, 0)]).toBeLessThan(0);
    expect(diff.unit).toBe('incidents per km²');
  });

  it('says which side is empty', async () => {
    await expect(
      run(handInput(incidents), {
        bandwidthMetres: 200,
        compare: {
          kind: 'periods',
          first: [Date.UTC(2020, 0, 1), Date.UTC(2021, 0, 1)],
          second: periods.second,
          measure: 'ratio',
        },
      }),
    ).rejects.toThrow(/A \(2020-01-01 to 2020-12-31\) has no incidents/);
  });
});

describe('density job on the sample city', () => {
  let input: JobInput;
  let result: DensityResult;
  let planted: { id: string; kind: string; centre: [number, number] }[];

  beforeAll(async () => {
    input = cliJobInput(await importFiles([resolve(SAMPLE, 'incidents.csv')]), 'sample');
    result = await run(input, {});
    planted = JSON.parse(readFileSync(resolve(SAMPLE, 'truth.json'), 'utf8')).hotspots;
  });

  it('uses ArcGIS’s default bandwidth and says so', () => {
    expect(result.bandwidthMetres).toBeCloseTo(kdeBandwidth(input.xy).searchRadiusMetres, 9);
    expect(result.defaultBandwidthMetres).toBe(result.bandwidthMetres);
    expect(result.log.join('\n')).toMatch(/0\.9 · min\(SD, √\(1\/ln 2\) · Dm\) · n\^−0\.2/);
    expect(result.summary.join(' ')).toMatch(/ArcGIS default/);
  });

  it('puts every planted persistent hotspot inside the densest 5% contour', () => {
    const persistent = planted.filter((h) => h.kind === 'persistent');
    expect(persistent.length).toBe(3);
    const five = result.contours.features.find((f) => f.properties?.percent_of_area === 5);
    expect(five).toBeDefined();
    for (const h of persistent) expect(booleanPointInPolygon(h.centre, five!), h.id).toBe(true);
    // The darkest colour (densest 1%) is painted at each of them.
    const projection = createLocalProjection(...input.projectionCentre);
    for (const h of persistent) {
      const [x, y] = projection.forward(h.centre[0], h.centre[1]);
      expect(pixel(result, cellAt(result, x, y)), h.id).toEqual(SEQUENTIAL_COLOURS[4]);
    }
  });

  it('states the densest 5% and its share of incidents, consistent with the table', () => {
    const row = result.contourTable.find((c) => c.percentOfArea === 5)!;
    expect(result.headline).toMatch(/^The densest 5% of the area holds \d+% of incidents\.$/);
    expect(result.headline).toContain(`${Math.round(100 * row.incidentShare)}%`);
    // Hotspots hold 22% of incidents on far less than 5% of the area.
    expect(row.incidentShare).toBeGreaterThan(0.22);
    expect(row.areaShare).toBeCloseTo(0.05, 3);
    const shares = result.contourTable.map((c) => c.incidentShare);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
  });

  it('places the picture within a few metres and writes a GeoTIFF that reads back', async () => {
    expect(result.image.length).toBe(4 * result.grid.cols * result.grid.rows);
    expect(result.stretchErrorMetres).toBeLessThan(5);
    const projection = createLocalProjection(...input.projectionCentre);
    const sw = projection.inverse(result.grid.minXMetres, result.grid.minYMetres);
    expect(result.corners[0][0]).toBeCloseTo(sw[0], 10);
    expect(result.corners[0][1]).toBeCloseTo(sw[1], 10);
    const buffer = result.geotiff.buffer.slice(
      result.geotiff.byteOffset,
      result.geotiff.byteOffset + result.geotiff.byteLength,
    ) as ArrayBuffer;
    const image = await (await fromArrayBuffer(buffer)).getImage();
    expect(image.getWidth()).toBe(result.grid.cols);
    expect(image.getHeight()).toBe(result.grid.rows);
    const [band] = (await image.readRasters({ interleave: false })) as unknown as Float32Array[];
    // The file's first row is the raster's northern row.
    const north = (result.grid.rows - 1) * result.grid.cols;
    const peak = result.values.indexOf(Math.max(...result.values));
    const row = Math.floor(peak / result.grid.cols);
    const col = peak % result.grid.cols;
    expect(band[(result.grid.rows - 1 - row) * result.grid.cols + col]).toBe(result.values[peak]);
    expect(band[0]).toBe(result.values[north]);
  });
});
