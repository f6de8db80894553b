/**
 * Hand-made job inputs for the assessment job tests: incidents placed in metres around a centre,
 * with categories, times and addresses, turned into the JobInput the worker would send.
 */
import { createLocalProjection } from '../../../src/analysis/localProjection';
import { NO_FILTER } from '../../../src/data/incidentFilter';
import type { JobInput } from '../../../src/data/jobInput';

export interface HandIncident {
  x: number;
  y: number;
  category?: string;
  address?: string;
  /** Floating ms; default 2024-06-01. */
  timeMs?: number;
}

export const CENTRE: [number, number] = [-88.9, 40.1];

export function handInput(incidents: HandIncident[]): JobInput {
  const projection = createLocalProjection(CENTRE[0], CENTRE[1]);
  const count = incidents.length;
  const categoryNames: string[] = [];
  const addressNames = [''];
  const code = (names: string[], name: string) => {
    const k = names.indexOf(name);
    if (k >= 0) return k;
    names.push(name);
    return names.length - 1;
  };
  const positions = new Float64Array(2 * count);
  const xy = new Float64Array(2 * count);
  const timeMs = new Float64Array(count);
  const category = new Uint16Array(count);
  const address = new Uint32Array(count);
  incidents.forEach((inc, i) => {
    const [lon, lat] = projection.inverse(inc.x, inc.y);
    positions[2 * i] = lon;
    positions[2 * i + 1] = lat;
    const [x, y] = projection.forward(lon, lat);
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
    timeMs[i] = inc.timeMs ?? Date.UTC(2024, 5, 1);
    category[i] = code(categoryNames, inc.category ?? 'THEFT');
    address[i] = inc.address === undefined ? 0 : code(addressNames, inc.address);
  });
  return {
    datasetId: 'hand',
    datasetName: 'hand case',
    count,
    indices: Uint32Array.from({ length: count }, (_, i) => i),
    positions,
    xy,
    projectionCentre: CENTRE,
    timeMs,
    windowMinutes: new Float32Array(count),
    category,
    address,
    beat: new Uint16Array(count),
    district: new Uint16Array(count),
    locationType: new Uint16Array(count),
    categoryNames,
    categoryGroup: new Uint8Array(categoryNames.length),
    addressNames,
    beatNames: [''],
    districtNames: [''],
    locationTypeNames: [''],
    timePrecision: 'time',
    allTimeMs: timeMs.slice(),
    filter: NO_FILTER,
    logHeader: ['COP Planner (test)', 'Data set: hand case'],
  };
}

/** A square polygon in lon/lat from metres around the centre. */
export function squareFeature(
  x0: number,
  y0: number,
  side: number,
  properties: Record<string, unknown>,
): GeoJSON.Feature<GeoJSON.Polygon> {
  const projection = createLocalProjection(CENTRE[0], CENTRE[1]);
  const ring = [
    [x0, y0],
    [x0 + side, y0],
    [x0 + side, y0 + side],
    [x0, y0 + side],
    [x0, y0],
  ].map(([x, y]) => projection.inverse(x, y));
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties };
}
