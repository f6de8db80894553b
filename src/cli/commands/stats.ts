/**
 * `cop-planner stats gistar|gi|lisa|moran --input FILE.geojson|FILE.csv --field NAME [--id NAME]
 *   --weights queen|rook|knn:K|band:D|FILE.gal|FILE.gwt [--transform B|R] [--permutations N]
 *   [--seed S] [--json]`
 *
 * The spatial statistics of the app on any table of features, to check them against GeoDa, PySAL
 * or R spdep. A CSV takes `x`/`y` as planar coordinates or `lon`/`lat` as degrees (projected to
 * metres on a local transverse Mercator); coordinates may be absent when the weights come from a
 * file. Gi and Gi* always use binary weights; `--transform` (default R) applies to LISA and Moran.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import type { FeatureCollection } from 'geojson';
import { getisOrdGiStar } from '../../analysis/getisOrdGiStar';
import { globalMoran } from '../../analysis/globalMoran';
import { createLocalProjection, type LocalProjection } from '../../analysis/localProjection';
import { localMoran, QUADRANT_LABELS } from '../../analysis/localMoran';
import type { PlanarPolygon } from '../../analysis/pointInPolygon';
import {
  binaryWeights,
  contiguityWeights,
  distanceBandWeights,
  knnWeights,
  rowStandardise,
  withoutSelf,
  withSelf,
  type SpatialWeights,
} from '../../analysis/spatialWeights';
import { parseWeightsFile } from '../../analysis/weightsFiles';
import { featuresToPlanar } from '../../data/geojsonPolygons';
import { CliError } from '../loadFiles';
import type { CliCommand } from './types';

const METHODS = ['gistar', 'gi', 'lisa', 'moran'] as const;
type Method = (typeof METHODS)[number];

interface FeatureTable {
  values: Float64Array;
  ids: string[] | null;
  /** Interleaved planar coordinates (metres or the file's units), null when the input has none. */
  xy: Float64Array | null;
  polygons: PlanarPolygon[] | null;
}

function readCsv(path: string, field: string, idField: string | undefined): FeatureTable {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  const rows = parsed.data;
  const headers = parsed.meta.fields ?? [];
  if (!headers.includes(field))
    throw new CliError(`"${path}" has no column "${field}" (columns: ${headers.join(', ')})`);
  if (idField !== undefined && !headers.includes(idField))
    throw new CliError(`"${path}" has no id column "${idField}"`);
  const values = Float64Array.from(rows, (r, i) => {
    const v = Number(r[field]);
    if (r[field] === '' || !Number.isFinite(v))
      throw new CliError(`row ${i + 1}: "${field}" is not a number ("${r[field]}")`);
    return v;
  });
  let xy: Float64Array | null = null;
  const has = (a: string, b: string) => headers.includes(a) && headers.includes(b);
  if (has('x', 'y')) {
    xy = new Float64Array(2 * rows.length);
    rows.forEach((r, i) => {
      xy![2 * i] = Number(r.x);
      xy![2 * i + 1] = Number(r.y);
    });
  } else if (has('lon', 'lat')) {
    const lons = rows.map((r) => Number(r.lon));
    const lats = rows.map((r) => Number(r.lat));
    const projection = createLocalProjection(
      (Math.min(...lons) + Math.max(...lons)) / 2,
      (Math.min(...lats) + Math.max(...lats)) / 2,
    );
    xy = new Float64Array(2 * rows.length);
    rows.forEach((_, i) => {
      const [x, y] = projection.forward(lons[i], lats[i]);
      xy![2 * i] = x;
      xy![2 * i + 1] = y;
    });
  }
  return { values, ids: idField ? rows.map((r) => r[idField]) : null, xy, polygons: null };
}

function readGeoJson(path: string, field: string, idField: string | undefined): FeatureTable {
  let fc: FeatureCollection;
  try {
    fc = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
  } catch {
    throw new CliError(`"${path}" is not valid JSON`);
  }
  if (fc.type !== 'FeatureCollection')
    throw new CliError(`"${path}" is not a GeoJSON FeatureCollection`);
  const values = Float64Array.from(fc.features, (f, i) => {
    const v = Number(f.properties?.[field]);
    if (!Number.isFinite(v))
      throw new CliError(`feature ${i + 1}: property "${field}" is missing or not a number`);
    return v;
  });
  const coords = fc.features
    .flatMap((f) =>
      f.geometry ? (JSON.stringify(f.geometry).match(/-?\d+\.?\d*(e-?\d+)?/gi) ?? []) : [],
    )
    .map(Number);
  const lons = coords.filter((_, i) => i % 2 === 0);
  const lats = coords.filter((_, i) => i % 2 === 1);
  const projection: LocalProjection = createLocalProjection(
    (Math.min(...lons) + Math.max(...lons)) / 2,
    (Math.min(...lats) + Math.max(...lats)) / 2,
  );
  const isPolygonal = fc.features.every(
    (f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
  );
  const polygons = isPolygonal ? featuresToPlanar(fc, projection) : null;
  const xy = new Float64Array(2 * fc.features.length);
  fc.features.forEach((f, i) => {
    let x = 0;
    let y = 0;
    if (f.geometry?.type === 'Point')
      [x, y] = projection.forward(f.geometry.coordinates[0], f.geometry.coordinates[1]);
    else if (polygons) {
      const ring = polygons[i][0];
      const m = ring.length / 2;
      for (let k = 0; k < m; k++) {
        x += ring[2 * k] / m;
        y += ring[2 * k + 1] / m;
      }
    }
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
  });
  return {
    values,
    ids: idField ? fc.features.map((f) => String(f.properties?.[idField] ?? '')) : null,
    xy,
    polygons,
  };
}

function buildWeights(
  spec: string,
  table: FeatureTable,
  idField: string | undefined,
): SpatialWeights {
  if (/\.(gal|gwt)$/i.test(spec)) {
    let text: string;
    try {
      text = readFileSync(spec, 'utf8');
    } catch {
      throw new CliError(`cannot read the weights file "${spec}"`);
    }
    return parseWeightsFile(text, spec, table.ids ? { ids: table.ids, idField } : {});
  }
  if (spec === 'queen' || spec === 'rook') {
    if (!table.polygons)
      throw new CliError(
        `--weights ${spec} needs polygons (a GeoJSON of Polygon/MultiPolygon features)`,
      );
    return contiguityWeights(table.polygons, spec);
  }
  const m = /^(knn|band):(\d+(\.\d+)?)$/.exec(spec);
  if (!m)
    throw new CliError(
      `--weights must be queen, rook, knn:K, band:D or a .gal/.gwt file (got "${spec}")`,
    );
  if (!table.xy)
    throw new CliError(`--weights ${spec} needs coordinates (x,y or lon,lat columns, or GeoJSON)`);
  return m[1] === 'knn'
    ? knnWeights(table.xy, Number(m[2]))
    : distanceBandWeights(table.xy, Number(m[2]));
}

const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(12)) : null);

