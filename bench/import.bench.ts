/**
 * The whole import (bytes → typed columns, dates and categories included) of generated
 * Chicago-layout files of 300,000 and 1,000,000 rows, against papaparse streaming the same file
 * into the same columns, and papaparse's bare parse to strings — all in this run.
 * Targets (issue 2): ≥ 2.5× papaparse-to-columns; 1,000,000 rows ≤ 2.5 s; ≤ 48 bytes an incident.
 */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { importFiles } from '../src/cli/loadFiles';
import { parseDateString } from '../src/data/dates';
import { analysisBytes, BYTES_PER_INCIDENT } from '../src/data/incidentTable';
import { writeIncidentsCsv } from '../scripts/sample/writeSample';
import { measure, printTable } from './measure';

const OUT = join(import.meta.dirname, 'out');

function file(rows: number): string {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `chicago-${rows}.csv`);
  if (!existsSync(path)) {
    console.log(`generating ${path} …`);
    writeIncidentsCsv(path, { rows, years: Math.max(3, Math.round(rows / 300_000)) });
  }
  return path;
}

/**
 * papaparse streaming rows into the same typed columns the app keeps: positions, times, the six
 * dictionary-coded text columns, the duplicate-id check and the sentinel check.
 */
function papaToColumns(path: string, rows: number): Promise<number> {
  const lon = new Float64Array(rows + 1024);
  const lat = new Float64Array(rows + 1024);
  const time = new Float64Array(rows + 1024);
  const category = new Uint16Array(rows + 1024);
  const description = new Uint16Array(rows + 1024);
  const locationType = new Uint16Array(rows + 1024);
  const beat = new Uint16Array(rows + 1024);
  const district = new Uint16Array(rows + 1024);
  const block = new Uint32Array(rows + 1024);
  const ids = new Set<string>();
  const dicts = Array.from({ length: 6 }, () => new Map<string, number>());
  const code = (d: Map<string, number>, v: string) => {
    let c = d.get(v);
    if (c === undefined) d.set(v, (c = d.size));
    return c;
  };
  let n = 0;
  let header = true;
  return new Promise((resolve, reject) => {
    createReadStream(path)
      .pipe(Papa.parse(Papa.NODE_STREAM_INPUT, {}))
      .on('data', (row: string[]) => {
        if (header) {
          header = false;
          return;
        }
        const la = parseFloat(row[19]);
        const lo = parseFloat(row[20]);
        if (!Number.isFinite(la) || !Number.isFinite(lo) || (row[15] === '0' && row[16] === '0'))
          return;
        const t = parseDateString(row[2]);
        if (Number.isNaN(t)) return;
        if (ids.has(row[0])) return;
        ids.add(row[0]);
        lon[n] = lo;
        lat[n] = la;
        time[n] = t;
        category[n] = code(dicts[0], row[5]);
        description[n] = code(dicts[1], row[6]);
        locationType[n] = code(dicts[2], row[7]);
        beat[n] = code(dicts[3], row[10]);
        district[n] = code(dicts[4], row[11]);
        block[n] = code(dicts[5], row[3]);
        n++;
      })
      .on('end', () => resolve(n))
      .on('error', reject);
  });
}

function papaBare(path: string): Promise<number> {
  let n = 0;
  return new Promise((resolve, reject) => {
    createReadStream(path)
      .pipe(Papa.parse(Papa.NODE_STREAM_INPUT, {}))
      .on('data', () => n++)
      .on('end', () => resolve(n))
      .on('error', reject);
  });
}

export async function bench(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const size of [300_000, 1_000_000]) {
    const path = file(size);
    const mib = statSync(path).size / 2 ** 20;
    let imported = 0;
    let bytesPerIncident = 0;
    const ours = await measure(
      async () => {
        const r = await importFiles([path]);
        imported = r.table.count;
        bytesPerIncident = analysisBytes(r.table) / r.table.count;
      },
      { runs: 3 },
    );
    const papaCols = await measure(() => papaToColumns(path, size), { runs: 3 });
    const papa = await measure(() => papaBare(path), { runs: 3 });
    const row = (name: string, ms: number, cpu: number) => ({
      file: `${size.toLocaleString('en-US')} rows (${mib.toFixed(0)} MiB)`,
      method: name,
      'median ms': Math.round(ms),
      'cpu ms': Math.round(cpu),
      'rows/s': Math.round(size / (ms / 1000)),
      'MiB/s': Number((mib / (ms / 1000)).toFixed(1)),
      'vs ours': Number((ms / ours.medianMs).toFixed(2)),
    });
    rows.push(
      row('COP Planner import (bytes → columns)', ours.medianMs, ours.medianCpuMs),
      row('papaparse stream → same columns', papaCols.medianMs, papaCols.medianCpuMs),
      row('papaparse stream, strings only', papa.medianMs, papa.medianCpuMs),
    );
    console.log(
      `  ${size.toLocaleString('en-US')} rows: imported ${imported.toLocaleString('en-US')}; ${bytesPerIncident.toFixed(1)} bytes an incident in the analysis columns (budget ${BYTES_PER_INCIDENT} ≤ 48); speed-up over papaparse-to-columns ${(papaCols.medianMs / ours.medianMs).toFixed(2)}× wall, ${(papaCols.medianCpuMs / ours.medianCpuMs).toFixed(2)}× CPU (target ≥ 2.5×)`,
    );
  }
  printTable('Import (median of 3 runs)', rows);
}
