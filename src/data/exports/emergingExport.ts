/**
 * Export columns of an Emerging Hot Spot Analysis: per analysed cell its grid id (the `id` of
 * `cop-planner emerging`), Esri's pattern code (ArcGIS's CATEGORY) and name, the Mann-Kendall trend
 * of its z series, its incidents and hot/cold bins, and the Gi* z of every time step.
 */
import { formatIsoDate } from '../../analysis/calendar';
import { emergingPatternName } from '../../analysis/emergingHotSpots';
import { PATTERN_MEANING, type EmergingResult } from '../jobs/emergingJob';
import type { CellColumns } from './cellsExport';

export function emergingColumns(r: EmergingResult): CellColumns {
  const T = r.stepCount;
  const level = r.confidence === 90 ? 1 : r.confidence === 95 ? 2 : 3;
  const hot = new Int32Array(r.cellCount);
  const cold = new Int32Array(r.cellCount);
  for (let a = 0; a < r.cellCount; a++)
    for (let t = 0; t < T; t++) {
      const b = r.bins[a * T + t];
      if (b >= level) hot[a]++;
      else if (b <= -level) cold[a]++;
    }
  const columns: CellColumns = {
    grid_id: r.cellIds,
    pattern_code: r.pattern,
    pattern: Array.from(r.pattern, (c) => emergingPatternName(c)),
    meaning: Array.from(r.pattern, (c) => PATTERN_MEANING[c]),
    incidents: r.totals,
    hot_steps: hot,
    cold_steps: cold,
    trend_tau: r.trendTau,
    trend_p: r.trendP,
    trend_z: r.trendZ,
  };
  for (let t = 0; t < T; t++) {
    const z = new Float64Array(r.cellCount);
    for (let a = 0; a < r.cellCount; a++) z[a] = Number(r.z[a * T + t].toFixed(4));
    columns[`z_${formatIsoDate(r.stepEdgesMs[t])}`] = z;
  }
  return columns;
}
