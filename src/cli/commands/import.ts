/** `cop-planner import FILE... [--schema …] [--columns …] [--json]`: the import report. */
import { parseArgs } from 'node:util';
import { REJECT_LABELS, REJECT_REASONS, type ImportReport } from '../../data/importSession';
import type { SchemaId } from '../../data/schemas';
import { CliError, importFiles, parseColumnsOption } from '../loadFiles';
import type { CliCommand } from './types';

const SCHEMAS: readonly (SchemaId | 'auto')[] = ['auto', 'chicago', 'policeuk', 'nyc', 'sf', 'la'];

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      schema: { type: 'string', default: 'auto' },
      columns: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new CliError('import needs at least one FILE');
  const schema = values.schema as SchemaId | 'auto';
  if (!SCHEMAS.includes(schema))
    throw new CliError(`--schema must be one of ${SCHEMAS.join(', ')}`);
  const mapping = values.columns !== undefined ? parseColumnsOption(values.columns) : undefined;
  const { report } = await importFiles(positionals, { schema, mapping });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(formatReport(report));
  }
}

const n = (v: number): string => v.toLocaleString('en-US');

export function formatReport(r: ImportReport): string {
  const lines = [
    `schema        ${r.schemaName} (${r.schema})`,
    `files         ${r.files.map((f) => `${f.name} (${n(f.rowsRead)} rows, ${f.encoding}, "${f.delimiter === '\t' ? '\\t' : f.delimiter}")`).join('; ')}`,
    `rows read     ${n(r.rowsRead)}`,
    `imported      ${n(r.rowsImported)}`,
    `rejected      ${n(r.rowsRead - r.rowsImported)}`,
    ...REJECT_REASONS.filter((k) => r.rejected[k] > 0).map(
      (k) => `  ${n(r.rejected[k]).padStart(10)}  ${REJECT_LABELS[k]}`,
    ),
    `dates         ${r.dateRange ? `${r.dateRange[0]} … ${r.dateRange[1]}` : '—'} (precision: ${r.timePrecision})`,
    `bbox          ${r.bbox ? r.bbox.map((v) => v.toFixed(5)).join(', ') : '—'}`,
    `locations     ${n(r.distinctLocations)} distinct; ${n(r.duplicatesSharingCoordinates)} incidents share exact coordinates`,
    `categories    ${Object.keys(r.categories).length}`,
    ...Object.entries(r.categories)
      .slice(0, 10)
      .map(([name, count]) => `  ${n(count).padStart(10)}  ${name}`),
  ];
  if (r.swapSuggestion) lines.push(`warning       ${r.swapSuggestion}`);
  for (const w of r.warnings) lines.push(`warning       ${w}`);
  return `${lines.join('\n')}\n`;
}

export const importCommand: CliCommand = {
  name: 'import',
  usage: `import FILE... [--schema auto|chicago|policeuk|nyc|sf|la]
         [--columns lat=COL,lon=COL,date=COL,category=COL[,time=COL,end=COL,id=COL,address=COL,x=COL,y=COL,crs=EPSG:NNNN]]
         [--json]      import CSV files and print the import report`,
  run,
};
