/**
 * Runs an analysis job from the command line: the same job functions the app's job worker runs,
 * on every imported incident (or a filter), with the same local projection and methods log.
 */
import { createLocalProjection, projectPositions } from '../analysis/localProjection';
import type { ImportResult } from '../data/importSession';
import { filterMask, NO_FILTER, type IncidentFilter } from '../data/incidentFilter';
import { buildJobInput, type JobInput } from '../data/jobInput';
import type { IncidentTable } from '../data/incidentTable';

/** The projection the app uses for a table: centred on its bounding box. */
export function tableProjection(table: IncidentTable) {
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (let i = 0; i < table.count; i++) {
    const lon = table.positions[2 * i];
    const lat = table.positions[2 * i + 1];
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return table.count > 0
    ? createLocalProjection((west + east) / 2, (south + north) / 2)
    : createLocalProjection(0, 0);
}

export function cliJobInput(
  imported: ImportResult,
  name: string,
  filter: IncidentFilter = NO_FILTER,
): JobInput {
  const { table } = imported;
  const projection = tableProjection(table);
  const xy = projectPositions(table.positions, projection);
  const { mask, count } = filterMask(table, filter);
  return buildJobInput(table, mask, count, {
    datasetId: 'cli',
    datasetName: name,
    projection,
    xy,
    filter,
  });
}

/** Progress on stderr, so stdout stays clean for --json. */
export function stderrProgress(quiet: boolean): (fraction: number, stage: string) => void {
  let last = -1;
  return (fraction, stage) => {
    if (quiet) return;
    const pct = Math.floor(fraction * 10) * 10;
    if (pct !== last) {
      last = pct;
      process.stderr.write(`  ${pct}% ${stage}\n`);
    }
  };
}
