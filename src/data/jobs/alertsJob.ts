/**
 * Near-repeat alert zones (issue 7) as a job: from a Knox result's significant bands
 * (`nearRepeatAlerts`), the area and period of raised risk around each incident of the last N days,
 * with the share of the period still to run so that the map can fade each zone as it runs out.
 * "Now" is the end of the last day with a filtered incident unless given: the data are historical.
 */
import { formatIsoDate, MS_PER_DAY, startOfDay } from '../../analysis/calendar';
import { createLocalProjection } from '../../analysis/localProjection';
import { nearRepeatAlerts, type NearRepeatAlertSource } from '../../analysis/nearRepeatAlerts';
import type { Job } from './jobTypes';

export interface AlertsParams {
  /** The Knox test's bands and significant cells (a `KnoxResult` or its parts). */
  knox: NearRepeatAlertSource;
  /** Incidents up to this many days before now get a zone; default: the risk period. */
  lookbackDays?: number;
  /** "Now", floating epoch ms; default: midnight ending the last day with a filtered incident. */
  nowMs?: number;
}

export interface AlertsResult {
  radiusMetres: number;
  riskDays: number;
  metric: NearRepeatAlertSource['metric'];
  nowMs: number;
  lookbackDays: number;
  /** Zones: centres as interleaved [lon, lat]. */
  positions: Float64Array;
  /** Rows of the incident table of each zone's incident. */
  incidentIndices: Uint32Array;
  startMs: Float64Array;
  endMs: Float64Array;
  /** Share of the risk period left at `nowMs`, 0–1. */
  remaining: Float64Array;
  description: string;
  summary: string[];
  log: string[];
}

const n = (x: number) => x.toLocaleString('en-US');

export const alertsJob: Job<AlertsParams, AlertsResult> = (input, params, progress) => {
  if (input.count === 0)
    throw new Error('No incidents match the current filters, so there is nothing to alert on.');
  let latest = -Infinity;
  for (let i = 0; i < input.count; i++) latest = Math.max(latest, input.timeMs[i]);
  const nowMs = params.nowMs ?? startOfDay(latest) + MS_PER_DAY;
  const alerts = nearRepeatAlerts(params.knox, input.xy, input.timeMs, nowMs, {
    lookbackDays: params.lookbackDays,
  });
  const lookbackDays = params.lookbackDays ?? alerts.riskDays;
  const projection = createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]);
  const zones = alerts.incidents.length;
  const positions = new Float64Array(2 * zones);
  const incidentIndices = new Uint32Array(zones);
  for (let k = 0; k < zones; k++) {
    const i = alerts.incidents[k];
    incidentIndices[k] = input.indices[i];
    const [lon, lat] = projection.inverse(alerts.xy[2 * k], alerts.xy[2 * k + 1]);
    positions[2 * k] = lon;
    positions[2 * k + 1] = lat;
  }
  let live = 0;
  for (let k = 0; k < zones; k++) if (alerts.remaining[k] > 0) live++;
  const asOf = `as of ${formatIsoDate(nowMs - 1)} (end of day)`;
  const summary =
    alerts.riskDays === 0
      ? [alerts.description]
      : [
          alerts.description,
          zones === 0
            ? `No incident in the ${n(lookbackDays)} days up to ${formatIsoDate(nowMs - 1)}, so no zone is active.`
            : `${n(zones)} incidents in the ${n(lookbackDays)} days up to ${formatIsoDate(nowMs - 1)}; ${n(live)} of their zones are still active ${asOf}.`,
        ];
  progress(1, 'done');
  return {
    radiusMetres: alerts.radiusMetres,
    riskDays: alerts.riskDays,
    metric: alerts.metric,
    nowMs,
    lookbackDays,
    positions,
    incidentIndices,
    startMs: alerts.startMs,
    endMs: alerts.endMs,
    remaining: alerts.remaining,
    description: alerts.description,
    summary,
    log: [
      ...input.logHeader,
      'Near-repeat alert zones (after Johnson et al. 2007, "Prospective crime mapping in operational context"): the Knox test’s significant near-repeat pattern — runs of significant time bands from the first, as the Near Repeat Calculator’s summary reads them — gives the radius (far edge of the largest significant distance band) and the risk period (end of the largest significant time band, counted from the incident’s calendar day).',
      `Radius ${n(alerts.radiusMetres)} m${alerts.metric === 'manhattan' ? ' (the Knox test used city-block distance, so the zone proper is the diamond |dx| + |dy| < radius inside the circle drawn)' : ''}; risk period ${n(alerts.riskDays)} days; incidents of the ${n(lookbackDays)} days up to ${formatIsoDate(nowMs - 1)}; "now" = ${formatIsoDate(nowMs)} 00:00${params.nowMs === undefined ? ' (the end of the last day with a filtered incident)' : ''}.`,
      ...summary.map((s) => `Result: ${s}`),
    ],
  };
};
