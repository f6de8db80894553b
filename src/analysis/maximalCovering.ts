/**
 * Suggested patrol zones: K circles of walkable size placed to cover the most incidents — the maximal
 * covering location problem (Church & ReVelle 1974, "The maximal covering location problem", Papers
 * of the Regional Science Association 32:101–118) solved greedily.
 *
 * Greedy: repeatedly choose the candidate centre whose circle covers the most incidents (or weight)
 * not yet covered, until K are chosen or no circle adds anything. Coverage is a monotone submodular
 * set function, so the greedy choice covers at least (1 − 1/e) ≈ 63.2% of the best possible for every
 * K (Nemhauser, Wolsey & Fisher 1978, "An analysis of approximations for maximizing submodular set
 * functions", Mathematical Programming 14:265–294). Gains are re-evaluated lazily from a max-heap
 * (Minoux 1978, "Accelerated greedy algorithms for maximizing submodular set functions"): a stale gain
 * is an upper bound, so the result equals plain greedy. Ties go to the lower candidate index.
 *
 * Zone size: a radius in metres, or an area limit in m² turned into the circle of equal area,
 * r = √(A / π). Because greedy picks are nested, one run gives the whole coverage curve (incidents
 * covered against K, and against the zones' total area K · πr², overlaps counted twice).
 * `minSeparationMetres` > 0 keeps centres apart; with it the (1 − 1/e) guarantee no longer holds.
 *
 * Units: metres (planar, local projection), m² and km². Complexity: one radius query a candidate to
 * start, then one a re-evaluation: about O((m + K · r) · q) for m candidates, q incidents a circle and
 * r re-evaluations a pick (few in practice).
 *
 * @example
 * // Incidents at x = −0.9, 0.9 (weight 2 each), −2.2, 2.2 (weight 1.5); radius 1; centres 0, −1.55, 1.55.
 * // Greedy takes 0 (covers 4), then −1.55 (adds 1.5): 5.5 of the optimum 7 (−1.55 and 1.55) — 79% ≥ 63%.
 */
import { createPointGridIndex } from './pointGridIndex';

export type CoveringZoneSize = { radiusMetres: number } | { areaSquareMetres: number };

export interface MaximalCoveringOptions {
  /** Weight of each incident, e.g. counts when the points are cell centres. Default: 1 each. */
  weights?: Float64Array;
  /** Skip centres closer than this to a chosen centre; default 0 (circles may overlap). */
  minSeparationMetres?: number;
}

export interface CoveringChoice {
  /** Index into the candidates. */
  candidate: number;
  x: number;
  y: number;
  /** Weight this zone covers that earlier zones did not. */
  gain: number;
  /** Weight covered by this and all earlier zones. */
  covered: number;
  /** covered / total weight. */
  share: number;
}

export interface CoveragePoint {
  zones: number;
  /** zones × πr² in km² (overlaps counted twice). */
  zoneAreaKm2: number;
  covered: number;
  share: number;
  /** What the last zone added. */
  marginal: number;
}

export interface MaximalCoveringResult {
  radiusMetres: number;
  zoneAreaSquareMetres: number;
  totalWeight: number;
  /** In the order greedy chose them; fewer than K when no circle adds anything more. */
  chosen: CoveringChoice[];
  /** From 0 zones to chosen.length. */
  curve: CoveragePoint[];
  /** For each incident, the 1-based rank of the first chosen zone covering it; 0 = none. */
  coveredBy: Int32Array;
}

/** The radius of the circle with this area: r = √(A / π). */
export function radiusFromArea(areaSquareMetres: number): number {
  return Math.sqrt(areaSquareMetres / Math.PI);
}

function radiusOf(size: CoveringZoneSize): number {
  const r = 'radiusMetres' in size ? size.radiusMetres : radiusFromArea(size.areaSquareMetres);
  if (!(r > 0) || !Number.isFinite(r))
    throw new Error('the zone size must be a positive radius or area');
  return r;
}

/** A max-heap of (gain, candidate), the larger gain first and the lower index on ties. */
class GainHeap {
  private gains: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  private above(a: number, b: number): boolean {
    return (
      this.gains[a] > this.gains[b] ||
      (this.gains[a] === this.gains[b] && this.ids[a] < this.ids[b])
    );
  }

  private swap(a: number, b: number): void {
    [this.gains[a], this.gains[b]] = [this.gains[b], this.gains[a]];
    [this.ids[a], this.ids[b]] = [this.ids[b], this.ids[a]];
  }

