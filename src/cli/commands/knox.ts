/**
 * `cop-planner knox FILE... --space-band M --space-bands N --time-band DAYS --time-bands N
 *   [--metric manhattan|euclidean] [--permutations N] [--seed S] [--json]`: the Knox test for near
 * repeats (the app's knox job) on the app's import formats, or on a plain `x,y,date` CSV in metres
 * with or without a header — the Near Repeat Calculator's input, e.g. the R package NearRepeat's
 * Chicago files. Prints the (N + 2) × (M + 1) tables: same location, the N space bands, more than;
 * the M time bands, more than.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { floatingMs } from '../../analysis/calendar';
import type { KnoxDistanceMetric } from '../../analysis/knoxTest';
import { APP_LABEL } from '../../data/appInfo';
import { NO_FILTER } from '../../data/incidentFilter';
import type { SchemaId } from '../../data/schemas';
import { knoxJob, runKnox, type KnoxJobResult, type KnoxParams } from '../../data/jobs/knoxJob';
import { cliJobInput, stderrProgress } from '../jobRunner';
import { CliError, importFiles, parseColumnsOption } from '../loadFiles';
import type { CliCommand } from './types';

const SCHEMAS: readonly (SchemaId | 'auto')[] = ['auto', 'chicago', 'policeuk', 'nyc', 'sf', 'la'];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

export interface PlainPoints {
  xy: Float64Array;
  timesMs: Float64Array;
  /** 'day' when no row has a time of day. */
  precision: 'day' | 'time';
  headerRow: boolean;
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1');

/**
 * Reads a plain `x,y,date` file (three columns, numeric x and y in metres, ISO dates), with or
 * without a header row; null when the file is not of that shape (then it is one of the app's
 * import formats).
 */
export function readPlainPoints(text: string): PlainPoints | null {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return null;
  const cells = lines.map((l) => l.split(',').map(unquote));
  if (cells.slice(0, 5).some((c) => c.length !== 3)) return null;
  const isRow = (c: string[], [x, y, d]: number[]) =>
    c[x] !== '' &&
    c[y] !== '' &&
    Number.isFinite(Number(c[x])) &&
    Number.isFinite(Number(c[y])) &&
    ISO_DATE.test(c[d]);
  let first = 0;
  let order = [0, 1, 2];
  if (!isRow(cells[0], order)) {
    if (cells.length < 2) return null;
    first = 1;
    // A header may name the columns in another order: x, y and a date/time column.
    const names = cells[0].map((h) => h.toLowerCase());
    const x = names.findIndex((h) => h === 'x' || h === 'x_coordinate' || h === 'xcoord');
    const y = names.findIndex((h) => h === 'y' || h === 'y_coordinate' || h === 'ycoord');
    const d = names.findIndex((h) => /date|time/.test(h));
    if (x >= 0 && y >= 0 && d >= 0 && new Set([x, y, d]).size === 3) order = [x, y, d];
    if (!isRow(cells[1], order)) return null;
  }
  const rows = cells.length - first;
  const xy = new Float64Array(2 * rows);
  const timesMs = new Float64Array(rows);
  let withTime = false;
  for (let r = 0; r < rows; r++) {
    const c = cells[first + r];
    const line = first + r + 1;
    if (c.length !== 3)
      throw new CliError(`line ${line}: expected 3 columns (x, y, date), found ${c.length}`);
    const x = Number(c[order[0]]);
    const y = Number(c[order[1]]);
    if (c[order[0]] === '' || c[order[1]] === '' || !Number.isFinite(x) || !Number.isFinite(y))
      throw new CliError(
        `line ${line}: x and y must be numbers in metres ("${c[order[0]]}", "${c[order[1]]}")`,
      );
    const m = ISO_DATE.exec(c[order[2]]);
    if (!m) throw new CliError(`line ${line}: "${c[order[2]]}" is not an ISO date (YYYY-MM-DD)`);
    if (m[4] !== undefined) withTime = true;
    xy[2 * r] = x;
    xy[2 * r + 1] = y;
    timesMs[r] = floatingMs(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
    );
  }
  return { xy, timesMs, precision: withTime ? 'time' : 'day', headerRow: first === 1 };
}

function whole(text: string | undefined, option: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min)
    throw new CliError(`${option} must be a whole number, at least ${min}`);
  return v;
}

/** The tables as JSON: NaN (a ratio with no expected pairs) becomes null. */
export function knoxJson(r: KnoxJobResult): {
  spaceBands: string[];
  timeBands: string[];
  observed: number[][];
  ratio: (number | null)[][];
  p: (number | null)[][];
  summary: string[];
} {
  const clean = (t: number[][]) => t.map((row) => row.map((v) => (Number.isFinite(v) ? v : null)));
  return {
    spaceBands: r.spaceBands,
    timeBands: r.timeBands,
    observed: r.observed,
    ratio: clean(r.ratio),
    p: clean(r.p),
    summary: r.summary,
  };
}

