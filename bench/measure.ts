/**
 * Timing helpers for `npm run bench`: medians of repeated runs after a warm-up, and a printer for
 * tables of rows. Benchmarks compare against peers measured in the same run, so the ratios — not
 * the absolute times — are what carries between machines.
 */
export interface Timing {
  medianMs: number;
  minMs: number;
  /** Median CPU time of this process (user + system): steadier than wall time on a shared machine. */
  medianCpuMs: number;
  runs: number;
}

export async function measure(
  fn: () => unknown | Promise<unknown>,
  options: { runs?: number; warmup?: number } = {},
): Promise<Timing> {
  const runs = options.runs ?? 7;
  const warmup = options.warmup ?? 1;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return { medianMs: times[mid], minMs: times[0], medianCpuMs: cpu[mid], runs };
}

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n## ${title}`);
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  const cell = (v: string | number) =>
    typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2)) : v;
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(cell(r[k])).length)));
  console.log(keys.map((k, i) => k.padEnd(widths[i])).join('  '));
  for (const r of rows)
    console.log(keys.map((k, i) => String(cell(r[k])).padEnd(widths[i])).join('  '));
}
