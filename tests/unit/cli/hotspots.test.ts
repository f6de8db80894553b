/**
 * `cop-planner hotspots` by spawning the bin on the sample city: kernel density (--json summary,
 * a GeoTIFF that geotiff reads back, contours holding the planted hotspots), and the JSON shapes of
 * Gi*, LISA and counts that issue "Assess 1/2" gives.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { fromArrayBuffer } from 'geotiff';
import { describe, expect, it, vi } from 'vitest';

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

const BIN = resolve(__dirname, '../../../bin/cop-planner.mjs');
const SAMPLE = resolve(__dirname, '../../../data/sample');
const CSV = join(SAMPLE, 'incidents.csv');
const dir = mkdtempSync(join(tmpdir(), 'cop-hotspots-'));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Planted {
  id: string;
  kind: string;
  centre: [number, number];
}
const planted = (
  JSON.parse(readFileSync(join(SAMPLE, 'truth.json'), 'utf8')) as { hotspots: Planted[] }
).hotspots.filter((h) => h.kind === 'persistent');

describe('cop-planner hotspots --method kde', () => {
  it('prints the summary, writes a readable GeoTIFF and the contours', async () => {
    const tif = join(dir, 'density.tif');
    const contours = join(dir, 'contours.geojson');
    const r = cli(
      'hotspots',
      CSV,
      '--method',
      'kde',
      '--out',
      tif,
      '--contours',
      contours,
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as {
      method: string;
      kernel: string;
      bandwidthMetres: number;
      defaultBandwidthMetres: number;
      cellSizeMetres: number;
      grid: { cols: number; rows: number };
      maxDensity: number;
      unit: string;
      densest: { percentOfArea: number; incidentShare: number }[];
      headline: string;
      log: string[];
    };
    expect(s.method).toBe('kde');
    expect(s.kernel).toBe('quartic');
    expect(s.bandwidthMetres).toBe(s.defaultBandwidthMetres);
    expect(s.bandwidthMetres).toBeGreaterThan(100);
    expect(s.cellSizeMetres).toBeGreaterThan(10);
    expect(s.grid.cols * s.grid.rows).toBeGreaterThan(10_000);
    expect(s.unit).toBe('incidents per km²');
    expect(s.densest.map((d) => d.percentOfArea)).toEqual([1, 5, 10, 25]);
    const shares = s.densest.map((d) => d.incidentShare);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares[1]).toBeGreaterThan(0.22); // the planted hotspots' 22% fit in 5% of the area
    expect(s.headline).toMatch(/^The densest 5% of the area holds \d+% of incidents\.$/);
    expect(s.log.join('\n')).toMatch(/transverse Mercator/);

    const buffer = readFileSync(tif);
    const image = await (
      await fromArrayBuffer(
        buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength),
      )
    ).getImage();
    expect(image.getWidth()).toBe(s.grid.cols);
    expect(image.getHeight()).toBe(s.grid.rows);
    expect(image.getResolution()[0]).toBeCloseTo(s.cellSizeMetres, 6);
    const [band] = (await image.readRasters({ interleave: false })) as unknown as Float32Array[];
    let max = 0;
    for (const v of band) if (v > max) max = v;
    expect(max).toBeCloseTo(s.maxDensity, 0);

    const fc = JSON.parse(readFileSync(contours, 'utf8')) as FeatureCollection<MultiPolygon> & {
      methods_log: string[];
    };
    expect(fc.features.map((f) => f.properties?.percent_of_area)).toEqual([1, 5, 10, 25]);
    expect(fc.methods_log.length).toBeGreaterThan(4);
    for (const h of planted)
      expect(booleanPointInPolygon(h.centre, fc.features[1]), h.id).toBe(true);
  });

  it('takes a Gaussian kernel, a bandwidth and a cell size, and reads them back', () => {
    const r = cli(
      'hotspots',
      CSV,
      '--method',
      'kde',
      '--kernel',
      'gaussian',
      '--bandwidth',
      '150',
      '--cell-size',
      '50',
      '--per-year',
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(s.kernel).toBe('gaussian');
    expect(s.bandwidthMetres).toBe(150);
    expect(s.cellSizeMetres).toBe(50);
    expect(s.unit).toBe('incidents per km² per year');
  });
});

describe('cop-planner hotspots (grid methods)', () => {
  it('prints Gi* cells as { lon, lat, count, z, p, bin } and finds the planted hotspots', () => {
    const out = join(dir, 'gistar.geojson');
    const r = cli(
      'hotspots',
      CSV,
      '--method',
      'gistar',
      '--cell-size',
      '200',
      '--json',
      '--out',
      out,
    );
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as {
      method: string;
      cellSizeMetres: number;
      bandMetres: number;
      cells: { lon: number; lat: number; count: number; z: number; p: number; bin: number }[];
      log: string[];
    };
    expect(Object.keys(s)).toEqual(['method', 'cellSizeMetres', 'bandMetres', 'cells', 'log']);
    expect(s.method).toBe('gistar');
    expect(s.cellSizeMetres).toBe(200);
    expect(s.bandMetres).toBe(400);
    expect(Object.keys(s.cells[0])).toEqual(['lon', 'lat', 'count', 'z', 'p', 'bin']);
    for (const h of planted) {
      let best = s.cells[0];
      for (const c of s.cells)
        if (
          Math.hypot(c.lon - h.centre[0], 1.3 * (c.lat - h.centre[1])) <
          Math.hypot(best.lon - h.centre[0], 1.3 * (best.lat - h.centre[1]))
        )
          best = c;
      expect(best.bin, h.id).toBeGreaterThanOrEqual(2);
    }
    const fc = JSON.parse(readFileSync(out, 'utf8')) as FeatureCollection & {
      methods_log: string[];
    };
    expect(fc.features).toHaveLength(s.cells.length);
    expect(fc.features[0].properties).toHaveProperty('gi_z');
    expect(fc.methods_log).toEqual(s.log);
  });

  it('prints LISA cells with I, z, pSim and quadrant, and counts with z and p null', () => {
    const lisa = cli(
      'hotspots',
      CSV,
      '--method',
      'lisa',
      '--cell-size',
      '300',
      '--permutations',
      '99',
      '--seed',
      '3',
      '--json',
    );
    expect(lisa.status, lisa.stderr).toBe(0);
    const l = JSON.parse(lisa.stdout) as { cells: Record<string, unknown>[] };
    expect(Object.keys(l.cells[0])).toEqual(['lon', 'lat', 'count', 'I', 'z', 'pSim', 'quadrant']);
    expect(l.cells.some((c) => c.quadrant === 'HH')).toBe(true);
    const count = cli(
      'hotspots',
      CSV,
      '--method',
      'count',
      '--cell-size',
      '500',
      '--shape',
      'hex',
      '--json',
    );
    expect(count.status, count.stderr).toBe(0);
    const c = JSON.parse(count.stdout) as { cells: { count: number; z: null; bin: number }[] };
    expect(c.cells.reduce((s, x) => s + x.count, 0)).toBeGreaterThan(55_000);
    expect(c.cells[0].z).toBeNull();
  });

  it('refuses an unknown method or shape with one line and exit 2', () => {
    const a = cli('hotspots', CSV, '--method', 'heat');
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/--method must be one of gistar, gi, lisa, count, kde/);
    const b = cli('hotspots', CSV, '--shape', 'triangle');
    expect(b.status).toBe(2);
    const c = cli('hotspots', join(dir, 'missing.csv'), '--method', 'kde');
    expect(c.status).toBe(2);
    expect(c.stderr.trim().split('\n')).toHaveLength(1);
  });
});
