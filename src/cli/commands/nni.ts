/**
 * `cop-planner nni FILE... [--area rectangle|hull] [--polygons FILE.geojson] [--json]`: the
 * Clark–Evans nearest neighbour index with the study area it depends on, and the mean centre and
 * standard deviational ellipse (√2 convention) of all incidents and of each large category — the
 * point pattern job of the app's Assess panel.
 */
import { parseArgs } from 'node:util';
import { pointPatternJob, type NniArea } from '../../data/jobs/pointPatternJob';
import { stderrProgress } from '../jobRunner';
import { CliError } from '../loadFiles';
import { deg, INPUT_OPTIONS, loadInput, readPolygons, runJob } from '../assessArgs';
import type { CliCommand } from './types';

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      area: { type: 'string' },
      polygons: { type: 'string' },
      'id-field': { type: 'string' },
      ...INPUT_OPTIONS,
    },
  });
  const areas = readPolygons(values.polygons, values['id-field']);
  const area = (values.area ?? (areas ? 'polygons' : 'rectangle')) as NniArea;
  if (area !== 'rectangle' && area !== 'hull' && area !== 'polygons')
    throw new CliError('--area must be rectangle or hull (or give --polygons)');
  if (area === 'polygons' && !areas) throw new CliError('--area polygons needs --polygons FILE');
  const input = await loadInput('nni', positionals, values.schema, values.columns);
  const r = await runJob(() =>
    pointPatternJob(input, { nniArea: area, areas }, stderrProgress(values.quiet || values.json)),
  );
  if (values.json) {
    const { nni } = r;
    const out = {
      count: nni.count,
      observedMeanDistanceMetres: nni.observedMeanDistanceMetres,
      expectedMeanDistanceMetres: nni.expectedMeanDistanceMetres,
      ratio: nni.ratio,
      standardErrorMetres: nni.standardErrorMetres,
      zScore: nni.zScore,
      pValue: nni.pValue,
      studyArea: nni.studyArea,
      incidentsSharingCoordinates: nni.incidentsSharingCoordinates,
      distinctLocations: nni.distinctLocations,
      warning: nni.warning ?? null,
      explanation: r.nniExplanation,
      ellipses: r.ellipses.map((e) => ({
        ...e,
        meanCentreLon: deg(e.meanCentreLon),
        meanCentreLat: deg(e.meanCentreLat),
      })),
      log: r.log,
    };
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
    return;
  }
  const lines = [...r.nniExplanation, ''];
  lines.push(
    `${'ellipse'.padEnd(28)}  ${'count'.padStart(7)}  ${'major km'.padStart(8)}  ${'minor km'.padStart(8)}  ${'rotation'.padStart(8)}  inside`,
    ...r.ellipses.map(
      (e) =>
        `${e.name.slice(0, 28).padEnd(28)}  ${e.count.toLocaleString('en-US').padStart(7)}  ${((2 * e.majorSemiAxisMetres) / 1000).toFixed(2).padStart(8)}  ${((2 * e.minorSemiAxisMetres) / 1000).toFixed(2).padStart(8)}  ${`${e.rotationDegrees.toFixed(0)}°`.padStart(8)}  ${(100 * e.shareInside).toFixed(0)}%`,
    ),
    '',
    r.summary[2],
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const nniCommand: CliCommand = {
  name: 'nni',
  usage: `nni FILE... [--area rectangle|hull] [--polygons FILE.geojson] [--json]
                       nearest neighbour index (Clark–Evans) and standard deviational ellipses`,
  run,
};
