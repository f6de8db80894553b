/**
 * The local metric projection of a data set: the spherical transverse Mercator centred on its
 * bounding box (see `src/analysis/localProjection.ts`). The app and the command line both use this,
 * so the same incidents always land on the same metres.
 */
import { createLocalProjection, type LocalProjection } from '../analysis/localProjection';
import type { IncidentTable } from './incidentTable';

export function tableProjection(table: IncidentTable): LocalProjection {
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (let i = 0; i < table.count; i++) {
    const lon = table.positions[2 * i];
    const lat = table.positions[2 * i + 1];
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  }
  return table.count > 0
    ? createLocalProjection((west + east) / 2, (south + north) / 2)
    : createLocalProjection(0, 0);
}
