/**
 * `cop-planner emerging FILE... --cell-size M --step week|month|Ndays [--band M]
 *   [--window cube|slice] [--confidence 90|95|99] [--json]`: Emerging Hot Spot Analysis — the
 * emerging job the app's Assess panel runs — on every imported incident. Prints one object per cell
 * with at least one incident: its id (the cell's index in the grid), centre, Esri's pattern name
 * and the Mann-Kendall τ and p of its Gi* z series.
 */
import { parseArgs } from 'node:util';
import { emergingPatternName, type TimeStep } from '../../analysis/emergingHotSpots';
import type { SchemaId } from '../../data/schemas';
import { emergingJob, type EmergingResult } from '../../data/jobs/emergingJob';
import { cliJobInput, stderrProgress } from '../jobRunner';
import { CliError, importFiles, parseColumnsOption } from '../loadFiles';
import type { CliCommand } from './types';

const SCHEMAS: readonly (SchemaId | 'auto')[] = ['auto', 'chicago', 'policeuk', 'nyc', 'sf', 'la'];

/** `week`, `month`, `day`, `Ndays`, `Nweeks`, `Nmonths` → a time step. */
export function parseTimeStep(text: string): TimeStep {
  const m = /^(\d+)?\s*(day|week|month)s?$/i.exec(text.trim());
  if (!m)
    throw new CliError(
      `--step must be week, month, or N days/weeks/months (e.g. 14days), not "${text}"`,
    );
  const count = m[1] === undefined ? 1 : Number(m[1]);
  if (!(count >= 1)) throw new CliError('--step needs a count of at least 1');
  return { unit: m[2].toLowerCase() as TimeStep['unit'], count };
}

function positive(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!(v > 0) || !Number.isFinite(v)) throw new CliError(`${option} must be a positive number`);
  return v;
}

export interface EmergingCell {
  id: number;
  lon: number;
  lat: number;
  pattern: string;
  tau: number;
  p: number;
}

export function emergingCells(result: EmergingResult): EmergingCell[] {
  const out: EmergingCell[] = [];
  for (let a = 0; a < result.cellCount; a++)
    out.push({
      id: result.cellIds[a],
      lon: Number(result.geometry.centres[2 * a].toFixed(7)),
      lat: Number(result.geometry.centres[2 * a + 1].toFixed(7)),
      pattern: emergingPatternName(result.pattern[a]),
      tau: result.trendTau[a],
      p: result.trendP[a],
    });
  return out;
}

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'cell-size': { type: 'string' },
      step: { type: 'string' },
      band: { type: 'string' },
      window: { type: 'string', default: 'cube' },
      confidence: { type: 'string', default: '90' },
      'time-neighbours': { type: 'string', default: '1' },
      'no-fdr': { type: 'boolean', default: false },
      schema: { type: 'string', default: 'auto' },
      columns: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new CliError('emerging needs at least one FILE');
  const window = values.window;
  if (window !== 'cube' && window !== 'slice') throw new CliError('--window must be cube or slice');
  const confidence = Number(values.confidence);
  if (confidence !== 90 && confidence !== 95 && confidence !== 99)
    throw new CliError('--confidence must be 90, 95 or 99');
  const timeStepNeighbours = Number(values['time-neighbours']);
  if (!Number.isInteger(timeStepNeighbours) || timeStepNeighbours < 0)
    throw new CliError('--time-neighbours must be a whole number, 0 or more');
  const schema = values.schema as SchemaId | 'auto';
  if (!SCHEMAS.includes(schema))
    throw new CliError(`--schema must be one of ${SCHEMAS.join(', ')}`);
  const mapping = values.columns !== undefined ? parseColumnsOption(values.columns) : undefined;
  const params = {
    cellSizeMetres: positive(values['cell-size'], '--cell-size'),
    bandMetres: positive(values.band, '--band'),
    step: values.step === undefined ? undefined : parseTimeStep(values.step),
    window,
    confidence,
    timeStepNeighbours,
    fdr: !values['no-fdr'],
  } as const;
  const imported = await importFiles(positionals, { schema, mapping });
  const input = cliJobInput(
    imported,
    positionals.length === 1 ? positionals[0] : `${positionals.length} files`,
  );
  let result: EmergingResult;
  try {
    result = await emergingJob(input, params, stderrProgress(values.quiet || values.json));
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const cells = emergingCells(result);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(cells, null, 1)}\n`);
    return;
  }
  const lines = [...result.summary, ''];
  const withPattern = cells.filter((c) => c.pattern !== 'No Pattern Detected');
  lines.push(
    `${'id'.padStart(7)}  ${'lon'.padStart(12)}  ${'lat'.padStart(11)}  ${'pattern'.padEnd(22)}  ${'tau'.padStart(6)}  p`,
  );
  for (const c of withPattern)
    lines.push(
      `${String(c.id).padStart(7)}  ${c.lon.toFixed(6).padStart(12)}  ${c.lat.toFixed(6).padStart(11)}  ${c.pattern.padEnd(22)}  ${c.tau.toFixed(3).padStart(6)}  ${c.p < 0.0001 ? '< 0.0001' : c.p.toPrecision(2)}`,
    );
  lines.push(
    `(${cells.length - withPattern.length} more cells with incidents show No Pattern Detected; --json lists every cell)`,
    '',
    'Methods log:',
    ...result.log.map((l) => `  ${l}`),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const emergingCommand: CliCommand = {
  name: 'emerging',
  usage: `emerging FILE... --cell-size M --step week|month|Ndays [--band M] [--window cube|slice]
         [--confidence 90|95|99] [--time-neighbours K] [--no-fdr] [--schema …] [--columns …] [--json]
                       Emerging Hot Spot Analysis: Esri's pattern, Mann-Kendall tau and p per cell`,
  run,
};
