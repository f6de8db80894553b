/**
 * `cop-planner hotspots FILE... [--method gistar|gi|lisa|count|kde] …`: where incidents concentrate,
 * with the same jobs the app's Assess panel runs.
 *
 * - gistar | gi | lisa | count (the hot spot job, issue "Assess 1/2"): square or hexagonal cells
 *   (`--cell-size`, `--shape`, `--band`; Gi* with neither size nor band is Optimized Hot Spot
 *   Analysis), or `--polygons FILE.geojson` with `--weights`. With `--json`:
 *   `{ method, cellSizeMetres, bandMetres, cells: [{ lon, lat, count, z, p, bin }], log }`; LISA
 *   cells carry `I`, `z`, `pSim`, `quadrant` instead. `--out OUT.geojson` writes the cells with every
 *   statistic and the methods log.
 * - kde (the density job, "Assess 2/2"): `--kernel`, `--bandwidth`, `--cell-size`, `--per-year`;
 *   `--out OUT.tif` writes the raster as GeoTIFF, `--contours OUT.geojson` the densest-area
 *   contours. With `--json` a summary: bandwidth and cell size used, grid size, maximum density,
 *   the share of incidents in the densest 1/5/10/25% of the area.
 */
import { parseArgs } from 'node:util';
import { QUADRANT_LABELS } from '../../analysis/localMoran';
import { cellsToGeoJson } from '../../data/exports/cellsExport';
import { hotspotColumns } from '../../data/exports/hotspotExport';
import { densityJob } from '../../data/jobs/densityJob';
import {
  hotspotsJob,
  type AreaWeights,
  type HotspotMethod,
  type HotspotResult,
} from '../../data/jobs/hotspotsJob';
import { stderrProgress } from '../jobRunner';
import { CliError } from '../loadFiles';
import {
  deg,
  INPUT_OPTIONS,
  loadInput,
  num,
  positive,
  readPolygons,
  runJob,
  wholeNumber,
  writeOut,
} from '../assessArgs';
import type { CliCommand } from './types';

const METHODS = ['gistar', 'gi', 'lisa', 'count', 'kde'] as const;

function parseWeights(text: string): AreaWeights {
  if (text === 'queen' || text === 'rook') return { kind: text };
  const knn = /^knn:(\d+)$/.exec(text);
  if (knn) return { kind: 'knn', k: Number(knn[1]) };
  const band = /^band:([\d.]+)$/.exec(text);
  if (band) return { kind: 'band', metres: Number(band[1]) };
  throw new CliError('--weights must be queen, rook, knn:K or band:METRES');
}

