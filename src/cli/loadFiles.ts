/**
 * Streams CSV files from disk through an ImportSession (the same code the browser's import worker
 * runs), for every command of the command line.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ImportSession, type ImportOptions, type ImportResult } from '../data/importSession';
import type { ColumnMapping } from '../data/schemas';

const CHUNK_BYTES = 4 << 20;

export async function importFiles(
  paths: string[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const sizes = paths.map((p) => {
    try {
      return statSync(p).size;
    } catch {
      throw new CliError(`cannot read "${p}": no such file`);
    }
  });
  const session = new ImportSession({ ...options, totalBytes: sizes.reduce((a, b) => a + b, 0) });
  for (let f = 0; f < paths.length; f++) {
    session.beginFile(basename(paths[f]), sizes[f]);
    for await (const chunk of createReadStream(paths[f], { highWaterMark: CHUNK_BYTES }))
      session.push(chunk as Uint8Array);
    session.endFile();
  }
  return session.finish();
}

/** An error the command line reports as one line and a non-zero exit. */
export class CliError extends Error {}

/**
 * Parses `--columns lat=COL,lon=COL,date=COL,category=COL[,time=COL,end=COL,endtime=COL,id=COL,
 * address=COL,x=COL,y=COL,crs=EPSG:NNNN,point=COL,order=dmy]` into a mapping.
 */
export function parseColumnsOption(text: string): ColumnMapping {
  const pairs = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 1) throw new CliError(`--columns: "${part}" is not KEY=COLUMN`);
    pairs.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const known = new Set([
    'lat',
    'lon',
    'point',
    'x',
    'y',
    'crs',
    'date',
    'time',
    'end',
    'endtime',
    'category',
    'description',
    'address',
    'id',
    'beat',
    'district',
    'order',
  ]);
  for (const key of pairs.keys())
    if (!known.has(key))
      throw new CliError(`--columns: unknown key "${key}" (known: ${[...known].join(', ')})`);
  const get = (k: string) => pairs.get(k);
  let coordinates: ColumnMapping['coordinates'];
  if (get('lat') !== undefined && get('lon') !== undefined)
    coordinates = { kind: 'latlon', lat: get('lat') as string, lon: get('lon') as string };
  else if (get('point') !== undefined)
    coordinates = { kind: 'point', column: get('point') as string };
  else if (get('x') !== undefined && get('y') !== undefined)
    coordinates = {
      kind: 'xy',
      x: get('x') as string,
      y: get('y') as string,
      crs: get('crs') ?? 'EPSG:4326',
    };
  else throw new CliError('--columns needs lat= and lon=, or point=, or x= and y= (with crs=)');
  const date = get('date');
  const category = get('category');
  if (date === undefined) throw new CliError('--columns needs date=COLUMN');
  if (category === undefined) throw new CliError('--columns needs category=COLUMN');
  const order = get('order') ?? 'mdy';
  if (order !== 'mdy' && order !== 'dmy' && order !== 'ymd')
    throw new CliError('--columns order= must be mdy, dmy or ymd');
  return {
    coordinates,
    date,
    time: get('time'),
    endDate: get('end'),
    endTime: get('endtime'),
    dateOrder: order,
    category,
    description: get('description'),
    address: get('address'),
    id: get('id'),
    beat: get('beat'),
    district: get('district'),
  };
}
