/**
 * "Suggest patrol zones" (issue 8): K circles of walkable size placed to cover the most filtered
 * incidents, by greedy maximal covering (maximalCovering.ts: Church & ReVelle 1974; at least
 * 1 − 1/e ≈ 63% of the best possible, Nemhauser, Wolsey & Fisher 1978), with the coverage curve
 * against K (one run: greedy picks are nested) and against zone size (one run per radius).
 *
 * Candidate centres: the centres of hot-spot cells the page sends, or else the mean position of the
 * incidents in each square of side r / 2 that holds any (so a centre sits where incidents are, and
 * no place is more than r/√8 from a candidate). Incidents at one coordinate are counted once with a
 * weight (distinctLocations.ts), which gives the same coverage with fewer radius queries.
 */
import { distinctLocations } from '../../analysis/distinctLocations';
import { createLocalProjection } from '../../analysis/localProjection';
import {
  coverageByZoneSize,
  maximalCovering,
  radiusFromArea,
  type CoverageBySize,
  type CoveragePoint,
} from '../../analysis/maximalCovering';
import type { Job } from './jobTypes';

export interface PatrolZonesParams {
  /** K, the number of zones; 1–50. */
  zoneCount: number;
  /** Walkable size: a radius in metres or an area in m² (the circle of that area). */
  size: { radiusMetres: number } | { areaSquareMetres: number };
  /** Candidate centres as interleaved [lon, lat], e.g. hot-spot cells; default: from the incidents. */
  candidates?: { positions: number[]; label: string } | null;
  /** Radii for the coverage-against-size curve, metres; default 100–1,000 m and the chosen one. */
  compareRadiiMetres?: number[];
}

export interface SuggestedZone {
  rank: number;
  lon: number;
  lat: number;
  /** Incidents this zone adds to those before it. */
  gain: number;
  /** Incidents covered by this and all earlier zones. */
  covered: number;
  share: number;
}

export interface PatrolZonesResult {
  radiusMetres: number;
  zoneAreaKm2: number;
  totalIncidents: number;
  candidateCount: number;
  candidateLabel: string;
  chosen: SuggestedZone[];
  curve: CoveragePoint[];
  bySize: CoverageBySize[];
  summary: string[];
  log: string[];
}

const DEFAULT_RADII = [100, 150, 200, 250, 300, 400, 500, 750, 1000];
const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Mean position of the incidents in each occupied square of side `spacing`. */
function incidentCandidates(xy: Float64Array, weights: Int32Array, spacing: number): Float64Array {
  const sums = new Map<string, [number, number, number]>();
  for (let i = 0; i < weights.length; i++) {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    const key = `${Math.floor(x / spacing)},${Math.floor(y / spacing)}`;
    const s = sums.get(key);
    const w = weights[i];
    if (s) {
      s[0] += x * w;
      s[1] += y * w;
      s[2] += w;
    } else sums.set(key, [x * w, y * w, w]);
  }
  const out = new Float64Array(2 * sums.size);
  let k = 0;
  for (const [sx, sy, w] of sums.values()) {
    out[k++] = sx / w;
    out[k++] = sy / w;
  }
  return out;
}

