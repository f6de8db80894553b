/**
 * `cop-planner compstat FILE... [--area FILE.geojson] [--days 7,28,365] [--json]`: the CompStat
 * change table — every category and offence group, the last 7, 28 and 365 days against the period
 * before and a year earlier, % change and the exact Poisson test — as the app's time panel shows it.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { FeatureCollection } from 'geojson';
import type { CompstatComparison, CompstatRow } from '../../analysis/compstat';
import { formatIsoDate } from '../../analysis/calendar';
import { compstatJob, formatChange, type CompstatJobResult } from '../../data/jobs/compstatJob';
import { stderrProgress } from '../jobRunner';
import { CliError } from '../loadFiles';
import { loadJobInput, runJobOrFail } from './trend';
import type { CliCommand } from './types';

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

function comparisonJson(c: CompstatComparison) {
  return {
    count: finite(c.count),
    change: formatChange(c),
    changePercent: finite(c.changePercent),
    isNew: c.isNew,
    p: finite(c.p),
    significant: c.significant,
  };
}

function rowJson(r: CompstatRow) {
  return {
    kind: r.kind,
    label: r.label,
    current: finite(r.current),
    previous: comparisonJson(r.previous),
    yearEarlier: comparisonJson(r.yearEarlier),
  };
}

/** The change table as the command line prints it with --json (NaN written as null). */
export function compstatJson(result: CompstatJobResult) {
  const period = (p: { startMs: number; endMs: number; available: boolean; reason?: string }) => ({
    from: formatIsoDate(p.startMs),
    to: formatIsoDate(p.endMs - 1),
    available: p.available,
    ...(p.reason ? { reason: p.reason } : {}),
  });
  return {
    completeThrough: result.completeThrough,
    area: result.areaName,
    alpha: result.alpha,
    sortRule: result.sortRule,
    windows: result.windows.map((w) => ({
      window: w.label,
      ...(w.declined ? { declined: w.declined } : {}),
      current: period(w.current),
      previous: period(w.previous),
      yearEarlier: period(w.yearEarlier),
      total: rowJson(w.total),
      rows: w.rows.map(rowJson),
    })),
  };
}

const n = (v: number): string => (Number.isFinite(v) ? v.toLocaleString('en-US') : '—');
const p = (v: number): string => (Number.isFinite(v) ? (v < 0.001 ? '<0.001' : v.toFixed(3)) : '—');

function textTable(result: CompstatJobResult): string {
  const lines = [
    `complete through ${result.completeThrough}${result.areaName ? `; area ${result.areaName} (${n(result.areaIncidents)} incidents)` : ''}`,
    `* = change larger than chance (exact Poisson test, p < ${result.alpha}); ${result.sortRule}`,
  ];
  for (const w of result.windows) {
    lines.push(
      '',
      `== last ${w.label}: ${formatIsoDate(w.current.startMs)} to ${formatIsoDate(w.current.endMs - 1)}`,
    );
    if (w.declined) {
      lines.push(`   declined: ${w.declined}`);
      continue;
    }
    for (const [name, period] of [
      ['before', w.previous],
      ['year earlier', w.yearEarlier],
    ] as const) {
      if (!period.available) lines.push(`   ${name}: ${period.reason}`);
    }
    lines.push(
      `${'offence'.padEnd(34)} ${'now'.padStart(7)} ${'before'.padStart(7)} ${'change'.padStart(8)} ${'p'.padStart(7)}  ${'yr ago'.padStart(7)} ${'change'.padStart(8)} ${'p'.padStart(7)}`,
    );
    for (const r of [w.total, ...w.rows]) {
      const cell = (c: CompstatComparison) =>
        `${n(c.count).padStart(7)} ${formatChange(c).padStart(8)} ${p(c.p).padStart(6)}${c.significant ? '*' : ' '}`;
      lines.push(
        `${r.label.slice(0, 34).padEnd(34)} ${n(r.current).padStart(7)} ${cell(r.previous)}  ${cell(r.yearEarlier)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      area: { type: 'string' },
      'area-name': { type: 'string' },
      days: { type: 'string' },
      alpha: { type: 'string' },
      schema: { type: 'string', default: 'auto' },
      columns: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  let windowsDays: number[] | undefined;
  if (values.days !== undefined) {
    windowsDays = values.days.split(',').map((d) => Number(d.trim()));
    if (windowsDays.some((d) => !(Number.isInteger(d) && d > 0)))
      throw new CliError('--days must be whole numbers of days, comma-separated (e.g. 7,28,365)');
  }
  const alpha = values.alpha === undefined ? undefined : Number(values.alpha);
  if (alpha !== undefined && !(alpha > 0 && alpha < 1))
    throw new CliError('--alpha must be a number between 0 and 1');
  let area: { name: string; geojson: FeatureCollection } | undefined;
  if (values.area !== undefined) {
    let geojson: FeatureCollection;
    try {
      geojson = JSON.parse(readFileSync(values.area, 'utf8')) as FeatureCollection;
    } catch {
      throw new CliError(`cannot read "${values.area}" as GeoJSON`);
    }
    area = { name: values['area-name'] ?? basename(values.area), geojson };
  }
  const input = await loadJobInput(positionals, values, 'compstat');
  const result = await runJobOrFail(() =>
    compstatJob(input, { area, windowsDays, alpha }, stderrProgress(values.quiet || values.json)),
  );
  if (values.json) process.stdout.write(`${JSON.stringify(compstatJson(result), null, 1)}\n`);
  else process.stdout.write(textTable(result));
}

export const compstatCommand: CliCommand = {
  name: 'compstat',
  usage: `compstat FILE... [--area ZONE.geojson [--area-name NAME]] [--days 7,28,365] [--alpha A]
         [--schema …] [--columns …] [--json]      the CompStat change table with Poisson tests`,
  run,
};
