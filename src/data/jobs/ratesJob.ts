/**
 * Rates (issue "Assess 2/2", item 4): incidents per 1,000 residents (or households, or businesses)
 * in the user's polygons, with a population table joined by id, smoothed by global empirical Bayes
 * as GeoDa does, so that small areas do not shout. Reports every id that did not match, both ways.
 * Colours for the choropleth (smoothed and raw on the same classes) are built here.
 */
import Papa from 'papaparse';
import { empiricalBayes } from '../../analysis/empiricalBayes';
import { createLocalProjection } from '../../analysis/localProjection';
import { polygonCounts } from '../../analysis/polygonCounts';
import { classIndex, formatLevel, SEQUENTIAL_COLOURS, type RGBA } from '../rasterImage';
import {
  analysedPeriod,
  jobStudyArea,
  n,
  polygonCentresLonLat,
  polygonLabels,
  type AreasParam,
} from './assessCommon';
import type { CellGeometry } from './cellGeometry';
import type { Job } from './jobTypes';

export type Denominator = 'residents' | 'households' | 'businesses';

export interface RatesParams {
  /** The polygons, with the property that holds each polygon's id. */
  areas: AreasParam & { idField: string };
  /** The population (households, businesses) table: CSV text and its chosen columns. */
  table: { fileName: string; text: string; idColumn: string; valueColumn: string };
  /** Default 'residents'. */
  denominator?: Denominator;
  /** Default 1,000. */
  perUnits?: number;
}

export interface RatesResult {
  geometry: Extract<CellGeometry, { kind: 'areas' }>;
  ids: string[];
  counts: Int32Array;
  /** NaN where the polygon had no row in the table. */
  population: Float64Array;
  crudeRate: Float64Array;
  smoothedRate: Float64Array;
  /** Weight of the area's own rate in the smoothed one (1 = kept, 0 = the overall rate). */
  weight: Float64Array;
  priorMeanRate: number;
  perUnits: number;
  denominator: Denominator;
  /** Lower bounds of the colour classes (quintiles of the smoothed rates). */
  classLower: number[];
  smoothedColours: Uint8Array;
  crudeColours: Uint8Array;
  legend: { label: string; colour: RGBA }[];
  /** Polygon ids with no row in the table, and table ids with no polygon. */
  unmatchedPolygons: string[];
  unmatchedRows: string[];
  /** Table rows whose value is not a number of zero or more. */
  badValues: string[];
  period: string;
  summary: string[];
  log: string[];
}

const NO_RATE: RGBA = [200, 200, 200, 120];

const plural = (count: number, noun: string) => `${n(count)} ${noun}${count === 1 ? '' : 's'}`;

/** Ids as people write them: trimmed; digit strings also matched without leading zeros. */
function looseKey(id: string): string {
  const t = id.trim();
  return /^\d+$/.test(t) ? String(Number(t)) : t.toLowerCase();
}