async function run(args: string[]): Promise<void> {
  const { values: opts, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      field: { type: 'string' },
      id: { type: 'string' },
      weights: { type: 'string' },
      transform: { type: 'string', default: 'R' },
      permutations: { type: 'string', default: '999' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  const method = positionals[0] as Method;
  if (!METHODS.includes(method)) throw new CliError(`stats needs a method: ${METHODS.join(', ')}`);
  if (!opts.input) throw new CliError('stats needs --input FILE.geojson or FILE.csv');
  if (!opts.field) throw new CliError('stats needs --field NAME (the value to analyse)');
  if (!opts.weights)
    throw new CliError('stats needs --weights queen|rook|knn:K|band:D|FILE.gal|FILE.gwt');
  const transform = opts.transform.toUpperCase();
  if (transform !== 'B' && transform !== 'R')
    throw new CliError('--transform must be B (binary) or R (row-standardised)');
  const permutations = Number(opts.permutations);
  const seed = Number(opts.seed);
  if (!Number.isInteger(permutations) || permutations < 0)
    throw new CliError('--permutations must be a whole number ≥ 0');
  let table: FeatureTable;
  try {
    readFileSync(opts.input);
  } catch {
    throw new CliError(`cannot read "${opts.input}": no such file`);
  }
  if (/\.(geo)?json$/i.test(opts.input)) table = readGeoJson(opts.input, opts.field, opts.id);
  else table = readCsv(opts.input, opts.field, opts.id);
  let w: SpatialWeights;
  try {
    w = buildWeights(opts.weights, table, opts.id);
  } catch (error) {
    throw error instanceof CliError
      ? error
      : new CliError(error instanceof Error ? error.message : String(error));
  }
  const transformed = (weights: SpatialWeights) =>
    transform === 'R' ? rowStandardise(weights) : binaryWeights(weights);

  let output: unknown;
  if (method === 'gistar' || method === 'gi') {
    const binary = binaryWeights(w);
    const r = getisOrdGiStar(
      table.values,
      method === 'gistar' ? withSelf(binary) : withoutSelf(binary),
      {
        star: method === 'gistar',
      },
    );
    output = Array.from(r.z, (z, i) => ({ z: round(z), p: round(r.p[i]) }));
  } else if (method === 'lisa') {
    const r = localMoran(table.values, transformed(withoutSelf(w)), { permutations, seed });
    output = Array.from(r.I, (I, i) => ({
      I: round(I),
      z: round(r.z[i]),
      pSim: round(r.pSim[i]),
      quadrant: QUADRANT_LABELS[r.quadrant[i]],
      significant: r.cluster[i] !== 0,
    }));
  } else {
    const r = globalMoran(table.values, transformed(withoutSelf(w)), { permutations, seed });
    output = {
      I: r.I,
      expected: r.expected,
      varianceNormality: r.varianceNormality,
      zNormality: r.zNormality,
      pNormality: r.pNormality,
      varianceRandomisation: r.varianceRandomisation,
      zRandomisation: r.zRandomisation,
      pRandomisation: r.pRandomisation,
      pSim: r.pSim,
    };
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(output, null, 1)}\n`);
    return;
  }
  if (Array.isArray(output)) {
    const keys = Object.keys(output[0] ?? {});
    process.stdout.write(`feature\t${keys.join('\t')}\n`);
    output.forEach((row: Record<string, unknown>, i) =>
      process.stdout.write(
        `${table.ids?.[i] ?? i + 1}\t${keys.map((k) => String(row[k])).join('\t')}\n`,
      ),
    );
  } else {
    for (const [k, v] of Object.entries(output as Record<string, number>))
      process.stdout.write(`${k.padEnd(22)} ${v}\n`);
  }
}

export const statsCommand: CliCommand = {
  name: 'stats',
  usage: `stats gistar|gi|lisa|moran --input FILE.geojson|FILE.csv --field NAME [--id NAME]
         --weights queen|rook|knn:K|band:D|FILE.gal|FILE.gwt [--transform B|R]
         [--permutations N] [--seed S] [--json]      spatial statistics on any features`,
  run,
};
