/**
 * `npm run sample [-- --rows N --years N --seed S --out DIR]`: writes the sample city's incidents
 * (Chicago portal layout), planted truth, beats and districts. Defaults reproduce the committed
 * `data/sample/` byte for byte: 60,000 rows over 2023–2025, seed 20230101.
 */
import { statSync } from 'node:fs';
import { SAMPLE_DEFAULTS } from './sample/generateIncidents.ts';
import { writeSampleFiles } from './sample/writeSample.ts';

const USAGE =
  'usage: npm run sample -- [--rows N] [--years N] [--end-year YYYY] [--seed S] [--out DIR]';

function parseArgs(argv: string[]): {
  rows: number;
  years: number;
  endYear: number;
  seed: number;
  out: string;
} {
  const values = new Map<string, string>();
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const value = argv[k + 1];
    if (!flag.startsWith('--') || value === undefined) throw new Error(USAGE);
    values.set(flag.slice(2), value);
    k++;
  }
  for (const key of values.keys()) {
    if (!['rows', 'years', 'end-year', 'seed', 'out'].includes(key)) {
      throw new Error(`unknown option --${key}\n${USAGE}`);
    }
  }
  const int = (key: string, fallback: number): number => {
    const raw = values.get(key);
    if (raw === undefined) return fallback;
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n)) throw new Error(`--${key} needs an integer, got '${raw}'`);
    return n;
  };
  return {
    rows: int('rows', SAMPLE_DEFAULTS.rows),
    years: int('years', SAMPLE_DEFAULTS.years),
    endYear: int('end-year', SAMPLE_DEFAULTS.endYear),
    seed: int('seed', SAMPLE_DEFAULTS.seed),
    out: values.get('out') ?? 'data/sample',
  };
}

try {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const { truth, files } = writeSampleFiles(args.out, args);
  const seconds = (performance.now() - started) / 1000;
  const mib = (path: string): string => (statSync(path).size / 2 ** 20).toFixed(2);
  console.log(
    `${truth.counts.rows.toLocaleString('en-US')} rows (${truth.period.start} … ${truth.period.end}, seed ${args.seed}) in ${seconds.toFixed(1)} s`,
  );
  for (const path of Object.values(files)) console.log(`  ${path}  ${mib(path)} MiB`);
  console.log(
    `  planted: ${truth.hotspots.length} hotspots (${(truth.counts.hotspotShare * 100).toFixed(1)}% of incidents), ${truth.nearRepeatChains.chains} burglary chains, ${truth.trend.primaryType} +${truth.trend.growthPerYear * 100}%/year`,
  );
  const r = truth.expectedImport.rejected;
  console.log(
    `  quirks: ${r.noCoordinates} blank coordinates, ${r.sentinelCoordinates} no-geocode sentinels, ${r.unparseableDate} unparseable dates, ${r.duplicateId} duplicate IDs`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
