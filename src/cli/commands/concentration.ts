/**
 * `cop-planner concentration FILE... [--by cell|block|address|polygon] [--polygons FILE.geojson]
 *   [--id-field NAME] [--cell-size METRES] [--top N] [--json]`: how few places hold a quarter and
 * half of the incidents (Weisburd's law of crime concentration), the Gini and generalised Gini,
 * the Lorenz curve and the top places — the concentration job of the app's Assess panel. `block`
 * and `address` both rank the mapped address column (Chicago `Block`, police.uk `Location`).
 */
import { parseArgs } from 'node:util';
import { concentrationJob, type ConcentrationUnit } from '../../data/jobs/concentrationJob';
import { stderrProgress } from '../jobRunner';
import { CliError } from '../loadFiles';
import {
  deg,
  INPUT_OPTIONS,
  loadInput,
  num,
  positive,
  readPolygons,
  runJob,
  wholeNumber,
} from '../assessArgs';
import type { CliCommand } from './types';

const UNITS: Record<string, ConcentrationUnit> = {
  cell: 'cell',
  block: 'address',
  address: 'address',
  polygon: 'polygon',
};

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      by: { type: 'string', default: 'cell' },
      polygons: { type: 'string' },
      'id-field': { type: 'string' },
      'cell-size': { type: 'string' },
      top: { type: 'string' },
      ...INPUT_OPTIONS,
    },
  });
  const by = UNITS[values.by];
  if (!by) throw new CliError('--by must be cell, block, address or polygon');
  const areas = readPolygons(values.polygons, values['id-field']);
  if (by === 'polygon' && !areas) throw new CliError('--by polygon needs --polygons FILE.geojson');
  const top = wholeNumber(values.top, '--top');
  const input = await loadInput('concentration', positionals, values.schema, values.columns);
  const r = await runJob(() =>
    concentrationJob(
      input,
      { by, areas, cellSizeMetres: positive(values['cell-size'], '--cell-size'), top },
      stderrProgress(values.quiet || values.json),
    ),
  );
  if (values.json) {
    const out = {
      by: values.by,
      unitNoun: r.unitNoun,
      cellSizeMetres: r.cellSizeMetres,
      units: r.units,
      incidents: r.incidents,
      uncounted: r.uncounted,
      unitsWithIncidents: r.unitsWithIncidents,
      gini: r.gini,
      generalisedGini: r.generalisedGini,
      generalisedGiniUnbiased: num(r.generalisedGiniUnbiased),
      unitsFor25: r.unitsFor25,
      shareOfUnitsFor25: r.shareOfUnitsFor25,
      unitsFor50: r.unitsFor50,
      shareOfUnitsFor50: r.shareOfUnitsFor50,
      lorenz: Array.from(r.lorenz.unitShare, (x, k) => [x, r.lorenz.incidentShare[k]]),
      top: r.top.map((t) => ({
        rank: t.rank,
        label: t.label,
        count: t.count,
        share: t.share,
        cumulativeShare: t.cumulativeShare,
        lon: deg(t.lon),
        lat: deg(t.lat),
      })),
      summary: r.summary,
      log: r.log,
    };
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
    return;
  }
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const lines = [
    ...r.summary,
    '',
    `${'rank'.padStart(4)}  ${'count'.padStart(7)}  ${'share'.padStart(6)}  ${'cum.'.padStart(6)}  place`,
    ...r.top.map(
      (t) =>
        `${String(t.rank).padStart(4)}  ${t.count.toLocaleString('en-US').padStart(7)}  ${pct(t.share).padStart(6)}  ${pct(t.cumulativeShare).padStart(6)}  ${t.label}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const concentrationCommand: CliCommand = {
  name: 'concentration',
  usage: `concentration FILE... [--by cell|block|address|polygon] [--polygons FILE.geojson]
         [--id-field NAME] [--cell-size METRES] [--top N] [--json]
                       Lorenz curve, Gini, the places holding 25% and 50%, the top places`,
  run,
};
