/**
 * Options shared by the assessment commands (hotspots, concentration, nni): reading the incidents
 * with `--schema`/`--columns`, a boundary file given with `--polygons`, numbers, and running a job
 * with its errors turned into one-line command-line errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { JobInput } from '../data/jobInput';
import { parseBoundaryFile } from '../data/geojsonPolygons';
import type { AreasParam } from '../data/jobs/assessCommon';
import type { SchemaId } from '../data/schemas';
import { cliJobInput } from './jobRunner';
import { CliError, importFiles, parseColumnsOption } from './loadFiles';

export const SCHEMAS: readonly (SchemaId | 'auto')[] = [
  'auto',
  'chicago',
  'policeuk',
  'nyc',
  'sf',
  'la',
];

/** The parseArgs options every assessment command takes. */
export const INPUT_OPTIONS = {
  schema: { type: 'string', default: 'auto' },
  columns: { type: 'string' },
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
} as const;

export async function loadInput(
  command: string,
  files: string[],
  schemaText: string | undefined,
  columns: string | undefined,
): Promise<JobInput> {
  if (files.length === 0) throw new CliError(`${command} needs at least one FILE`);
  const schema = (schemaText ?? 'auto') as SchemaId | 'auto';
  if (!SCHEMAS.includes(schema))
    throw new CliError(`--schema must be one of ${SCHEMAS.join(', ')}`);
  const mapping = columns !== undefined ? parseColumnsOption(columns) : undefined;
  const imported = await importFiles(files, { schema, mapping });
  return cliJobInput(imported, files.length === 1 ? basename(files[0]) : `${files.length} files`);
}

export function positive(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!(v > 0) || !Number.isFinite(v)) throw new CliError(`${option} must be a positive number`);
  return v;
}

export function wholeNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < 0) throw new CliError(`${option} must be a whole number`);
  return v;
}

/** A boundary file from `--polygons`, with its id field (`--id-field`, else a guess). */
export function readPolygons(path: string | undefined, idField?: string): AreasParam | null {
  if (path === undefined) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`cannot read "${path}": no such file`);
  }
  const parsed = parseBoundaryFile(basename(path), text);
  if (!parsed.ok) throw new CliError(parsed.error);
  if (idField !== undefined && !parsed.fields.includes(idField))
    throw new CliError(
      `"${path}" has no property "${idField}" (its properties: ${parsed.fields.join(', ')})`,
    );
  return {
    geojson: parsed.geojson,
    name: basename(path).replace(/\.(geo)?json$/i, ''),
    idField: idField ?? (parsed.labelField || undefined),
  };
}

/** Runs a job, turning its Error (a message for a person) into a command-line error. */
export async function runJob<R>(job: () => R | Promise<R>): Promise<R> {
  try {
    return await job();
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

export function writeOut(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (error) {
    throw new CliError(
      `cannot write "${path}": ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Degrees to 7 decimals (about 1 cm), for JSON output. */
export const deg = (v: number): number => Number(v.toFixed(7));

/** A number for JSON: NaN and ±Infinity become null. */
export const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
