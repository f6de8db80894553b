/**
 * Spatial weights: who is whose neighbour, and how much each neighbour counts — the W of every
 * spatial statistic (Getis-Ord Gi*, Moran's I, LISA). Stored as compressed sparse rows: the
 * neighbours of feature i are `neighbours[offsets[i] … offsets[i + 1] − 1]` with the matching
 * `weights`. The feature itself is not its own neighbour unless `withSelf` adds it (Gi*).
 *
 * Builders, following PySAL (libpysal.weights) and R spdep:
 * - `distanceBandWeights`: j is a neighbour of i when their distance d ≤ D (inclusive, as
 *   libpysal `DistanceBand` and spdep `dnearneigh`), with a small relative tolerance
 *   (d ≤ D · (1 + 1e-6) by default) so that a band typed as a grid spacing is not lost to
 *   rounding. Binary. Uses the uniform-grid index (`createPointGridIndex`).
 * - `knnWeights`: the k nearest other features, nearest first, ties by index (spdep `knearneigh`);
 *   binary and not symmetric.
 * - `contiguityWeights`: polygons that share a boundary. Vertices closer than `toleranceMetres`
 *   (default 1 mm) are taken as the same vertex. Queen: at least one shared vertex. Rook: at least
 *   one shared edge, i.e. two vertices consecutive in both polygons (the vertex-pair rule of
 *   libpysal's `Rook` and GeoDa). Binary and symmetric.
 * - `rowStandardise` (spdep style "W"), `binaryWeights` ("B"), `withSelf` / `withoutSelf`.
 *
 * Units: metres. Complexity: distance band O(n + pairs); kNN about O(n k log k); contiguity
 * O(vertices) expected (hashing), plus O(pairs).
 *
 * @example
 * const w = distanceBandWeights(new Float64Array([0, 0, 15, 0, 40, 0]), 15);
 * // feature 0 ↔ 1 (exactly 15 m, inclusive); feature 2 has no neighbour (an island)
 * w.offsets; // Int32Array [0, 1, 2, 2]
 * w.neighbours; // Int32Array [1, 0]
 */
import { createPointGridIndex } from './pointGridIndex';
import type { PlanarPolygon } from './pointInPolygon';

export interface SpatialWeights {
  /** Number of features. */
  n: number;
  /** Row starts, length n + 1. */
  offsets: Int32Array;
  /** Neighbour indices, row by row. */
  neighbours: Int32Array;
  /** Weight of each neighbour entry. */
  weights: Float64Array;
}

export const DEFAULT_BAND_TOLERANCE = 1e-6;

/** Weights from per-feature lists of neighbour indices (weights default to 1). */
export function weightsFromNeighbourLists(
  lists: readonly (readonly number[])[],
  weightLists?: readonly (readonly number[])[],
): SpatialWeights {
  const n = lists.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + lists[i].length;
  const neighbours = new Int32Array(offsets[n]);
  const weights = new Float64Array(offsets[n]);
  for (let i = 0; i < n; i++) {
    const list = lists[i];
    for (let k = 0; k < list.length; k++) {
      const j = list[k];
      if (!Number.isInteger(j) || j < 0 || j >= n)
        throw new Error(
          `Feature ${i} lists neighbour ${j}, which is not a feature index 0…${n - 1}.`,
        );
      neighbours[offsets[i] + k] = j;
      weights[offsets[i] + k] = weightLists ? weightLists[i][k] : 1;
    }
  }
  return { n, offsets, neighbours, weights };
}

