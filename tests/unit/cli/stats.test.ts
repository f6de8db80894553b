/**
 * `cop-planner stats` against published values: PySAL esda's Getis-Ord doctests (6 points,
 * DistanceBand 15) and esda/libpysal's global Moran's I on the St Louis homicide rates (queen GAL).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REF = resolve(__dirname, '../../../../shared/reference');
const BIN = resolve(__dirname, '../../../bin/cop-planner.mjs');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'cop-stats-'));

describe('cop-planner stats on a hand-made table', () => {
  // Six points from esda's getisord doctest, written here so this part runs without ../shared.
  const csv = join(dir, 'six.csv');
  writeFileSync(csv, 'x,y,value\n10,10,2\n20,10,3\n40,10,3.2\n15,20,5\n30,20,8\n30,30,7\n');

  it('gives Gi* z-scores equal to esda G_Local(star=True, transform="B") doctest values', () => {
    // esda: G_Local(y, DistanceBand(points, 15), transform='B', star=True).Zs
    const r = cli(
      'stats',
      'gistar',
      '--input',
      csv,
      '--field',
      'value',
      '--weights',
      'band:15',
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { z: number; p: number }[];
    const published = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];
    rows.forEach((row, i) => expect(row.z).toBeCloseTo(published[i], 6));
  });

  it('gives Gi (self excluded) z-scores equal to esda G_Local(star=False, transform="B")', () => {
    const r = cli(
      'stats',
      'gi',
      '--input',
      csv,
      '--field',
      'value',
      '--weights',
      'band:15',
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const published = [-1.0136729, -0.04361589, 1.31558703, -0.31412676, 1.15373986, 1.77833941];
    (JSON.parse(r.stdout) as { z: number }[]).forEach((row, i) =>
      expect(row.z).toBeCloseTo(published[i], 6),
    );
  });

  it('reports LISA rows with I, z, pSim and a quadrant', () => {
    const r = cli(
      'stats',
      'lisa',
      '--input',
      csv,
      '--field',
      'value',
      '--weights',
      'knn:2',
      '--permutations',
      '99',
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { I: number; z: number; pSim: number; quadrant: string }[];
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row.pSim).toBeGreaterThanOrEqual(0.01);
      expect(row.pSim).toBeLessThanOrEqual(1);
      expect(['HH', 'LL', 'LH', 'HL']).toContain(row.quadrant);
    }
    // Point 5 (30, 20; value 8) has neighbours 6 (7) and 3 (3.2): high among high → HH.
    expect(rows[4].quadrant).toBe('HH');
  });

  it('refuses a missing column, unknown weights and a missing file with one line and exit 2', () => {
    const a = cli('stats', 'gistar', '--input', csv, '--field', 'nope', '--weights', 'band:15');
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/no column "nope"/);
    const b = cli('stats', 'gistar', '--input', csv, '--field', 'value', '--weights', 'fuzzy');
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/--weights must be/);
    const c = cli(
      'stats',
      'moran',
      '--input',
      join(dir, 'absent.csv'),
      '--field',
      'v',
      '--weights',
      'queen',
    );
    expect(c.status).toBe(2);
    expect(c.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe.skipIf(!existsSync(join(REF, 'esda_moran_global_stl.json')))(
  'cop-planner stats moran on St Louis (needs ../shared/reference)',
  () => {
    it("matches esda's global Moran's I, expectation, variances and z-scores", () => {
      const ref = JSON.parse(readFileSync(join(REF, 'esda_moran_global_stl.json'), 'utf8')) as {
        inputs: { HR8893: number[] };
        weights_or_params: { gal_neighbours_1based: Record<string, number[]> };
        expected: { computed_independently: { stl: Record<string, number> } };
      };
      const values = ref.inputs.HR8893;
      const csv = join(dir, 'stl.csv');
      writeFileSync(csv, `HR8893\n${values.join('\n')}\n`);
      // A GeoDa-style GAL in row order (1-based ids), from the file's queen neighbours.
      const gal = join(dir, 'stl.gal');
      const lists = ref.weights_or_params.gal_neighbours_1based;
      const body = Object.keys(lists)
        .sort((a, b) => Number(a) - Number(b))
        .map((id) => `${id} ${lists[id].length}\n${lists[id].join(' ')}`)
        .join('\n');
      writeFileSync(gal, `${values.length}\n${body}\n`);
      const r = cli(
        'stats',
        'moran',
        '--input',
        csv,
        '--field',
        'HR8893',
        '--weights',
        gal,
        '--permutations',
        '0',
        '--json',
      );
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as Record<string, number>;
      const stl = ref.expected.computed_independently.stl;
      // esda.Moran(y, w) with w.transform = 'R' (the CLI default).
      expect(out.I).toBeCloseTo(stl.I, 10);
      expect(out.expected).toBeCloseTo(stl.EI, 12);
      expect(out.varianceNormality).toBeCloseTo(stl.VI_norm, 12);
      expect(out.varianceRandomisation).toBeCloseTo(stl.VI_rand, 12);
      expect(out.zNormality).toBeCloseTo(stl.z_norm, 9);
      expect(out.zRandomisation).toBeCloseTo(stl.z_rand, 9);
      expect(out.pNormality).toBeCloseTo(stl.p_norm_two_tailed, 12);
    });
  },
);
