/**
 * `cop-planner concentration` and `cop-planner nni` by spawning the bin: a hand-made CSV whose Gini
 * and shares can be checked in one's head (four blocks with 4, 3, 2, 1 incidents), the corners of
 * a 100 m square for Clark–Evans, and the sample city.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalProjection } from '../../../src/analysis/localProjection';

const BIN = resolve(__dirname, '../../../bin/cop-planner.mjs');
const SAMPLE = resolve(__dirname, '../../../data/sample');
const dir = mkdtempSync(join(tmpdir(), 'cop-concentration-'));
const COLUMNS = 'lat=lat,lon=lon,date=date,category=type,address=block';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Rows at (x, y) metres around 40.1° N, 88.9° W. */
function writeCsv(name: string, rows: { x: number; y: number; block: string }[]): string {
  const p = createLocalProjection(-88.9, 40.1);
  const lines = rows.map((r, i) => {
    const [lon, lat] = p.inverse(r.x, r.y);
    return `${lat.toFixed(9)},${lon.toFixed(9)},2024-06-${String(1 + (i % 28)).padStart(2, '0')} 10:00,THEFT,${r.block}`;
  });
  const path = join(dir, name);
  writeFileSync(path, `lat,lon,date,type,block\n${lines.join('\n')}\n`);
  return path;
}

describe('cop-planner concentration', () => {
  it('gives Gini 0.25 and 1 and 2 places for 25% and 50% on four blocks of 4, 3, 2, 1', () => {
    // G = 2·(1·1 + 2·2 + 3·3 + 4·4)/(4·10) − 5/4 = 0.25; lorenzgini's unbiased factor m/(m − 1) = 4/3.
    const csv = writeCsv('blocks.csv', [
      ...Array.from({ length: 4 }, () => ({ x: 0, y: 0, block: '001XX A ST' })),
      ...Array.from({ length: 3 }, () => ({ x: 100, y: 0, block: '002XX A ST' })),
      ...Array.from({ length: 2 }, () => ({ x: 200, y: 0, block: '003XX A ST' })),
      { x: 300, y: 0, block: '004XX A ST' },
    ]);
    const r = cli('concentration', csv, '--by', 'block', '--columns', COLUMNS, '--json');
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as {
      units: number;
      gini: number;
      generalisedGini: number;
      generalisedGiniUnbiased: number;
      unitsFor25: number;
      unitsFor50: number;
      shareOfUnitsFor50: number;
      lorenz: [number, number][];
      top: { rank: number; label: string; count: number; share: number; cumulativeShare: number }[];
    };
    expect(s.units).toBe(4);
    expect(s.gini).toBeCloseTo(0.25, 12);
    expect(s.generalisedGiniUnbiased).toBeCloseTo(1 / 3, 12);
    expect([s.unitsFor25, s.unitsFor50, s.shareOfUnitsFor50]).toEqual([1, 2, 0.5]);
    expect(s.lorenz.map(([x, y]) => [x, +y.toFixed(12)])).toEqual([
      [0, 0],
      [0.25, 0.4],
      [0.5, 0.7],
      [0.75, 0.9],
      [1, 1],
    ]);
    expect(s.top.map((t) => [t.label, t.count, t.cumulativeShare])).toEqual([
      ['001XX A ST', 4, 0.4],
      ['002XX A ST', 3, 0.7],
      ['003XX A ST', 2, 0.9],
      ['004XX A ST', 1, 1],
    ]);
    const text = cli('concentration', csv, '--by', 'address', '--columns', COLUMNS, '--quiet');
    expect(text.stdout).toMatch(/^ +1 +4 +40\.0% +40\.0% +001XX A ST$/m);
  });

  it('ranks the sample’s beats and 150 m cells, and needs polygons for --by polygon', () => {
    const csv = join(SAMPLE, 'incidents.csv');
    const beats = cli(
      'concentration',
      csv,
      '--by',
      'polygon',
      '--polygons',
      join(SAMPLE, 'beats.geojson'),
      '--id-field',
      'beat',
      '--top',
      '3',
      '--json',
    );
    expect(beats.status, beats.stderr).toBe(0);
    const b = JSON.parse(beats.stdout) as { units: number; top: { label: string }[] };
    expect(b.units).toBe(56);
    expect(b.top).toHaveLength(3);
    expect(b.top[0].label).toMatch(/^\d{4}$/);
    const cells = cli('concentration', csv, '--json', '--quiet');
    const c = JSON.parse(cells.stdout) as { cellSizeMetres: number; shareOfUnitsFor25: number };
    expect(c.cellSizeMetres).toBe(150);
    expect(c.shareOfUnitsFor25).toBeLessThan(0.05);
    const bad = cli('concentration', csv, '--by', 'polygon');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--by polygon needs --polygons/);
  });
});

describe('cop-planner nni', () => {
  it('gives R = 4 for the corners of a 100 m square over its bounding rectangle', () => {
    // D̄o = 100, A = 10,000 m², D̄e = 0.5·√(10,000/4) = 25, R = 4;
    // SE = 0.26136/√(16/10,000) = 6.534, z = 75/6.534 = 11.48.
    const csv = writeCsv('square.csv', [
      { x: -50, y: -50, block: 'A' },
      { x: 50, y: -50, block: 'B' },
      { x: 50, y: 50, block: 'C' },
      { x: -50, y: 50, block: 'D' },
    ]);
    const r = cli('nni', csv, '--columns', COLUMNS, '--json');
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as {
      ratio: number;
      observedMeanDistanceMetres: number;
      expectedMeanDistanceMetres: number;
      zScore: number;
      studyArea: { areaSquareMetres: number; source: string };
      warning: string | null;
      explanation: string[];
      ellipses: { name: string }[];
    };
    expect(s.observedMeanDistanceMetres).toBeCloseTo(100, 3);
    expect(s.expectedMeanDistanceMetres).toBeCloseTo(25, 3);
    expect(s.ratio).toBeCloseTo(4, 3);
    expect(s.zScore).toBeCloseTo(11.48, 1);
    expect(s.studyArea.source).toBe('bounding rectangle');
    expect(s.warning).toBeNull();
    expect(s.explanation[1]).toMatch(/dispersed/);
  });

  it('warns about shared coordinates and names the study area on the sample', () => {
    const snapped = writeCsv(
      'snapped.csv',
      Array.from({ length: 60 }, (_, i) => ({ x: 200 * (i % 5), y: 200 * (i % 3), block: 'X' })),
    );
    const w = cli('nni', snapped, '--columns', COLUMNS, '--json');
    expect(JSON.parse(w.stdout).warning).toMatch(/share exact coordinates/);
    const r = cli('nni', join(SAMPLE, 'incidents.csv'), '--area', 'hull');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/convex hull/);
    expect(r.stdout).toMatch(/nearest neighbour index, is 0\.\d\d/);
    expect(r.stdout).toMatch(/^THEFT +\d/m);
    expect(r.stdout).toMatch(/√2/);
  });
});