/** Binary fixed-distance-band weights: d(i, j) ≤ band · (1 + tolerance), j ≠ i. */
export function distanceBandWeights(
  xy: Float64Array,
  bandMetres: number,
  options: { tolerance?: number } = {},
): SpatialWeights {
  if (!(bandMetres >= 0))
    throw new Error(`The distance band must be a distance in metres ≥ 0 (got ${bandMetres}).`);
  const tolerance = options.tolerance ?? DEFAULT_BAND_TOLERANCE;
  const n = xy.length >> 1;
  const radius = bandMetres * (1 + tolerance);
  const index = createPointGridIndex(xy, Math.max(radius, 1e-9));
  const offsets = new Int32Array(n + 1);
  let neighbours = new Int32Array(Math.max(16, 8 * n));
  let count = 0;
  const row: number[] = [];
  let self = 0;
  const visit = (j: number) => {
    if (j !== self) row.push(j);
  };
  for (let i = 0; i < n; i++) {
    row.length = 0;
    self = i;
    index.forEachWithinRadius(xy[2 * i], xy[2 * i + 1], radius, visit);
    row.sort((a, b) => a - b);
    if (count + row.length > neighbours.length) {
      const grown = new Int32Array(Math.max(2 * neighbours.length, count + row.length));
      grown.set(neighbours.subarray(0, count));
      neighbours = grown;
    }
    for (const j of row) neighbours[count++] = j;
    offsets[i + 1] = count;
  }
  return {
    n,
    offsets,
    neighbours: neighbours.slice(0, count),
    weights: new Float64Array(count).fill(1),
  };
}

/** Binary k-nearest-neighbour weights (nearest first; ties by lower index). Not symmetric. */
export function knnWeights(xy: Float64Array, k: number): SpatialWeights {
  const n = xy.length >> 1;
  if (!Number.isInteger(k) || k < 1)
    throw new Error(`The number of neighbours k must be a whole number ≥ 1 (got ${k}).`);
  if (k >= n) throw new Error(`k = ${k} neighbours needs more than ${k} features; there are ${n}.`);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xy[2 * i]);
    maxX = Math.max(maxX, xy[2 * i]);
    minY = Math.min(minY, xy[2 * i + 1]);
    maxY = Math.max(maxY, xy[2 * i + 1]);
  }
  const cell = Math.sqrt(((maxX - minX) * (maxY - minY) * k) / n) || 1;
  const index = createPointGridIndex(xy, cell);
  const offsets = new Int32Array(n + 1);
  const neighbours = new Int32Array(n * k);
  for (let i = 0; i < n; i++) {
    const found = index.nearest(xy[2 * i], xy[2 * i + 1], k, i);
    for (let m = 0; m < k; m++) neighbours[i * k + m] = found[m].index;
    offsets[i + 1] = (i + 1) * k;
  }
  return { n, offsets, neighbours, weights: new Float64Array(n * k).fill(1) };
}

/** Queen or rook contiguity of polygons (each a list of rings), with a vertex tolerance. */
export function contiguityWeights(
  polygons: readonly PlanarPolygon[],
  rule: 'queen' | 'rook',
  options: { toleranceMetres?: number } = {},
): SpatialWeights {
  const tolerance = options.toleranceMetres ?? 1e-3;
  const n = polygons.length;
  // Snap vertices: a vertex within `tolerance` of one already seen takes its id. Buckets of the
  // tolerance's size, searched 3 × 3, find every such vertex.
  const buckets = new Map<string, number[]>();
  const vertexXY: number[] = [];
  const snap = (x: number, y: number): number => {
    const bx = Math.floor(x / tolerance);
    const by = Math.floor(y / tolerance);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const list = buckets.get(`${bx + dx},${by + dy}`);
        if (!list) continue;
        for (const id of list)
          if (Math.hypot(vertexXY[2 * id] - x, vertexXY[2 * id + 1] - y) <= tolerance) return id;
      }
    const id = vertexXY.length / 2;
    vertexXY.push(x, y);
    const key = `${bx},${by}`;
    const list = buckets.get(key);
    if (list) list.push(id);
    else buckets.set(key, [id]);
    return id;
  };

  // Key (vertex id, or a pair of vertex ids for an edge) → polygons that have it.
  const owners = new Map<number | string, number[]>();
  const own = (key: number | string, polygon: number) => {
    const list = owners.get(key);
    if (!list) owners.set(key, [polygon]);
    else if (list[list.length - 1] !== polygon) list.push(polygon);
  };
  polygons.forEach((rings, p) => {
    for (const ring of rings) {
      const m = ring.length >> 1;
      const ids: number[] = [];
      for (let k = 0; k < m; k++) ids.push(snap(ring[2 * k], ring[2 * k + 1]));
      for (let k = 0; k < m; k++) {
        if (rule === 'queen') own(ids[k], p);
        else {
          const a = ids[k];
          const b = ids[(k + 1) % m];
          if (a !== b) own(a < b ? `${a}-${b}` : `${b}-${a}`, p);
        }
      }
    }
  });

  const sets: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (const list of owners.values()) {
    if (list.length < 2) continue;
    for (let a = 0; a < list.length; a++)
      for (let b = 0; b < list.length; b++) if (list[a] !== list[b]) sets[list[a]].add(list[b]);
  }
  return weightsFromNeighbourLists(sets.map((s) => [...s].sort((a, b) => a - b)));
}

