/**
 * Knox test (near repeats), 5,000 incidents over a 20 km city and one year, NRC's usual bands
 * (100 m × 3, 7 days × 3), 999 permutations. Peer: the textbook method, every pair of incidents
 * binned again in every permutation — timed on a few permutations and compared per permutation,
 * since 999 of them would take minutes.
 */
import { knoxTest } from '../src/analysis/knoxTest';
import { createRandom, shuffleInPlace } from '../src/analysis/random';
import { measure, printTable } from './measure';

const DAY = 86_400_000;

function syntheticBurglaries(n: number, seed: number): { xy: Float64Array; times: number[] } {
  const rng = createRandom(seed);
  const xy = new Float64Array(2 * n);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    // One in five incidents is a near repeat of an earlier one: within 150 m and 10 days.
    if (i > 50 && rng.next() < 0.2) {
      const j = rng.int(i);
      xy[2 * i] = xy[2 * j] + (rng.next() - 0.5) * 300;
      xy[2 * i + 1] = xy[2 * j + 1] + (rng.next() - 0.5) * 300;
      times.push(times[j] + rng.int(10) * DAY);
    } else {
      // Denser towards the centre, as residential burglary is.
      xy[2 * i] = 10_000 + rng.normal() * 4_000;
      xy[2 * i + 1] = 10_000 + rng.normal() * 4_000;
      times.push(rng.int(365) * DAY);
    }
  }
  return { xy, times };
}

/** All pairs re-binned in each permutation: O(P·n²). */
function allPairsKnox(xy: Float64Array, times: number[], permutations: number): number {
  const n = times.length;
  const days = Int32Array.from(times, (t) => Math.floor(t / DAY));
  const table = new Float64Array(5 * 4);
  const rng = createRandom(1);
  let checksum = 0;
  for (let k = 0; k <= permutations; k++) {
    if (k > 0) shuffleInPlace(days, rng);
    table.fill(0);
    for (let i = 0; i < n; i++) {
      const xi = Math.fround(xy[2 * i]);
      const yi = Math.fround(xy[2 * i + 1]);
      for (let j = i + 1; j < n; j++) {
        const d = Math.abs(xi - Math.fround(xy[2 * j])) + Math.abs(yi - Math.fround(xy[2 * j + 1]));
        const row = d === 0 ? 0 : Math.min(4, Math.floor(d / 100) + 1);
        const col = Math.min(3, Math.floor(Math.abs(days[i] - days[j]) / 7));
        table[row * 4 + col]++;
      }
    }
    checksum += table[0];
  }
  return checksum;
}

export async function bench(): Promise<void> {
  const n = 5_000;
  const permutations = 999;
  const peerPermutations = 4;
  const { xy, times } = syntheticBurglaries(n, 7);
  const options = { spaceBandMetres: 100, spaceBandCount: 3, timeBandDays: 7, timeBandCount: 3 };
  let nearPairs = 0;
  const fast = await measure(
    () => {
      nearPairs = knoxTest(xy, times, { ...options, permutations }).nearPairs;
    },
    { runs: 3 },
  );
  const fastObservedOnly = await measure(
    () => knoxTest(xy, times, { ...options, permutations: 0 }),
    {
      runs: 5,
    },
  );
  const peer = await measure(() => allPairsKnox(xy, times, peerPermutations), { runs: 3 });
  const fastPerPermutation = (fast.medianMs - fastObservedOnly.medianMs) / permutations;
  const peerPerPermutation = peer.medianMs / (peerPermutations + 1);
  printTable(
    `Knox test, ${n.toLocaleString('en-US')} incidents, ${nearPairs.toLocaleString('en-US')} pairs within 300 m`,
    [
      {
        method: 'knoxTest (near pairs + day histogram)',
        permutations,
        'median ms': fast.medianMs,
        'ms / permutation': fastPerPermutation,
        'vs all pairs': peerPerPermutation / fastPerPermutation,
      },
      {
        method: 'knoxTest, observed table only',
        permutations: 0,
        'median ms': fastObservedOnly.medianMs,
        'ms / permutation': '—',
        'vs all pairs': '—',
      },
      {
        method: 'all pairs every permutation (peer)',
        permutations: peerPermutations,
        'median ms': peer.medianMs,
        'ms / permutation': peerPerPermutation,
        'vs all pairs': '1 (peer)',
      },
      {
        method: 'all pairs, 999 permutations (extrapolated)',
        permutations,
        'median ms': peerPerPermutation * (permutations + 1),
        'ms / permutation': peerPerPermutation,
        'vs all pairs': '1 (peer)',
      },
    ],
  );
}
