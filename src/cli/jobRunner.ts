/**
 * Runs an analysis job from the command line: the same job functions the app's job worker runs,
 * on every imported incident (or a filter), with the same local projection and methods log.
 */
import { projectPositions } from '../analysis/localProjection';
import { tableProjection } from '../data/tableProjection';
import type { ImportResult } from '../data/importSession';
import { filterMask, NO_FILTER, type IncidentFilter } from '../data/incidentFilter';
import { buildJobInput, type JobInput } from '../data/jobInput';

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
