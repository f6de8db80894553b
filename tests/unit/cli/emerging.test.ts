/**
 * `cop-planner emerging` on the shipped sample city: one object per cell with incidents, Esri's
 * pattern names, the planted emerging hot spot (data/sample/truth.json, the final 9 months) New,
 * Consecutive or Intensifying and the planted fading one Diminishing at 300 m cells and monthly
 * steps; and the option errors a person can act on.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTimeStep } from '../../../src/cli/commands/emerging';

const BIN = resolve(__dirname, '../../../bin/cop-planner.mjs');
const SAMPLE = resolve(__dirname, '../../../data/sample');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Cell {
  id: number;
  lon: number;
  lat: number;
  pattern: string;
  tau: number;
  p: number;
}

function nearest(cells: Cell[], [lon, lat]: [number, number]): Cell {
  let best = cells[0];
  let bestD = Infinity;
  for (const c of cells) {
    const d = ((c.lon - lon) * 0.766) ** 2 + (c.lat - lat) ** 2;
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

describe('cop-planner emerging', () => {
  it('prints every cell with incidents and finds the planted emerging and fading hot spots', () => {
    const r = cli(
      'emerging',
      resolve(SAMPLE, 'incidents.csv'),
      '--cell-size',
      '300',
      '--step',
      'month',
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const cells = JSON.parse(r.stdout) as Cell[];
    expect(cells.length).toBeGreaterThan(900);
    expect(Object.keys(cells[0]).sort()).toEqual(['id', 'lat', 'lon', 'p', 'pattern', 'tau']);
    expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
    const truth = JSON.parse(readFileSync(resolve(SAMPLE, 'truth.json'), 'utf8')) as {
      hotspots: { kind: string; centre: [number, number] }[];
    };
    const emerging = nearest(cells, truth.hotspots.find((h) => h.kind === 'emerging')!.centre);
    expect(['New Hot Spot', 'Consecutive Hot Spot', 'Intensifying Hot Spot']).toContain(
      emerging.pattern,
    );
    expect(emerging.tau).toBeGreaterThan(0);
    const fading = nearest(cells, truth.hotspots.find((h) => h.kind === 'diminishing')!.centre);
    expect(fading.pattern).toBe('Diminishing Hot Spot');
    expect(fading.tau).toBeLessThan(0);
    expect(fading.p).toBeLessThanOrEqual(0.1);
  });

  it('refuses a step it cannot read, in one line', () => {
    const r = cli(
      'emerging',
      resolve(SAMPLE, 'incidents.csv'),
      '--cell-size',
      '300',
      '--step',
      'fortnight',
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--step must be week, month, or N days/);
  });
});

describe('parseTimeStep (by hand)', () => {
  it('reads week, month and N days', () => {
    expect(parseTimeStep('week')).toEqual({ unit: 'week', count: 1 });
    expect(parseTimeStep('month')).toEqual({ unit: 'month', count: 1 });
    expect(parseTimeStep('14days')).toEqual({ unit: 'day', count: 14 });
    expect(parseTimeStep('2 weeks')).toEqual({ unit: 'week', count: 2 });
    expect(() => parseTimeStep('0days')).toThrow(/at least 1/);
  });
});
