/**
 * Exports of cell and area results: GeoJSON (RFC 7946, cells as polygons with every statistic as a
 * property and the methods log as a foreign member) and CSV (one row per cell, the methods log as
 * leading `#` lines, which pandas, R and QGIS skip as comments).
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { cellRing, type CellGeometry } from '../jobs/cellGeometry';

export type CellColumns = Record<string, ArrayLike<number | string> | null>;

function csvValue(v: number | string): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function cellsToGeoJson(
  geometry: CellGeometry,
  columns: CellColumns,
  log: string[],
): FeatureCollection & { methods_log: string[] } {
  const names = Object.keys(columns).filter((k) => columns[k] !== null);
  const count = geometry.centres.length / 2;
  const features: Feature[] = [];
  for (let i = 0; i < count; i++) {
    const properties: Record<string, number | string | null> = { cell: i };
    for (const k of names) {
      const v = (columns[k] as ArrayLike<number | string>)[i];
      properties[k] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
    }
    properties.centre_lon = geometry.centres[2 * i];
    properties.centre_lat = geometry.centres[2 * i + 1];
    if (geometry.kind === 'grid') {
      const polygon: Polygon = { type: 'Polygon', coordinates: [cellRing(geometry, i)] };
      features.push({ type: 'Feature', geometry: polygon, properties });
    } else {
      const source = geometry.geojson.features[i];
      features.push({
        type: 'Feature',
        geometry: source.geometry,
        properties: { ...source.properties, ...properties },
      });
    }
  }
  return { type: 'FeatureCollection', features, methods_log: log };
}

export function cellsToCsv(geometry: CellGeometry, columns: CellColumns, log: string[]): string {
  const names = Object.keys(columns).filter((k) => columns[k] !== null);
  const count = geometry.centres.length / 2;
  const lines = log.map((l) => `# ${l.replace(/\r?\n/g, ' ')}`);
  lines.push(['cell', 'centre_lon', 'centre_lat', ...names].join(','));
  for (let i = 0; i < count; i++) {
    const row: (number | string)[] = [i, geometry.centres[2 * i], geometry.centres[2 * i + 1]];
    for (const k of names) row.push((columns[k] as ArrayLike<number | string>)[i]);
    lines.push(row.map(csvValue).join(','));
  }
  return `${lines.join('\n')}\n`;
}
