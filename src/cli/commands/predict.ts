/**
 * `cop-planner predict FILE... --train START..END --test START..END [--cell-size M] [--json]`:
 * which hot-spot method would have predicted the test period best — kernel density, Gi* hot cells,
 * the training period's top cells and Emerging Hot Spot Analysis — by hit rate, PAI and PEI at 1,
 * 2, 5, 10 and 20% of the study area (the app's predict job). Dates are `YYYY-MM-DD` or `YYYY-MM`,
 * both ends inclusive: `--train 2025-01..2025-11 --test 2025-12..2025-12`.
 */
import { parseArgs } from 'node:util';
import { addMonths, floatingMs, MS_PER_DAY } from '../../analysis/calendar';
import type { SchemaId } from '../../data/schemas';
import { predictJob, type PredictResult } from '../../data/jobs/predictJob';
import { cliJobInput, stderrProgress } from '../jobRunner';
import { CliError, importFiles, parseColumnsOption } from '../loadFiles';
import type { CliCommand } from './types';

const SCHEMAS: readonly (SchemaId | 'auto')[] = ['auto', 'chicago', 'policeuk', 'nyc', 'sf', 'la'];

/** `START..END` (days or months, both inclusive) or one of them alone → [startMs, endMs) floating epoch ms. */
export function parsePeriod(text: string, option: string): [number, number] {
  // A single date or month stands for itself: `--test 2025-12`.
  const parts = text.includes('..') ? text.split('..') : [text, text];
  if (parts.length !== 2)
    throw new CliError(
      `${option} must be START..END, e.g. 2025-01-01..2025-11-30 or 2025-01..2025-11`,
    );
  const bound = (s: string, end: boolean): number => {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
    if (day) {
      const ms = floatingMs(Number(day[1]), Number(day[2]), Number(day[3]));
      return end ? ms + MS_PER_DAY : ms;
    }
    const month = /^(\d{4})-(\d{2})$/.exec(s.trim());
    if (month) {
      const ms = floatingMs(Number(month[1]), Number(month[2]), 1);
      return end ? addMonths(ms, 1) : ms;
    }
    throw new CliError(`${option}: "${s}" is not a date (YYYY-MM-DD) or a month (YYYY-MM)`);
  };
  const range: [number, number] = [bound(parts[0], false), bound(parts[1], true)];
  if (!(range[0] < range[1])) throw new CliError(`${option}: the period ends before it starts`);
  return range;
}

export interface PredictRow {
  method: string;
  label: string;
  areaShare: number;
  hitRate: number | null;
  pai: number | null;
  pei: number | null;
  incidentsCaptured: number | null;
}

export function predictRows(r: PredictResult): PredictRow[] {
  const num = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);
  return r.methods.flatMap((m) =>
    m.atShares.map((s) => ({
      method: m.id,
      label: m.label,
      areaShare: s.areaShare,
      hitRate: num(s.hitRate),
      pai: num(s.pai),
      pei: num(s.pei),
      incidentsCaptured: num(s.incidentsCaptured),
    })),
  );
}

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      'cell-size': { type: 'string' },
      band: { type: 'string' },
      'kde-bandwidth': { type: 'string' },
      schema: { type: 'string', default: 'auto' },
      columns: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new CliError('predict needs at least one FILE');
  const positive = (text: string | undefined, option: string) => {
    if (text === undefined) return undefined;
    const v = Number(text);
    if (!(v > 0) || !Number.isFinite(v))
      throw new CliError(`${option} must be a positive number of metres`);
    return v;
  };
  const train = values.train === undefined ? undefined : parsePeriod(values.train, '--train');
  const test = values.test === undefined ? undefined : parsePeriod(values.test, '--test');
  const schema = values.schema as SchemaId | 'auto';
  if (!SCHEMAS.includes(schema))
    throw new CliError(`--schema must be one of ${SCHEMAS.join(', ')}`);
  const mapping = values.columns !== undefined ? parseColumnsOption(values.columns) : undefined;
  const imported = await importFiles(positionals, { schema, mapping });
  const input = cliJobInput(
    imported,
    positionals.length === 1 ? positionals[0] : `${positionals.length} files`,
  );
  let result: PredictResult;
  try {
    result = await predictJob(
      input,
      {
        trainStartMs: train?.[0],
        trainEndMs: train?.[1],
        testStartMs: test?.[0],
        testEndMs: test?.[1],
        cellSizeMetres: positive(values['cell-size'], '--cell-size'),
        bandMetres: positive(values.band, '--band'),
        kdeBandwidthMetres: positive(values['kde-bandwidth'], '--kde-bandwidth'),
      },
      stderrProgress(values.quiet || values.json),
    );
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const rows = predictRows(result);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          train: result.train,
          test: result.test,
          trainIncidents: result.trainIncidents,
          testIncidents: result.testIncidents,
          cellSizeMetres: result.cellSizeMetres,
          table: rows,
          summary: result.summary,
        },
        null,
        1,
      )}\n`,
    );
    return;
  }
  const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);
  const fixed = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  const lines = [
    `train ${result.train[0]} … ${result.train[1]} (${result.trainIncidents.toLocaleString('en-US')} incidents); test ${result.test[0]} … ${result.test[1]} (${result.testIncidents.toLocaleString('en-US')}); cells of ${result.cellSizeMetres} m`,
    '',
    `${'method'.padEnd(30)}${'area'.padStart(7)}${'hit rate'.padStart(10)}${'PAI'.padStart(8)}${'PEI'.padStart(8)}`,
    ...rows.map(
      (r) =>
        `${r.label.padEnd(30)}${pct(r.areaShare).padStart(7)}${pct(r.hitRate).padStart(10)}${fixed(r.pai).padStart(8)}${fixed(r.pei).padStart(8)}`,
    ),
    '',
    ...result.summary,
    '',
    'Methods log:',
    ...result.log.map((l) => `  ${l}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const predictCommand: CliCommand = {
  name: 'predict',
  usage: `predict FILE... --train START..END --test START..END [--cell-size M] [--band M]
         [--kde-bandwidth M] [--schema …] [--columns …] [--json]
                       hit rate, PAI and PEI of KDE, Gi*, previous counts and EHSA (dates YYYY-MM-DD or YYYY-MM)`,
  run,
};
