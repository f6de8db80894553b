/**
 * Exports of "which method predicts best": the hit rate / PAI / PEI table as CSV (the methods log
 * as leading `#` lines), and the cells' columns for GeoJSON/CSV — each method's score, the
 * training and test counts.
 */
import type { PredictResult } from '../jobs/predictJob';
import type { CellColumns } from './cellsExport';

export function predictTableCsv(r: PredictResult): string {
  const value = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '');
  const lines = r.log.map((l) => `# ${l.replace(/\r?\n/g, ' ')}`);
  lines.push('method,area_share,hit_rate,pai,pei,incidents_captured,best_hit_rate');
  for (const m of r.methods)
    for (const s of m.atShares)
      lines.push(
        [
          m.id,
          s.areaShare,
          value(s.hitRate),
          value(s.pai),
          value(s.pei),
          value(s.incidentsCaptured),
          value(s.bestHitRate),
        ].join(','),
      );
  return `${lines.join('\n')}\n`;
}

export function predictColumns(r: PredictResult): CellColumns {
  const columns: CellColumns = { train_count: r.trainCounts, test_count: r.testCounts };
  for (const m of r.methods) columns[`score_${m.id}`] = m.available ? m.scores : null;
  return columns;
}