  push(gain: number, id: number): void {
    this.gains.push(gain);
    this.ids.push(id);
    let i = this.ids.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  peek(): { gain: number; id: number } {
    return { gain: this.gains[0], id: this.ids[0] };
  }

  pop(): { gain: number; id: number } {
    const top = this.peek();
    const last = this.ids.length - 1;
    this.swap(0, last);
    this.gains.pop();
    this.ids.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < this.ids.length && this.above(l, best)) best = l;
      if (r < this.ids.length && this.above(r, best)) best = r;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
    return top;
  }
}

export function maximalCovering(
  candidatesXY: Float64Array,
  incidentsXY: Float64Array,
  zoneCount: number,
  size: CoveringZoneSize,
  options: MaximalCoveringOptions = {},
): MaximalCoveringResult {
  const radiusMetres = radiusOf(size);
  if (!(Number.isInteger(zoneCount) && zoneCount >= 0))
    throw new Error(`the number of zones is a whole number ≥ 0 (got ${zoneCount})`);
  const n = incidentsXY.length / 2;
  const m = candidatesXY.length / 2;
  const weights = options.weights;
  if (weights && weights.length !== n)
    throw new Error(`weights has ${weights.length} entries for ${n} incidents`);
  const minSeparation = options.minSeparationMetres ?? 0;
  const weightOf = (i: number): number => (weights ? weights[i] : 1);
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += weightOf(i);

  const index = createPointGridIndex(incidentsXY, radiusMetres);
  const coveredBy = new Int32Array(n);
  const gainOf = (j: number): number => {
    let gain = 0;
    index.forEachWithinRadius(candidatesXY[2 * j], candidatesXY[2 * j + 1], radiusMetres, (i) => {
      if (coveredBy[i] === 0) gain += weightOf(i);
    });
    return gain;
  };

  const heap = new GainHeap();
  for (let j = 0; j < m; j++) {
    const g = gainOf(j);
    if (g > 0) heap.push(g, j);
  }

  const zoneAreaSquareMetres = Math.PI * radiusMetres * radiusMetres;
  const chosen: CoveringChoice[] = [];
  const curve: CoveragePoint[] = [{ zones: 0, zoneAreaKm2: 0, covered: 0, share: 0, marginal: 0 }];
  let covered = 0;
  const tooClose = (j: number): boolean =>
    minSeparation > 0 &&
    chosen.some(
      (c) => Math.hypot(c.x - candidatesXY[2 * j], c.y - candidatesXY[2 * j + 1]) < minSeparation,
    );

  while (chosen.length < zoneCount && heap.size > 0) {
    const { id } = heap.pop();
    if (tooClose(id)) continue;
    const gain = gainOf(id);
    if (gain <= 0) continue;
    // A stale key is an upper bound on its true gain, so a fresh gain at least as good as the best
    // remaining key (lower index on ties) is the greedy choice.
    if (heap.size > 0) {
      const top = heap.peek();
      if (gain < top.gain || (gain === top.gain && top.id < id)) {
        heap.push(gain, id);
        continue;
      }
    }
    const rank = chosen.length + 1;
    const x = candidatesXY[2 * id];
    const y = candidatesXY[2 * id + 1];
    index.forEachWithinRadius(x, y, radiusMetres, (i) => {
      if (coveredBy[i] === 0) coveredBy[i] = rank;
    });
    covered += gain;
    const share = totalWeight > 0 ? covered / totalWeight : 0;
    chosen.push({ candidate: id, x, y, gain, covered, share });
    curve.push({
      zones: rank,
      zoneAreaKm2: (rank * zoneAreaSquareMetres) / 1e6,
      covered,
      share,
      marginal: gain,
    });
  }

  return { radiusMetres, zoneAreaSquareMetres, totalWeight, chosen, curve, coveredBy };
}

export interface CoverageBySize {
  radiusMetres: number;
  zoneAreaKm2: number;
  /** zones × zoneAreaKm2 (overlaps counted twice). */
  totalAreaKm2: number;
  zones: number;
  covered: number;
  share: number;
}

/**
 * Coverage of K greedy zones for each of several radii: incidents covered against zone area, to show
 * what a larger (less walkable) zone buys. One maximalCovering run a radius.
 */
export function coverageByZoneSize(
  candidatesXY: Float64Array,
  incidentsXY: Float64Array,
  zoneCount: number,
  radiiMetres: readonly number[],
  options: MaximalCoveringOptions = {},
): CoverageBySize[] {
  return radiiMetres.map((radiusMetres) => {
    const r = maximalCovering(candidatesXY, incidentsXY, zoneCount, { radiusMetres }, options);
    const last = r.curve[r.curve.length - 1];
    return {
      radiusMetres,
      zoneAreaKm2: r.zoneAreaSquareMetres / 1e6,
      totalAreaKm2: last.zoneAreaKm2,
      zones: last.zones,
      covered: last.covered,
      share: last.share,
    };
  });
}
