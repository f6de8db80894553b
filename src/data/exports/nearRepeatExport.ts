/**
 * Exports of the near-repeat analysis: the Knox table as CSV (one row per space × time band with
 * observed, expected, ratio and p; the methods log as leading `#` lines), and the alert zones as
 * GeoJSON points with their radius and risk period (RFC 7946; the methods log as a foreign member).
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { formatIsoDate, formatIsoLocal } from '../../analysis/calendar';
import type { AlertsResult } from '../jobs/alertsJob';
import type { KnoxJobResult } from '../jobs/knoxJob';

const cell = (v: number) => (Number.isFinite(v) ? String(v) : '');
const text = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function knoxTableCsv(r: KnoxJobResult): string {
  const lines = r.log.map((l) => `# ${l.replace(/\r?\n/g, ' ')}`);
  lines.push('space_band,time_band,observed,expected,knox_ratio,p,significant');
  r.spaceBands.forEach((space, s) =>
    r.timeBands.forEach((time, t) => {
      const significant = r.p[s][t] <= r.alpha && r.ratio[s][t] > 1;
      lines.push(
        [
          text(space),
          text(time),
          cell(r.observed[s][t]),
          cell(r.expected[s][t]),
          cell(r.ratio[s][t]),
          cell(r.p[s][t]),
          significant ? 'yes' : 'no',
        ].join(','),
      );
    }),
  );
  return `${lines.join('\n')}\n`;
}

export function alertZonesGeoJson(
  r: AlertsResult,
): FeatureCollection<Point> & { methods_log: string[] } {
  const features: Feature<Point>[] = [];
  for (let k = 0; k < r.remaining.length; k++)
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.positions[2 * k], r.positions[2 * k + 1]] },
      properties: {
        incident_row: r.incidentIndices[k],
        radius_m: r.radiusMetres,
        distance: r.metric,
        incident_time: formatIsoLocal(r.startMs[k]),
        last_day_at_risk: formatIsoDate(r.endMs[k] - 1),
        share_left: Number(r.remaining[k].toFixed(4)),
        active: r.remaining[k] > 0,
      },
    });
  return { type: 'FeatureCollection', features, methods_log: r.log };
}
