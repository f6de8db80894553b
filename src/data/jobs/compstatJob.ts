/**
 * CompStat job (issue 6): the change table of the filtered incidents — every category and offence
 * group, optionally inside one area (a boundary polygon or a drawn zone, as GeoJSON) — for the last
 * 7, 28 and 365 days up to the complete-through date, against the period before and the same
 * period a year earlier (364 days back), with % change ("new" when the earlier count is 0) and the
 * exact Poisson test, sorted as `src/analysis/compstat.ts` defines.
 *
 * The page runs it on the filter without its date range: the windows are fixed by the data's
 * complete-through date, not by the dates chosen on the map.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { formatIsoDate } from '../../analysis/calendar';
import {
  compstat,
  type CompstatComparison,
  type CompstatResult,
  type CompstatRow,
  type CompstatWindow,
} from '../../analysis/compstat';
import { createLocalProjection } from '../../analysis/localProjection';
import { preparePolygon } from '../../analysis/pointInPolygon';
import { featuresToPlanar } from '../geojsonPolygons';
import type { TimePrecision } from '../incidentTable';
import type { Job } from './jobTypes';
import {
  analysisPrecision,
  formatPValue,
  fullLengthCodes,
  n,
  nameInSentence,
  offenceGroupCodes,
} from './timeCommon';

export interface CompstatArea {
  /** What the table calls the area ("Beat 0131", "Zone A"). */
  name: string;
  /** A polygon or multipolygon, a Feature of one, or a FeatureCollection (inside any feature). */
  geojson: FeatureCollection | Feature | Geometry;
}

export interface CompstatParams {
  /** Only incidents inside this area; null or absent: everywhere. */
  area?: CompstatArea | null;
  /** Window lengths in days; defaults to [7, 28, 365]. */
  windowsDays?: number[];
  /** Significance level; defaults to 0.05. */
  alpha?: number;
}

export interface CompstatJobResult extends CompstatResult {
  precision: TimePrecision;
  alpha: number;
  areaName: string | null;
  /** Selected incidents inside the area (all selected when there is no area). */
  areaIncidents: number;
  /** Last complete day, ISO date. */
  completeThrough: string;
  /** The headline (the 28-day window, or the first formed). */
  summary: string[];
  /** The same words for each window, aligned with `windows`. */
  summaryByWindow: string[][];
  log: string[];
}

function asCollection(geojson: CompstatArea['geojson']): FeatureCollection {
  if (geojson.type === 'FeatureCollection') return geojson;
  if (geojson.type === 'Feature') return { type: 'FeatureCollection', features: [geojson] };
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: geojson, properties: {} }],
  };
}

/** "+12.5%", "−3.0%", "new", "0%", or "—" when the period is unavailable. */
export function formatChange(c: CompstatComparison): string {
  if (c.isNew) return 'new';
  if (!Number.isFinite(c.changePercent)) return '—';
  if (c.changePercent === 0) return '0%';
  const sign = c.changePercent > 0 ? '+' : '−';
  return `${sign}${Math.abs(c.changePercent).toFixed(1)}%`;
}

function describeRow(row: CompstatRow, windowLabel: string): string {
  const parts: string[] = [];
  for (const [c, against] of [
    [row.previous, `the ${windowLabel} before`],
    [row.yearEarlier, 'a year earlier'],
  ] as const) {
    if (!Number.isFinite(c.count)) continue;
    parts.push(`${formatChange(c)} on ${against} (${n(c.count)}, ${formatPValue(c.p)})`);
  }
  return `${nameInSentence(row.label)}: ${n(row.current)}, ${parts.join('; ') || 'no earlier period to compare'}`;
}

