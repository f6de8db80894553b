/**
 * `cop-planner predict` on the shipped sample city: trained on December 2024 – November 2025 and
 * tested on December 2025, the PAI/PEI table has every method at 1, 2, 5, 10 and 20% of the study
 * area, each beating a random choice of cells at 5% (PAI > 1); periods are read as inclusive days
 * or months.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { floatingMs } from '../../../src/analysis/calendar';
import { parsePeriod } from '../../../src/cli/commands/predict';

const BIN = resolve(__dirname, '../../../bin/cop-planner.mjs');
const SAMPLE = resolve(__dirname, '../../../data/sample/incidents.csv');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cop-planner predict', () => {
  it('prints the PAI/PEI table of the four methods', () => {
    const r = cli(
      'predict',
      SAMPLE,
      '--train',
      '2024-12-01..2025-11-30',
      '--test',
      '2025-12..2025-12',
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      train: string[];
      test: string[];
      table: { method: string; areaShare: number; hitRate: number; pai: number; pei: number }[];
    };
    expect(out.train).toEqual(['2024-12-01', '2025-11-30']);
    expect(out.test).toEqual(['2025-12-01', '2025-12-31']);
    expect(out.table).toHaveLength(20);
    for (const method of ['kde', 'gistar', 'previous', 'ehsa']) {
      const rows = out.table.filter((row) => row.method === method);
      expect(rows.map((row) => row.areaShare)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2]);
      expect(rows[2].pai, method).toBeGreaterThan(1);
      for (const row of rows) expect(row.pei).toBeLessThanOrEqual(1);
    }
    const text = cli(
      'predict',
      SAMPLE,
      '--train',
      '2024-12..2025-11',
      '--test',
      '2025-12',
      '--quiet',
    );
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Kernel density \(KDE\)\s+5\.0%\s+\d+\.\d%\s+\d+\.\d\d\s+0\.\d\d/);
  });

  it('refuses a period it cannot read', () => {
    const r = cli('predict', SAMPLE, '--train', 'last year', '--test', '2025-12');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--train: "last year" is not a date/);
  });
});

describe('parsePeriod (by hand)', () => {
  it('reads inclusive days and months into [start, end)', () => {
    expect(parsePeriod('2025-01-01..2025-01-31', '--x')).toEqual([
      floatingMs(2025, 1, 1),
      floatingMs(2025, 2, 1),
    ]);
    expect(parsePeriod('2024-12..2025-02', '--x')).toEqual([
      floatingMs(2024, 12, 1),
      floatingMs(2025, 3, 1),
    ]);
    expect(parsePeriod('2025-02', '--x')).toEqual([floatingMs(2025, 2, 1), floatingMs(2025, 3, 1)]);
    expect(() => parsePeriod('2025-03..2025-02', '--x')).toThrow(/ends before it starts/);
  });
});