export const ratesJob: Job<RatesParams, RatesResult> = (input, params, progress) => {
  const projection = createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]);
  const log = [...input.logHeader];
  const denominator = params.denominator ?? 'residents';
  const perUnits = params.perUnits ?? 1000;
  const { areas, table } = params;

  progress(0.05, 'reading the table');
  const parsed = Papa.parse<Record<string, string>>(table.text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  const headers = parsed.meta.fields ?? [];
  for (const col of [table.idColumn, table.valueColumn])
    if (!headers.includes(col))
      throw new Error(
        `"${table.fileName}" has no column "${col}" (its columns: ${headers.join(', ')}).`,
      );
  const values = new Map<string, number>();
  const exactIds = new Map<string, string>();
  const badValues: string[] = [];
  let duplicates = 0;
  for (const row of parsed.data) {
    const id = (row[table.idColumn] ?? '').trim();
    if (id === '') continue;
    const raw = (row[table.valueColumn] ?? '').trim().replace(/,/g, '');
    const v = Number(raw);
    if (raw === '' || !Number.isFinite(v) || v < 0) {
      badValues.push(`${id}: "${row[table.valueColumn] ?? ''}"`);
      continue;
    }
    const key = looseKey(id);
    if (values.has(key)) duplicates++;
    values.set(key, (values.get(key) ?? 0) + v);
    exactIds.set(key, id);
  }
  if (values.size === 0)
    throw new Error(
      `"${table.fileName}" has no row with an id in "${table.idColumn}" and a number in "${table.valueColumn}".`,
    );

  progress(0.2, 'counting incidents in polygons');
  const { polygons } = jobStudyArea(input, projection, areas);
  if (!polygons) throw new Error('The boundary layer has no polygons.');
  const ids = polygonLabels(areas.geojson, areas.idField);
  const missingField = areas.geojson.features.filter(
    (f) => f.properties?.[areas.idField] === undefined,
  ).length;
  if (missingField === ids.length)
    throw new Error(
      `No polygon of ${areas.name ?? 'the boundary layer'} has the property "${areas.idField}"; choose its id field.`,
    );
  const pc = polygonCounts(input.xy, polygons);
  const population = new Float64Array(ids.length).fill(NaN);
  const unmatchedPolygons: string[] = [];
  const used = new Set<string>();
  ids.forEach((id, i) => {
    const key = looseKey(id);
    const v = values.get(key);
    if (v === undefined) unmatchedPolygons.push(id);
    else {
      population[i] = v;
      used.add(key);
    }
  });
  const unmatchedRows = [...values.keys()]
    .filter((k) => !used.has(k))
    .map((k) => exactIds.get(k) as string);
  if (used.size === 0)
    throw new Error(
      `No id of "${table.idColumn}" in "${table.fileName}" matches a polygon's "${areas.idField}" (polygons have ids like ${ids.slice(0, 3).join(', ')}; the table has ${[...exactIds.values()].slice(0, 3).join(', ')}).`,
    );

  progress(0.6, 'empirical Bayes');
  const eb = empiricalBayes(pc.counts, population, { perUnits });
  const period = analysedPeriod(input);
  log.push(
    `Polygons: ${n(ids.length)} of ${areas.name ?? 'the boundary layer'}, id field "${areas.idField}"; ${n(pc.pointsOutside)} incidents outside every polygon are not counted.`,
    `Denominator: ${denominator}, column "${table.valueColumn}" of "${table.fileName}", joined on "${table.idColumn}" (ids trimmed; digit ids matched without leading zeros; ${n(used.size)} matched${duplicates > 0 ? `; ${n(duplicates)} repeated ids summed` : ''}).`,
    `Incidents counted over ${period.words}; rates are per ${n(perUnits)} ${denominator} over that whole period, not per year.`,
    eb.method,
    ...eb.warnings,
  );
  if (unmatchedPolygons.length > 0)
    log.push(
      `${n(unmatchedPolygons.length)} polygons have no row in the table and no rate: ${unmatchedPolygons.slice(0, 20).join(', ')}${unmatchedPolygons.length > 20 ? ', …' : ''}.`,
    );
  if (unmatchedRows.length > 0)
    log.push(
      `${n(unmatchedRows.length)} table ids match no polygon: ${unmatchedRows.slice(0, 20).join(', ')}${unmatchedRows.length > 20 ? ', …' : ''}.`,
    );
  if (badValues.length > 0)
    log.push(
      `${n(badValues.length)} table rows have no usable number and were skipped: ${badValues.slice(0, 10).join('; ')}${badValues.length > 10 ? '; …' : ''}.`,
    );

  // Quintile classes of the smoothed rates, used for the raw rates too so the two maps compare.
  const finite = Array.from(eb.smoothedRate)
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
  const q = (p: number) => finite[Math.min(finite.length - 1, Math.floor(p * finite.length))];
  const classLower = [-Infinity, q(0.2), q(0.4), q(0.6), q(0.8)];
  const colourOf = (v: number): RGBA => {
    const k = classIndex(v, classLower);
    return k < 0 ? NO_RATE : SEQUENTIAL_COLOURS[k];
  };
  const smoothedColours = new Uint8Array(4 * ids.length);
  const crudeColours = new Uint8Array(4 * ids.length);
  for (let i = 0; i < ids.length; i++) {
    smoothedColours.set(colourOf(eb.smoothedRate[i]), 4 * i);
    crudeColours.set(colourOf(eb.crudeRate[i]), 4 * i);
  }
  const per = `per ${n(perUnits)}`;
  const legend = classLower
    .map((lo, k) => ({
      label:
        k === 0
          ? `under ${formatLevel(classLower[1])} ${per}`
          : k === classLower.length - 1
            ? `${formatLevel(lo)} ${per} and over`
            : `${formatLevel(lo)}–${formatLevel(classLower[k + 1])}`,
      colour: SEQUENTIAL_COLOURS[k],
    }))
    .reverse();
  if (unmatchedPolygons.length > 0 || eb.excludedAreas > 0)
    legend.push({ label: `no ${denominator} figure`, colour: NO_RATE });

  // Plain words: the overall rate, the highest smoothed rate, and the area smoothing moved most.
  let top = -1;
  let moved = -1;
  for (let i = 0; i < ids.length; i++) {
    if (!Number.isFinite(eb.smoothedRate[i])) continue;
    if (top < 0 || eb.smoothedRate[i] > eb.smoothedRate[top]) top = i;
    const shift = Math.abs(eb.crudeRate[i] - eb.smoothedRate[i]);
    if (moved < 0 || shift > Math.abs(eb.crudeRate[moved] - eb.smoothedRate[moved])) moved = i;
  }
  const f = formatLevel;
  const summary = [
    `Overall, ${f(eb.priorMeanRate)} incidents ${per} ${denominator} over ${period.words}.`,
  ];
  if (top >= 0)
    summary.push(
      `Highest smoothed rate: ${ids[top]}, ${f(eb.smoothedRate[top])} ${per} (raw ${f(eb.crudeRate[top])}; ${n(pc.counts[top])} incidents, ${n(population[top])} ${denominator}).`,
    );
  if (moved >= 0 && Math.abs(eb.crudeRate[moved] - eb.smoothedRate[moved]) > 0)
    summary.push(
      `Smoothing moved ${ids[moved]} most, from ${f(eb.crudeRate[moved])} to ${f(eb.smoothedRate[moved])} ${per} (${n(pc.counts[moved])} incidents among ${n(population[moved])} ${denominator}).`,
    );
  summary.push(
    'Empirical Bayes pulls each area’s rate toward the overall rate, the more so the fewer people it rests on, so a small area with a few incidents does not top the map by chance.',
  );
  if (unmatchedPolygons.length > 0)
    summary.push(
      `${plural(unmatchedPolygons.length, 'polygon')} had no ${denominator} figure (grey on the map): ${unmatchedPolygons.slice(0, 8).join(', ')}${unmatchedPolygons.length > 8 ? ', …' : ''}.`,
    );
  if (unmatchedRows.length > 0)
    summary.push(
      `${plural(unmatchedRows.length, 'id')} in the table ${unmatchedRows.length === 1 ? 'matches' : 'match'} no polygon: ${unmatchedRows.slice(0, 8).join(', ')}${unmatchedRows.length > 8 ? ', …' : ''}.`,
    );
  progress(1, 'done');
  return {
    geometry: {
      kind: 'areas',
      geojson: areas.geojson,
      centres: polygonCentresLonLat(polygons, projection),
      labels: ids,
    },
    ids,
    counts: pc.counts,
    population,
    crudeRate: eb.crudeRate,
    smoothedRate: eb.smoothedRate,
    weight: eb.weight,
    priorMeanRate: eb.priorMeanRate,
    perUnits,
    denominator,
    classLower,
    smoothedColours,
    crudeColours,
    legend,
    unmatchedPolygons,
    unmatchedRows,
    badValues,
    period: period.words,
    summary,
    log,
  };
};
