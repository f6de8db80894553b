/**
 * What an analysis job receives: the incidents the current filter keeps, with their positions in
 * metres on the data set's local projection, their times and codes, and the facts a methods log
 * needs. Built in the analysis worker (which holds the table), transferred to a job worker, so a
 * long analysis never blocks filtering and can be cancelled by ending its worker.
 */
import { describeProjection, type LocalProjection } from '../analysis/localProjection';
import { APP_LABEL } from './appInfo';
import { describeFilter, type IncidentFilter } from './incidentFilter';
import type { IncidentTable, TimePrecision } from './incidentTable';

export interface JobInput {
  datasetId: string;
  datasetName: string;
  /** Incidents the filter keeps. */
  count: number;
  /** Their rows in the incident table (for "the incidents in this cell"). */
  indices: Uint32Array;
  /** Interleaved [lon, lat] degrees. */
  positions: Float64Array;
  /** Interleaved [x, y] metres on the local projection. */
  xy: Float64Array;
  projectionCentre: [lon: number, lat: number];
  timeMs: Float64Array;
  windowMinutes: Float32Array;
  category: Uint16Array;
  address: Uint32Array;
  beat: Uint16Array;
  district: Uint16Array;
  locationType: Uint16Array;
  categoryNames: string[];
  categoryGroup: Uint8Array;
  addressNames: string[];
  beatNames: string[];
  districtNames: string[];
  locationTypeNames: string[];
  timePrecision: TimePrecision;
  /** Start times of every incident in the data set, filter or not (for gaps and "complete through"). */
  allTimeMs: Float64Array;
  filter: IncidentFilter;
  /** The first lines of every methods log: app, data set, filter, projection. */
  logHeader: string[];
}

export function buildJobInput(
  table: IncidentTable,
  mask: Uint8Array,
  count: number,
  meta: {
    datasetId: string;
    datasetName: string;
    projection: LocalProjection;
    xy: Float64Array;
    filter: IncidentFilter;
  },
): JobInput {
  const indices = new Uint32Array(count);
  for (let i = 0, k = 0; i < table.count; i++) if (mask[i]) indices[k++] = i;
  const pick2 = (src: Float64Array) => {
    const out = new Float64Array(2 * count);
    for (let k = 0; k < count; k++) {
      out[2 * k] = src[2 * indices[k]];
      out[2 * k + 1] = src[2 * indices[k] + 1];
    }
    return out;
  };
  function pick<T extends Float64Array | Float32Array | Uint16Array | Uint32Array>(
    src: T,
    Ctor: new (n: number) => T,
  ): T {
    const out = new Ctor(count);
    for (let k = 0; k < count; k++) out[k] = src[indices[k]];
    return out;
  }
  const d = table.dictionaries;
  return {
    datasetId: meta.datasetId,
    datasetName: meta.datasetName,
    count,
    indices,
    positions: pick2(table.positions),
    xy: pick2(meta.xy),
    projectionCentre: [meta.projection.centreLon, meta.projection.centreLat],
    timeMs: pick(table.timeMs, Float64Array),
    windowMinutes: pick(table.windowMinutes, Float32Array),
    category: pick(table.category, Uint16Array),
    address: pick(table.address, Uint32Array),
    beat: pick(table.beat, Uint16Array),
    district: pick(table.district, Uint16Array),
    locationType: pick(table.locationType, Uint16Array),
    categoryNames: d.category,
    categoryGroup: table.categoryGroup.slice(),
    addressNames: d.address,
    beatNames: d.beat,
    districtNames: d.district,
    locationTypeNames: d.locationType,
    timePrecision: table.timePrecision,
    allTimeMs: table.timeMs.slice(),
    filter: meta.filter,
    logHeader: [
      `${APP_LABEL}`,
      `Data set: ${meta.datasetName} (${table.count.toLocaleString('en-US')} incidents)`,
      `Filter: ${describeFilter(meta.filter, table.timePrecision)} — ${count.toLocaleString('en-US')} incidents analysed`,
      `Projection: ${describeProjection(meta.projection)}; distances and areas in metres`,
    ],
  };
}

export function jobInputTransferables(input: JobInput): ArrayBuffer[] {
  return [
    input.indices,
    input.positions,
    input.xy,
    input.timeMs,
    input.windowMinutes,
    input.category,
    input.address,
    input.beat,
    input.district,
    input.locationType,
    input.categoryGroup,
    input.allTimeMs,
  ].map((a) => a.buffer as ArrayBuffer);
}
