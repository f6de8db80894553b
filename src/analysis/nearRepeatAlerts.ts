/**
 * Near-repeat alert zones: turn a Knox test's significant cells into "around this incident, until
 * this date, the risk is raised", for the incidents of the last few days, with how much of the risk
 * period is left so the map can fade each zone as it runs out.
 *
 * The zone of an incident is a circle around it whose radius is the far edge of the largest
 * significant distance band, in metres (for the "same location" band, the same-location tolerance,
 * usually 0: the address itself). With Manhattan distance, the Knox test's own zone is the diamond
 * |dx| + |dy| < radius inside that circle; `metric` says which, for a map that wants to draw it.
 * The risk period runs from the incident to the end of the largest significant time band: band b of
 * width w covers 0 … (b + 1)·w − 1 whole days after the incident's calendar day, so the risk ends at
 * midnight starting day (b + 1)·w. `remaining` = (end − now) / (end − incident time), clamped to 0–1.
 *
 * By default only the cells of the near-repeat pattern count — runs of significant time bands that
 * start at the first band, as in the Near Repeat Calculator's summary (Ratcliffe 2009, NRC 1.3) —
 * so one stray significant cell far out in space or time does not blow up every zone. Alerting the
 * neighbourhood of a fresh incident for the near-repeat window is the practice evaluated by Johnson,
 * S. D., Birks, D. J., McLaughlin, L., Bowers, K. J. & Pease, K. (2007) "Prospective crime mapping
 * in operational context", Home Office Online Report 19/07.
 *
 * Units: metres, floating wall-clock epoch ms, days. Time O(n) for n incidents.
 *
 * @example
 * // Significant: 0–100 m and 100–200 m, both in the first 7 days. A burglary on day 10 at noon,
 * // seen at midnight starting day 14: zone 200 m, ends at day 17 00:00, 3 of 6.5 days left.
 * const DAY = 86_400_000;
 * const cell = { timeBand: 0, observed: 9, ratio: 1.6, p: 0.001, fromFirstTimeBand: true };
 * const knox: NearRepeatAlertSource = {
 *   significantCells: [{ ...cell, spaceBand: 1 }, { ...cell, spaceBand: 2 }],
 *   spaceEdgesMetres: [0, 100, 200, 300, Infinity], timeEdgesDays: [0, 7, 14, 21, Infinity],
 *   sameLocationMetres: 0, metric: 'manhattan',
 * };
 * const alerts = nearRepeatAlerts(knox, new Float64Array([500, 800]), [10.5 * DAY], 14 * DAY);
 * alerts.radiusMetres; // 200
 * alerts.riskDays; // 7
 * alerts.remaining[0]; // 3 / 6.5 = 0.4615…
 */
import { MS_PER_DAY } from './calendar';
import type { KnoxResult } from './knoxTest';

export type NearRepeatAlertSource = Pick<
  KnoxResult,
  'significantCells' | 'spaceEdgesMetres' | 'timeEdgesDays' | 'sameLocationMetres' | 'metric'
>;

export interface NearRepeatAlertOptions {
  /** Incidents up to this many days before `nowMs` get a zone; defaults to `riskDays` (older ones have expired). */
  lookbackDays?: number;
  /** Count only the pattern's cells (runs from the first time band); defaults to true. */
  patternCellsOnly?: boolean;
}

export interface NearRepeatAlerts {
  /** Radius of every zone, in metres (0 when only "same location" is significant). */
  radiusMetres: number;
  /** Length of the risk period after an incident's calendar day, in whole days (0: no pattern). */
  riskDays: number;
  /** The Knox test's distance: with 'manhattan' the zone proper is the diamond inside the circle. */
  metric: KnoxResult['metric'];
  /** Input index of each incident with a zone, in input order. */
  incidents: Int32Array;
  /** Zone centres, interleaved x, y in metres. */
  xy: Float64Array;
  /** Incident times (start of each zone's risk period), floating epoch ms. */
  startMs: Float64Array;
  /** End of each zone's risk period, floating epoch ms. */
  endMs: Float64Array;
  /** Share of the risk period still to run at `nowMs`, 0–1 (0: expired). */
  remaining: Float64Array;
  /** One sentence for the legend. */
  description: string;
}

/** Alert zones for the incidents of the last `lookbackDays` before `nowMs`. */
export function nearRepeatAlerts(
  knox: NearRepeatAlertSource,
  xy: Float64Array,
  timesMs: ArrayLike<number>,
  nowMs: number,
  options: NearRepeatAlertOptions = {},
): NearRepeatAlerts {
  const n = timesMs.length;
  if (xy.length !== 2 * n)
    throw new Error(`xy holds ${xy.length / 2} points but there are ${n} times; they must match`);
  if (!Number.isFinite(nowMs)) throw new Error('nowMs must be a time (floating epoch ms)');
  const patternOnly = options.patternCellsOnly ?? true;
  const cells = knox.significantCells.filter((c) => !patternOnly || c.fromFirstTimeBand);

  let topSpace = -1;
  let topTime = -1;
  for (const c of cells) {
    if (c.spaceBand > topSpace) topSpace = c.spaceBand;
    if (c.timeBand > topTime) topTime = c.timeBand;
  }
  const empty = (description: string): NearRepeatAlerts => ({
    radiusMetres: 0,
    riskDays: 0,
    metric: knox.metric,
    incidents: new Int32Array(0),
    xy: new Float64Array(0),
    startMs: new Float64Array(0),
    endMs: new Float64Array(0),
    remaining: new Float64Array(0),
    description,
  });
  if (cells.length === 0)
    return empty('No significant near-repeat pattern, so there are no alert zones.');

  const radiusMetres = topSpace === 0 ? knox.sameLocationMetres : knox.spaceEdgesMetres[topSpace];
  const riskDays = knox.timeEdgesDays[topTime + 1];
  const lookbackDays = options.lookbackDays ?? riskDays;
  if (!(lookbackDays >= 0)) throw new Error('lookbackDays must be 0 or more');
  const fromMs = nowMs - lookbackDays * MS_PER_DAY;

  const chosen: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = timesMs[i];
    if (t <= nowMs && t > fromMs) chosen.push(i);
  }
  const incidents = Int32Array.from(chosen);
  const centres = new Float64Array(2 * chosen.length);
  const startMs = new Float64Array(chosen.length);
  const endMs = new Float64Array(chosen.length);
  const remaining = new Float64Array(chosen.length);
  chosen.forEach((i, k) => {
    const t = timesMs[i];
    centres[2 * k] = xy[2 * i];
    centres[2 * k + 1] = xy[2 * i + 1];
    startMs[k] = t;
    endMs[k] = (Math.floor(t / MS_PER_DAY) + riskDays) * MS_PER_DAY;
    const span = endMs[k] - t;
    remaining[k] = span > 0 ? Math.min(1, Math.max(0, (endMs[k] - nowMs) / span)) : 0;
  });

  const where =
    topSpace === 0
      ? 'at the same address'
      : `within ${radiusMetres.toLocaleString('en-US')} m${knox.metric === 'manhattan' ? ' (city-block distance)' : ''}`;
  return {
    radiusMetres,
    riskDays,
    metric: knox.metric,
    incidents,
    xy: centres,
    startMs,
    endMs,
    remaining,
    description: `Raised risk ${where} of each incident for ${riskDays} ${riskDays === 1 ? 'day' : 'days'} from the day it happened (counting that day); zones fade as the period runs out.`,
  };
}