export const patrolZonesJob: Job<PatrolZonesParams, PatrolZonesResult> = (
  input,
  params,
  progress,
) => {
  const K = params.zoneCount;
  if (!(Number.isInteger(K) && K >= 1 && K <= 50))
    throw new Error(`Choose between 1 and 50 zones (got ${K}).`);
  const radiusMetres =
    'radiusMetres' in params.size
      ? params.size.radiusMetres
      : radiusFromArea(params.size.areaSquareMetres);
  if (!(radiusMetres >= 10 && radiusMetres <= 10_000))
    throw new Error(
      `A walkable zone has a radius between 10 m and 10 km (this size gives ${Math.round(radiusMetres)} m).`,
    );
  if (input.count === 0)
    throw new Error('No incidents match the current filters: there is nothing to cover.');
  const projection = createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]);
  const log = [...input.logHeader];

  const locations = distinctLocations(input.xy);
  const weights = Float64Array.from(locations.multiplicity);
  let candidates: Float64Array;
  let candidateLabel: string;
  if (params.candidates && params.candidates.positions.length >= 2) {
    const p = params.candidates.positions;
    candidates = new Float64Array(p.length);
    for (let k = 0; k < p.length; k += 2) {
      const [x, y] = projection.forward(p[k], p[k + 1]);
      candidates[k] = x;
      candidates[k + 1] = y;
    }
    candidateLabel = params.candidates.label;
  } else {
    const spacing = radiusMetres / 2;
    candidates = incidentCandidates(locations.xy, locations.multiplicity, spacing);
    candidateLabel = `the mean position of the incidents in each ${n(Math.round(spacing))} m square that holds any`;
  }
  const candidateCount = candidates.length / 2;
  log.push(
    `Maximal covering (Church & ReVelle 1974), greedy with lazy gains (Minoux 1978): ${K} circles of radius ${n(Math.round(radiusMetres))} m (${((Math.PI * radiusMetres ** 2) / 1e6).toFixed(3)} km² each) covering the most incidents; greedy is guaranteed at least 1 − 1/e ≈ 63% of the best possible (Nemhauser, Wolsey & Fisher 1978).`,
    `Candidates: ${n(candidateCount)} centres — ${candidateLabel}.`,
    `Incidents: ${n(input.count)} at ${n(locations.multiplicity.length)} distinct locations (weights = incidents at each location). Circles may overlap; overlapping incidents count once.`,
  );

  progress(0.05, `choosing ${K} zones`);
  const result = maximalCovering(candidates, locations.xy, K, { radiusMetres }, { weights });
  const chosen = result.chosen.map((c, k) => {
    const [lon, lat] = projection.inverse(c.x, c.y);
    return { rank: k + 1, lon, lat, gain: c.gain, covered: c.covered, share: c.share };
  });

  const radii = [...new Set([...(params.compareRadiiMetres ?? DEFAULT_RADII), radiusMetres])]
    .filter((r) => r > 0)
    .sort((a, b) => a - b);
  progress(0.4, 'coverage against zone size');
  const bySize = coverageByZoneSize(candidates, locations.xy, K, radii, { weights });
  progress(1, 'done');

  const last = result.curve[result.curve.length - 1];
  const summary = [
    chosen.length === 0
      ? 'No circle of this size covers any incident.'
      : `${chosen.length} zone${chosen.length === 1 ? '' : 's'} of radius ${n(Math.round(radiusMetres))} m cover ${n(last.covered)} of ${n(input.count)} incidents (${pct(last.share)}) on ${last.zoneAreaKm2.toFixed(2)} km².`,
  ];
  if (chosen.length >= 2) {
    const lastGain = chosen[chosen.length - 1];
    summary.push(
      `The first zone covers ${pct(chosen[0].share)}; zone ${lastGain.rank} adds ${n(lastGain.gain)} incidents (${pct(lastGain.gain / input.count)}).`,
    );
  }
  if (chosen.length < K)
    summary.push(
      `Only ${chosen.length} zones add anything: every other candidate's incidents are already covered.`,
    );
  log.push(
    `Chosen: ${chosen.map((c) => `${c.rank}: (${c.lon.toFixed(5)}, ${c.lat.toFixed(5)}) +${n(c.gain)}`).join('; ')}.`,
    `Coverage against radius (${K} zones): ${bySize.map((b) => `${b.radiusMetres} m ${pct(b.share)}`).join(', ')}.`,
  );
  return {
    radiusMetres,
    zoneAreaKm2: result.zoneAreaSquareMetres / 1e6,
    totalIncidents: input.count,
    candidateCount,
    candidateLabel,
    chosen,
    curve: result.curve,
    bySize,
    summary,
    log,
  };
};