/** Row-standardised copy (each row sums to 1; rows without neighbours stay empty). */
export function rowStandardise(w: SpatialWeights): SpatialWeights {
  const weights = new Float64Array(w.weights.length);
  for (let i = 0; i < w.n; i++) {
    let sum = 0;
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) sum += w.weights[k];
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++)
      weights[k] = sum !== 0 ? w.weights[k] / sum : 0;
  }
  return { n: w.n, offsets: w.offsets.slice(), neighbours: w.neighbours.slice(), weights };
}

/** Binary copy: every listed neighbour weighs 1. */
export function binaryWeights(w: SpatialWeights): SpatialWeights {
  return {
    n: w.n,
    offsets: w.offsets.slice(),
    neighbours: w.neighbours.slice(),
    weights: new Float64Array(w.weights.length).fill(1),
  };
}

/** Copy with each feature as its own neighbour (weight `selfWeight`, default 1) where absent. */
export function withSelf(w: SpatialWeights, selfWeight = 1): SpatialWeights {
  const lists: number[][] = [];
  const weightLists: number[][] = [];
  for (let i = 0; i < w.n; i++) {
    const js: number[] = [];
    const ws: number[] = [];
    let hasSelf = false;
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) {
      hasSelf ||= w.neighbours[k] === i;
      js.push(w.neighbours[k]);
      ws.push(w.weights[k]);
    }
    if (!hasSelf) {
      js.unshift(i);
      ws.unshift(selfWeight);
    }
    lists.push(js);
    weightLists.push(ws);
  }
  return weightsFromNeighbourLists(lists, weightLists);
}

/** Copy without self-neighbour entries. */
export function withoutSelf(w: SpatialWeights): SpatialWeights {
  const lists: number[][] = [];
  const weightLists: number[][] = [];
  for (let i = 0; i < w.n; i++) {
    const js: number[] = [];
    const ws: number[] = [];
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) {
      if (w.neighbours[k] === i) continue;
      js.push(w.neighbours[k]);
      ws.push(w.weights[k]);
    }
    lists.push(js);
    weightLists.push(ws);
  }
  return weightsFromNeighbourLists(lists, weightLists);
}

/** Number of neighbours of each feature. */
export function neighbourCounts(w: SpatialWeights): Int32Array {
  const out = new Int32Array(w.n);
  for (let i = 0; i < w.n; i++) out[i] = w.offsets[i + 1] - w.offsets[i];
  return out;
}

/** Indices of features with no neighbour. */
export function islands(w: SpatialWeights): number[] {
  const out: number[] = [];
  for (let i = 0; i < w.n; i++) if (w.offsets[i + 1] === w.offsets[i]) out.push(i);
  return out;
}
