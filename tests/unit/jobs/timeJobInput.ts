/**
 * Small hand-made job inputs for the time jobs: a list of incidents (time, category, optional
 * window and position), some of them selected by the "filter", as the analysis worker would send.
 */
import { groupCodes } from '../../../src/data/offenceGroups';
import type { TimePrecision } from '../../../src/data/incidentTable';
import type { JobInput } from '../../../src/data/jobInput';
import { NO_FILTER } from '../../../src/data/incidentFilter';

export interface HandIncident {
  /** Floating ms (calendar.ts `floatingMs`). */
  t: number;
  category: string;
  /** Minutes from start to the end of a from–to window. */
  windowMinutes?: number;
  /** Planar metres on the input's projection (0, 0 by default). */
  x?: number;
  y?: number;
  /** Kept by the filter; default true. */
  selected?: boolean;
}

export function handInput(incidents: HandIncident[], precision: TimePrecision = 'time'): JobInput {
  const categoryNames = ['', ...new Set(incidents.map((i) => i.category))];
  const picked = incidents
    .map((incident, row) => ({ incident, row }))
    .filter(({ incident }) => incident.selected ?? true);
  const count = picked.length;
  const xy = new Float64Array(2 * count);
  picked.forEach(({ incident }, k) => {
    xy[2 * k] = incident.x ?? 0;
    xy[2 * k + 1] = incident.y ?? 0;
  });
  return {
    datasetId: 'hand',
    datasetName: 'hand',
    count,
    indices: Uint32Array.from(picked, (p) => p.row),
    positions: new Float64Array(2 * count),
    xy,
    projectionCentre: [0, 0],
    timeMs: Float64Array.from(picked, (p) => p.incident.t),
    windowMinutes: Float32Array.from(picked, (p) => p.incident.windowMinutes ?? NaN),
    category: Uint16Array.from(picked, (p) => categoryNames.indexOf(p.incident.category)),
    address: new Uint32Array(count),
    beat: new Uint16Array(count),
    district: new Uint16Array(count),
    locationType: new Uint16Array(count),
    categoryNames,
    categoryGroup: groupCodes(categoryNames),
    addressNames: [''],
    beatNames: [''],
    districtNames: [''],
    locationTypeNames: [''],
    timePrecision: precision,
    allTimeMs: Float64Array.from(incidents, (i) => i.t),
    filter: NO_FILTER,
    logHeader: ['COP Planner (test)'],
  };
}