function table(r: KnoxJobResult): string[] {
  const width = Math.max(14, ...r.spaceBands.map((s) => s.length));
  const col = Math.max(16, ...r.timeBands.map((s) => s.length + 2));
  const head = `${''.padEnd(width)}${r.timeBands.map((t) => t.padStart(col)).join('')}`;
  const rows = r.spaceBands.map((label, s) => {
    const cellsText = r.observed[s].map((obs, t) => {
      const ratio = r.ratio[s][t];
      const p = r.p[s][t];
      const mark = p <= 0.001 ? '***' : p <= 0.01 ? '** ' : p <= r.alpha ? '*  ' : '   ';
      const ratioText = Number.isFinite(ratio) ? ratio.toFixed(2) : '—';
      return `${obs} (${ratioText})${ratio > 1 ? mark : '   '}`.padStart(col);
    });
    return `${label.padEnd(width)}${cellsText.join('')}`;
  });
  return [
    'Observed pairs (Knox ratio); * p ≤ alpha, ** p ≤ 0.01, *** p ≤ 0.001, where the ratio exceeds 1',
    head,
    ...rows,
  ];
}

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'space-band': { type: 'string' },
      'space-bands': { type: 'string' },
      'time-band': { type: 'string' },
      'time-bands': { type: 'string' },
      metric: { type: 'string', default: 'manhattan' },
      permutations: { type: 'string' },
      seed: { type: 'string' },
      alpha: { type: 'string' },
      'same-location': { type: 'string' },
      category: { type: 'string' },
      schema: { type: 'string', default: 'auto' },
      columns: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new CliError('knox needs a FILE');
  const metric = values.metric as KnoxDistanceMetric;
  if (metric !== 'manhattan' && metric !== 'euclidean')
    throw new CliError('--metric must be manhattan or euclidean');
  const spaceBand = values['space-band'] === undefined ? undefined : Number(values['space-band']);
  if (spaceBand !== undefined && !(spaceBand > 0))
    throw new CliError('--space-band must be a positive number of metres');
  const alpha = values.alpha === undefined ? undefined : Number(values.alpha);
  if (alpha !== undefined && !(alpha > 0 && alpha < 1))
    throw new CliError('--alpha must be between 0 and 1');
  const sameLocation =
    values['same-location'] === undefined ? undefined : Number(values['same-location']);
  if (sameLocation !== undefined && !(sameLocation >= 0))
    throw new CliError('--same-location must be 0 or more metres');
  const params: KnoxParams = {
    spaceBandMetres: spaceBand,
    spaceBandCount: whole(values['space-bands'], '--space-bands', 1),
    timeBandDays: whole(values['time-band'], '--time-band', 1),
    timeBandCount: whole(values['time-bands'], '--time-bands', 1),
    metric,
    permutations: whole(values.permutations, '--permutations', 0),
    seed: whole(values.seed, '--seed', 0),
    alpha,
    sameLocationMetres: sameLocation,
  };
  const progress = stderrProgress(values.quiet || values.json);
  let plain: PlainPoints | null = null;
  if (positionals.length === 1) {
    let text: string;
    try {
      text = readFileSync(positionals[0], 'utf8');
    } catch {
      throw new CliError(`cannot read "${positionals[0]}": no such file`);
    }
    plain = readPlainPoints(text);
  }
  let result: KnoxJobResult;
  try {
    if (plain) {
      if (values.category !== undefined)
        throw new CliError(
          '--category needs one of the app’s import formats; a plain x,y,date file has no categories',
        );
      result = runKnox(plain.xy, plain.timesMs, plain.precision, params, progress, [
        APP_LABEL,
        `Data: ${basename(positionals[0])} — ${plain.xy.length / 2} incidents, plain x, y, date CSV ${plain.headerRow ? 'with' : 'without'} a header`,
        'Coordinates: planar metres as given in the file (no projection); dates to the day',
      ]);
    } else {
      const schema = values.schema as SchemaId | 'auto';
      if (!SCHEMAS.includes(schema))
        throw new CliError(`--schema must be one of ${SCHEMAS.join(', ')}`);
      const mapping = values.columns !== undefined ? parseColumnsOption(values.columns) : undefined;
      const imported = await importFiles(positionals, { schema, mapping });
      const filter =
        values.category === undefined
          ? NO_FILTER
          : { ...NO_FILTER, categories: values.category.split(',').map((c) => c.trim()) };
      const input = cliJobInput(imported, positionals.join(', '), filter);
      if (values.category !== undefined && input.count === 0)
        throw new CliError(`no incident has the category "${values.category}"`);
      result = await knoxJob(input, params, progress);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(knoxJson(result), null, 1)}\n`);
    return;
  }
  const lines = [
    `${result.incidents} incidents, ${result.firstDate} to ${result.lastDate}; ${result.permutations} permutations (seed ${result.seed}), ${result.metric} distance`,
    '',
    ...table(result),
    '',
    ...result.summary,
    '',
    'Methods log:',
    ...result.log.map((l) => `  ${l}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const knoxCommand: CliCommand = {
  name: 'knox',
  usage: `knox FILE... --space-band M --space-bands N --time-band DAYS --time-bands N
         [--metric manhattan|euclidean] [--permutations N] [--seed S] [--alpha A] [--same-location M]
         [--category NAME[,NAME]] [--schema …] [--columns …] [--json]
                       Knox test for near repeats (Near Repeat Calculator tables); FILE may be a plain x,y,date CSV in metres`,
  run,
};
