/**
 * `cop-planner trend FILE... [--by month|week|day] [--category NAME | --group NAME] [--json]`: the
 * counts by period with complete-through date, partial and missing periods, the Mann-Kendall test
 * and Sen's slope — the trend job the app's time panel runs, on every imported incident.
 */
import { parseArgs } from 'node:util';
import type { TimeBin } from '../../analysis/timeSeries';
import type { SchemaId } from '../../data/schemas';
import type { JobInput } from '../../data/jobInput';
import { trendJob, trendJson } from '../../data/jobs/trendJob';
import { cliJobInput, stderrProgress } from '../jobRunner';
import { CliError, importFiles, parseColumnsOption } from '../loadFiles';
import type { CliCommand } from './types';

const SCHEMAS: readonly (SchemaId | 'auto')[] = ['auto', 'chicago', 'policeuk', 'nyc', 'sf', 'la'];

/** Imports the files named on the command line (with --schema / --columns) into a job input. */
export async function loadJobInput(
  files: string[],
  options: { schema?: string; columns?: string },
  command: string,
): Promise<JobInput> {
  if (files.length === 0) throw new CliError(`${command} needs at least one FILE`);
  const schema = (options.schema ?? 'auto') as SchemaId | 'auto';
  if (!SCHEMAS.includes(schema))
    throw new CliError(`--schema must be one of ${SCHEMAS.join(', ')}`);
  const mapping = options.columns !== undefined ? parseColumnsOption(options.columns) : undefined;
  const imported = await importFiles(files, { schema, mapping });
  return cliJobInput(imported, files.length === 1 ? files[0] : `${files.length} files`);
}

/** Runs a job, turning its errors (messages meant for a person) into one-line CLI errors. */
export async function runJobOrFail<R>(run: () => R | Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && !(error instanceof CliError)) throw new CliError(error.message);
    throw error;
  }
}

const BINS: readonly TimeBin[] = ['month', 'week', 'day'];
const n = (v: number): string => v.toLocaleString('en-US');

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      by: { type: 'string', default: 'month' },
      category: { type: 'string' },
      group: { type: 'string' },
      alpha: { type: 'string' },
      schema: { type: 'string', default: 'auto' },
      columns: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  const by = values.by as TimeBin;
  if (!BINS.includes(by)) throw new CliError(`--by must be one of ${BINS.join(', ')}`);
  if (values.category !== undefined && values.group !== undefined)
    throw new CliError('give --category or --group, not both');
  const alpha = values.alpha === undefined ? undefined : Number(values.alpha);
  if (alpha !== undefined && !(alpha > 0 && alpha < 1))
    throw new CliError('--alpha must be a number between 0 and 1');
  const input = await loadJobInput(positionals, values, 'trend');
  const focus =
    values.category !== undefined
      ? `category:${values.category}`
      : values.group !== undefined
        ? `group:${values.group}`
        : 'all';
  const result = await runJobOrFail(() =>
    trendJob(input, { by, focus, alpha }, stderrProgress(values.quiet || values.json)),
  );
  const out = trendJson(result);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
    return;
  }
  const lines = [
    `series        ${out.subject} by ${by} (${n(result.focus.total)} incidents)`,
    `complete      through ${out.completeThrough || '—'} (${result.coverage.rule})`,
  ];
  if (out.declined) lines.push(`declined      ${out.declined}`);
  else {
    lines.push('', `period        count`);
    for (const p of out.series) {
      const flag = p.missing ? '  missing (gap in the extract)' : p.partial ? '  partial' : '';
      const start = by === 'month' ? p.start.slice(0, 7) : p.start;
      lines.push(
        `${start.padEnd(12)} ${p.missing ? '—'.padStart(6) : n(p.count).padStart(6)}${flag}`,
      );
    }
    lines.push(
      '',
      `test          ${out.sentence}`,
      `Mann-Kendall  n = ${out.n}, S = ${out.S}, Var(S) = ${out.varS.toFixed(2)}, z = ${out.z.toFixed(3)}, p = ${out.p.toPrecision(3)}, tau = ${out.tau === null ? '—' : out.tau.toFixed(3)}`,
      `Sen's slope   ${out.senSlope === null ? '—' : `${out.senSlope.toFixed(3)} a ${by}`}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const trendCommand: CliCommand = {
  name: 'trend',
  usage: `trend FILE... [--by month|week|day] [--category NAME | --group NAME] [--alpha A]
         [--schema …] [--columns …] [--json]      counts by period, Mann-Kendall test, Sen's slope`,
  run,
};
