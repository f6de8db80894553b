/**
 * Trend and day × hour benchmarks:
 * - Mann-Kendall on 50,000 series × 60 values (an emerging-hot-spot run: one test a cell), for
 *   continuous values (Gi* z-scores, no ties) and for counts (many ties). Peer: the textbook O(n²)
 *   pair loop with tie groups counted in a Map, as pyMannKendall's `original_test` computes it.
 * - The 7 × 24 aoristic table on 1,000,000 incidents, 30% with a from–to window (median 8 hours,
 *   a few over a week). Peers: the same call with start times only (the floor: no window spreading)
 *   and a per-hour loop through `Date` getters (the naive way to find each hour's weekday).
 */
import { aoristic } from '../src/analysis/aoristic';
import { floatingMs, MS_PER_HOUR } from '../src/analysis/calendar';
import { mannKendall } from '../src/analysis/mannKendall';
import { twoSidedP } from '../src/analysis/normal';
import { createRandom } from '../src/analysis/random';
import { measure, printTable } from './measure';

const SERIES = 50_000;
const LENGTH = 60;
const INCIDENTS = 1_000_000;

/** Mann-Kendall straight from the definition (every pair; ties grouped in a Map). */
function textbookMannKendall(values: ArrayLike<number>): { S: number; p: number } {
  const x: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) x.push(values[i]);
  const n = x.length;
  let S = 0;
  for (let k = 0; k < n - 1; k++) for (let j = k + 1; j < n; j++) S += Math.sign(x[j] - x[k]);
  const groups = new Map<number, number>();
  for (const v of x) groups.set(v, (groups.get(v) ?? 0) + 1);
  let tie = 0;
  for (const t of groups.values()) tie += t * (t - 1) * (2 * t + 5);
  const varS = (n * (n - 1) * (2 * n + 5) - tie) / 18;
  const z = S > 0 ? (S - 1) / Math.sqrt(varS) : S < 0 ? (S + 1) / Math.sqrt(varS) : 0;
  return { S, p: twoSidedP(z) };
}

/** The aoristic table the naive way: walk each window hour by hour through Date getters. */
function dateGetterAoristic(startMs: Float64Array, endMs: Float64Array): Float64Array {
  const table = new Float64Array(168);
  const cellOf = (ms: number) => {
    const d = new Date(ms);
    return ((d.getUTCDay() + 6) % 7) * 24 + d.getUTCHours();
  };
  for (let i = 0; i < startMs.length; i++) {
    const s = startMs[i];
    const e = endMs[i];
    if (!(e > s)) {
      table[cellOf(s)]++;
      continue;
    }
    if (e - s >= 7 * 24 * MS_PER_HOUR) {
      for (let c = 0; c < 168; c++) table[c] += 1 / 168;
      continue;
    }
    for (let h = Math.floor(s / MS_PER_HOUR); h * MS_PER_HOUR < e; h++) {
      const from = h * MS_PER_HOUR;
      const overlap = Math.min(e, from + MS_PER_HOUR) - Math.max(s, from);
      table[cellOf(from)] += overlap / (e - s);
    }
  }
  return table;
}

function seriesData(kind: 'continuous' | 'counts'): Float64Array[] {
  const rng = createRandom(kind === 'continuous' ? 1 : 2);
  const data = new Float64Array(SERIES * LENGTH);
  for (let s = 0; s < SERIES; s++) {
    const drift = (rng.next() - 0.5) * 0.1;
    for (let t = 0; t < LENGTH; t++) {
      const v = rng.normal() + drift * t;
      // counts: a small Poisson-like integer (0–8), so ties are everywhere
      data[s * LENGTH + t] = kind === 'continuous' ? v : Math.max(0, Math.round(3 + 1.5 * v));
    }
  }
  return Array.from({ length: SERIES }, (_, s) => data.subarray(s * LENGTH, (s + 1) * LENGTH));
}

function incidents(): { startMs: Float64Array; endMs: Float64Array } {
  const rng = createRandom(3);
  const startMs = new Float64Array(INCIDENTS);
  const endMs = new Float64Array(INCIDENTS).fill(NaN);
  const from = floatingMs(2019, 1, 1);
  const span = floatingMs(2024, 1, 1) - from;
  for (let i = 0; i < INCIDENTS; i++) {
    startMs[i] = from + Math.floor((rng.next() * span) / 60_000) * 60_000;
    if (rng.next() < 0.3) {
      // log-normal window, median 8 hours; about 3% run past a week
      const hours = 8 * Math.exp(1.6 * rng.normal());
      endMs[i] = startMs[i] + Math.round(hours * 60) * 60_000;
    }
  }
  return { startMs, endMs };
}

export async function bench(): Promise<void> {
  const mkRows: Record<string, string | number>[] = [];
  for (const kind of ['continuous', 'counts'] as const) {
    const series = seriesData(kind);
    for (let s = 0; s < 100; s++) {
      if (mannKendall(series[s]).S !== textbookMannKendall(series[s]).S) {
        throw new Error(`Mann-Kendall disagrees with the textbook on series ${s}`);
      }
    }
    const fast = await measure(
      () => {
        for (let s = 0; s < SERIES; s++) mannKendall(series[s]);
      },
      { runs: 7 },
    );
    const naive = await measure(
      () => {
        for (let s = 0; s < SERIES; s++) textbookMannKendall(series[s]);
      },
      { runs: 3 },
    );
    mkRows.push({
      values: kind,
      'mannKendall ms': fast.medianMs,
      'textbook O(n²) ms': naive.medianMs,
      'textbook / mannKendall': naive.medianMs / fast.medianMs,
    });
  }
  printTable(
    `Mann-Kendall, ${SERIES.toLocaleString('en-US')} series × ${LENGTH} values (median of runs)`,
    mkRows,
  );

  const { startMs, endMs } = incidents();
  const windowed = endMs.reduce((n, e) => (e === e ? n + 1 : n), 0);
  const table = aoristic(startMs, { endMs }).table;
  const naiveTable = dateGetterAoristic(startMs, endMs);
  let worst = 0;
  for (let c = 0; c < 168; c++) worst = Math.max(worst, Math.abs(table[c] - naiveTable[c]));
  if (worst > 1e-6) throw new Error(`aoristic disagrees with the Date-getter peer by ${worst}`);
  const aor = await measure(() => aoristic(startMs, { endMs }), { runs: 7 });
  const starts = await measure(() => aoristic(startMs, { endMs, startTimesOnly: true }), {
    runs: 7,
  });
  const naive = await measure(() => dateGetterAoristic(startMs, endMs), { runs: 3 });
  printTable(
    `Aoristic 7 × 24 table, ${INCIDENTS.toLocaleString('en-US')} incidents (${windowed.toLocaleString('en-US')} with windows)`,
    [
      { method: 'aoristic (windows spread)', 'median ms': aor.medianMs, 'vs aoristic': 1 },
      {
        method: 'aoristic, start times only',
        'median ms': starts.medianMs,
        'vs aoristic': starts.medianMs / aor.medianMs,
      },
      {
        method: 'per-hour Date getters (naive)',
        'median ms': naive.medianMs,
        'vs aoristic': naive.medianMs / aor.medianMs,
      },
    ],
  );
}