/** The cells of a hot spot result as the command prints them with --json. */
export function hotspotCells(r: HotspotResult): Record<string, number | string | null>[] {
  const out: Record<string, number | string | null>[] = [];
  for (let i = 0; i < r.cellCount; i++) {
    const cell: Record<string, number | string | null> = {
      lon: deg(r.geometry.centres[2 * i]),
      lat: deg(r.geometry.centres[2 * i + 1]),
      count: r.counts[i],
    };
    if (r.geometry.kind === 'areas') cell.id = r.geometry.labels[i];
    if (r.method === 'lisa') {
      cell.I = num(r.I ? r.I[i] : NaN);
      cell.z = num(r.z[i]);
      cell.pSim = num(r.pSim ? r.pSim[i] : NaN);
      cell.quadrant = QUADRANT_LABELS[r.bin[i]];
    } else {
      cell.z = num(r.z[i]);
      cell.p = num(r.p[i]);
      cell.bin = r.bin[i];
    }
    if (r.robustHot) cell.robustHot = r.robustHot[i];
    out.push(cell);
  }
  return out;
}

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      method: { type: 'string', default: 'gistar' },
      'cell-size': { type: 'string' },
      shape: { type: 'string', default: 'square' },
      band: { type: 'string' },
      permutations: { type: 'string' },
      seed: { type: 'string' },
      robustness: { type: 'boolean', default: false },
      polygons: { type: 'string' },
      'id-field': { type: 'string' },
      weights: { type: 'string', default: 'queen' },
      kernel: { type: 'string', default: 'quartic' },
      bandwidth: { type: 'string' },
      'per-year': { type: 'boolean', default: false },
      out: { type: 'string' },
      contours: { type: 'string' },
      ...INPUT_OPTIONS,
    },
  });
  const method = values.method as (typeof METHODS)[number];
  if (!METHODS.includes(method))
    throw new CliError(`--method must be one of ${METHODS.join(', ')}`);
  const shape = values.shape;
  if (shape !== 'square' && shape !== 'hex') throw new CliError('--shape must be square or hex');
  const kernel = values.kernel;
  if (kernel !== 'quartic' && kernel !== 'gaussian')
    throw new CliError('--kernel must be quartic or gaussian');
  const cellSizeMetres = positive(values['cell-size'], '--cell-size');
  const areas = readPolygons(values.polygons, values['id-field']);
  if (method !== 'kde' && values.contours !== undefined)
    throw new CliError('--contours belongs to --method kde');
  const input = await loadInput('hotspots', positionals, values.schema, values.columns);
  const progress = stderrProgress(values.quiet || values.json);

  if (method === 'kde') {
    const r = await runJob(() =>
      densityJob(
        input,
        {
          kernel,
          bandwidthMetres: positive(values.bandwidth, '--bandwidth'),
          cellSizeMetres,
          perYear: values['per-year'],
          areas,
        },
        progress,
      ),
    );
    if (values.out !== undefined) writeOut(values.out, r.geotiff);
    if (values.contours !== undefined)
      writeOut(values.contours, JSON.stringify({ ...r.contours, methods_log: r.log }));
    if (values.json) {
      const summary = {
        method: 'kde',
        kernel: r.kernel,
        bandwidthMetres: r.bandwidthMetres,
        defaultBandwidthMetres: r.defaultBandwidthMetres,
        cellSizeMetres: r.cellSizeMetres,
        grid: {
          cols: r.grid.cols,
          rows: r.grid.rows,
          minXMetres: r.grid.minXMetres,
          minYMetres: r.grid.minYMetres,
          projectionCentre: r.projectionCentre,
        },
        unit: r.unit,
        maxDensity: r.maxDensity,
        maxPerKm2: r.maxPerKm2,
        maxPerKm2PerYear: num(r.maxPerKm2PerYear),
        years: num(r.years),
        incidents: r.incidentCount,
        incidentsOutsideGrid: r.incidentsOutsideGrid,
        studyAreaKm2: r.studyAreaKm2,
        densest: r.contourTable.map((c) => ({
          percentOfArea: c.percentOfArea,
          incidentShare: c.incidentShare,
          incidentsInside: c.incidentsInside,
          areaKm2: c.areaKm2,
          level: c.level,
        })),
        headline: r.headline,
        summary: r.summary,
        log: r.log,
      };
      process.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
      return;
    }
    const lines = [
      ...r.summary,
      '',
      `raster   ${r.grid.cols} × ${r.grid.rows} cells of ${r.cellSizeMetres.toFixed(1)} m; bandwidth ${r.bandwidthMetres.toFixed(1)} m (ArcGIS default ${r.defaultBandwidthMetres.toFixed(1)} m)`,
    ];
    if (values.out !== undefined) lines.push(`wrote    ${values.out} (GeoTIFF, ${r.unit})`);
    if (values.contours !== undefined) lines.push(`wrote    ${values.contours} (contours)`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }

  const hotspotMethod: HotspotMethod = method;
  const r = await runJob(() =>
    hotspotsJob(
      input,
      {
        method: hotspotMethod,
        shape,
        cellSizeMetres,
        bandMetres: positive(values.band, '--band'),
        permutations: wholeNumber(values.permutations, '--permutations'),
        seed: wholeNumber(values.seed, '--seed'),
        robustness: values.robustness,
        areas: areas
          ? {
              geojson: areas.geojson,
              idField: areas.idField,
              weights: parseWeights(values.weights),
            }
          : null,
      },
      progress,
    ),
  );
  if (values.out !== undefined) {
    const fc = cellsToGeoJson(r.geometry, hotspotColumns(r), r.log);
    writeOut(values.out, JSON.stringify(fc));
  }
  if (values.json) {
    const out = {
      method: r.method,
      cellSizeMetres: r.cellSizeMetres,
      bandMetres: r.bandMetres,
      cells: hotspotCells(r),
      log: r.log,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const lines = [...r.summary, ''];
  if (r.cellSizeMetres !== null)
    lines.push(
      `cells    ${r.cellCount.toLocaleString('en-US')} of ${r.cellSizeMetres.toFixed(0)} m${r.bandMetres !== null ? `, neighbours within ${r.bandMetres.toFixed(0)} m` : ''}`,
    );
  if (values.out !== undefined) lines.push(`wrote    ${values.out}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const hotspotsCommand: CliCommand = {
  name: 'hotspots',
  usage: `hotspots FILE... [--method gistar|gi|lisa|count|kde] [--json] [--quiet]
         gistar|gi|lisa|count: [--cell-size METRES] [--shape square|hex] [--band METRES]
           [--permutations N] [--seed S] [--robustness] [--polygons FILE.geojson [--id-field NAME]
           [--weights queen|rook|knn:K|band:METRES]] [--out OUT.geojson]
         kde: [--kernel quartic|gaussian] [--bandwidth METRES] [--cell-size METRES] [--per-year]
           [--polygons STUDY-AREA.geojson] [--out OUT.tif] [--contours OUT.geojson]
                       hot spots (Gi*, LISA, counts) or kernel density of the incidents`,
  run,
};
