import type { HotspotResult } from '../jobs/hotspotsJob';
import { QUADRANT_LABELS } from '../../analysis/localMoran';
import type { CellColumns } from './cellsExport';

const BIN_NAMES: Record<number, string> = {
  [-3]: 'cold 99%',
  [-2]: 'cold 95%',
  [-1]: 'cold 90%',
  0: 'not significant',
  1: 'hot 90%',
  2: 'hot 95%',
  3: 'hot 99%',
};

/** Every statistic of a hot spot result, by column, for GeoJSON and CSV exports. */
export function hotspotColumns(r: HotspotResult): CellColumns {
  const label = (code: number) => (r.method === 'lisa' ? QUADRANT_LABELS[code] : BIN_NAMES[code]);
  const columns: CellColumns = { count: r.counts };
  if (r.geometry.kind === 'areas') columns.area = r.geometry.labels;
  if (r.method === 'gistar' || r.method === 'gi') {
    columns.gi_z = r.z;
    columns.gi_p = r.p;
    columns.gi_bin = r.bin;
    columns.gi_class = Array.from(r.bin, label);
  } else if (r.method === 'lisa') {
    columns.lisa_i = r.I;
    columns.lisa_z = r.z;
    columns.lisa_p = r.p;
    columns.lisa_psim = r.pSim;
    columns.lisa_cluster = Array.from(r.bin, label);
  }
  if (r.robustHot) columns.hot_every_scale = r.robustHot;
  if (r.robustCold) columns.cold_every_scale = r.robustCold;
  return columns;
}