export const compstatJob: Job<CompstatParams, CompstatJobResult> = (input, params, progress) => {
  const alpha = params.alpha ?? 0.05;
  const precision = analysisPrecision(input.timePrecision);
  const log = [...input.logHeader];
  const total = input.allTimeMs.length;

  progress(0.1, params.area ? 'incidents in the area' : 'counting');
  let areaMask: Uint8Array | undefined;
  let areaIncidents = input.count;
  if (params.area) {
    const projection = createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]);
    const polygons = featuresToPlanar(asCollection(params.area.geojson), projection)
      .filter((rings) => rings.length > 0)
      .map(preparePolygon);
    if (polygons.length === 0) {
      throw new Error(
        `The area "${params.area.name}" has no polygon: draw a zone or choose a boundary polygon.`,
      );
    }
    areaMask = new Uint8Array(total);
    areaIncidents = 0;
    for (let k = 0; k < input.count; k++) {
      const x = input.xy[2 * k];
      const y = input.xy[2 * k + 1];
      if (polygons.some((p) => p.contains(x, y))) {
        areaMask[input.indices[k]] = 1;
        areaIncidents++;
      }
    }
    const km2 = polygons.reduce((s, p) => s + p.areaSquareMetres, 0) / 1e6;
    log.push(
      `Area: ${params.area.name} (${km2.toFixed(2)} km², tested in metres on the local projection by the even–odd rule); ${n(areaIncidents)} of ${n(input.count)} selected incidents inside.`,
    );
  }

  const groups = offenceGroupCodes(input);
  const result = compstat(input.allTimeMs, {
    precision,
    selection: input.indices,
    areaMask,
    categories: fullLengthCodes(input, (k) => input.category[k]),
    categoryNames: input.categoryNames.map((c) => c || '(no category)'),
    groups,
    windowsDays: params.windowsDays,
    alpha,
  });
  progress(0.9, 'the table');
  const completeThrough = Number.isFinite(result.completeThroughMs)
    ? formatIsoDate(result.completeThroughMs - 1)
    : '';

  log.push(
    `Method: the CompStat change table (Bratton & Knobler 1998; Henry 2002) — the last ${(params.windowsDays ?? [7, 28, 365]).join(', ')} days up to the complete-through date ${completeThrough || '—'} (${result.coverage.rule}), against the period just before and the same period a year earlier (moved back 364 days, so that weekdays line up; for windows of 364 days or more, the period before).`,
    `Change: (current − earlier) ÷ earlier × 100 on counts; "new" when the earlier count is 0.`,
    `Chance test: the exact conditional test of two Poisson counts (binomial on their sum, R's poisson.test) with the periods' lengths in days as exposures; significant when p < ${alpha}. Not corrected for the number of rows: with many categories, about 1 in 20 will look significant by chance.`,
    `Rows: every category and offence group (${groups.map((g) => g.name).join(', ')}) with an incident in any period. Sort: ${result.sortRule}`,
  );
  for (const w of result.windows) {
    if (w.declined) log.push(`${w.label}: declined — ${w.declined}`);
    for (const [name, p] of [
      ['previous', w.previous],
      ['year-earlier', w.yearEarlier],
    ] as const) {
      if (!w.declined && !p.available) log.push(`${w.label}, ${name} period: ${p.reason}`);
    }
  }

  const describeWindow = (w: CompstatWindow): string[] => {
    if (w.declined) return [w.declined];
    const lines = [
      `${params.area ? `${params.area.name}, l` : 'L'}ast ${w.label} to ${completeThrough}: ${describeRow(w.total, w.label)}.`,
    ];
    const real = w.rows.filter((r) => r.previous.significant || r.yearEarlier.significant);
    lines.push(
      real.length > 0
        ? `Larger than chance (p < ${alpha}): ${real
            .slice(0, 3)
            .map((r) => describeRow(r, w.label))
            .join('; ')}${real.length > 3 ? `; and ${real.length - 3} more` : ''}.`
        : `No category's change over the last ${w.label} is larger than chance.`,
    );
    return lines;
  };
  const summaryByWindow = result.windows.map(describeWindow);
  // The headline: the 28-day window (CompStat's month), else the first that could be formed.
  const main =
    result.windows.findIndex((w) => !w.declined && w.label !== '7 days') >= 0
      ? result.windows.findIndex((w) => !w.declined && w.label !== '7 days')
      : result.windows.findIndex((w) => !w.declined);
  const summary =
    main >= 0
      ? summaryByWindow[main]
      : [result.windows[0]?.declined ?? 'No window could be formed.'];
  progress(1, 'done');
  return {
    ...result,
    precision: input.timePrecision,
    alpha,
    areaName: params.area?.name ?? null,
    areaIncidents,
    completeThrough,
    summary,
    summaryByWindow,
    log,
  };
};
