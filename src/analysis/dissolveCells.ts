/**
 * Dissolve: the outline of a set of grid cells (squares or hexagons) as one Polygon or MultiPolygon,
 * found exactly from the cells' shared edges rather than by a general polygon union.
 *
 * Method (the classic edge-cancellation dissolve of raster-to-vector conversion, as GIS "dissolve"
 * tools do for tessellations; see de Berg et al. 2008, "Computational Geometry", 3rd ed., §2.2 on
 * doubly-connected edge lists): in a tessellation every interior edge is shared by two cells that
 * walk it in opposite directions, so
 * 1. vertices of neighbouring cells that coincide (within `toleranceUnits`) are merged into one;
 * 2. each edge of each chosen cell is counted, undirected; edges counted twice are interior and
 *    dropped, edges counted once are the boundary and keep the direction of their cell (cells are
 *    counter-clockwise, so the region lies to the left of every boundary edge);
 * 3. boundary edges are chained into rings; where two rings meet at one vertex (cells touching only
 *    at a corner) the walk takes the leftmost turn, so the pieces stay apart;
 * 4. rings with positive signed area are exteriors (counter-clockwise), negative ones holes
 *    (clockwise), as RFC 7946 §3.1.6 winds them; each hole goes to the smallest exterior containing
 *    the midpoint of its first edge; collinear vertices along straight runs are removed.
 *
 * Units: the coordinates' own (metres, or degrees for cells already in longitude/latitude: the
 * operation is topological, so no projection is needed). `toleranceUnits` is in the same unit.
 * Complexity: O(e) expected for e cell edges (hash maps), plus O(h · r) to place h holes among r
 * exterior rings.
 *
 * @example
 * // Two unit squares side by side, (0,0)–(1,1) and (1,0)–(2,1), as closed counter-clockwise rings:
 * dissolveCells(
 *   new Float64Array([0,0, 1,0, 1,1, 0,1, 0,0,  1,0, 2,0, 2,1, 1,1, 1,0]),
 *   new Uint32Array([0, 5, 10]), [0, 1]);
 * // { type: 'Polygon', coordinates: [[[0,0], [2,0], [2,1], [0,1], [0,0]]] } — the shared edge is gone
 */

export interface DissolveOptions {
  /** Vertices closer than this (in each coordinate) are one vertex; default 1e-9 (coordinate units). */
  toleranceUnits?: number;
}

export type DissolvedGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/**
 * @param positions closed rings of every cell, interleaved [x, y], counter-clockwise.
 * @param startIndices vertex index where each cell's ring starts, plus the total at the end.
 * @param cells the cells to dissolve (indices; duplicates are ignored).
 * @returns null when no cells are given.
 */
export function dissolveCells(
  positions: Float64Array,
  startIndices: Uint32Array,
  cells: ArrayLike<number>,
  options: DissolveOptions = {},
): DissolvedGeometry | null {
  const tolerance = options.toleranceUnits ?? 1e-9;
  const cellCount = startIndices.length - 1;
  const chosen = [...new Set(Array.from(cells))];
  for (const c of chosen)
    if (!(Number.isInteger(c) && c >= 0 && c < cellCount))
      throw new Error(`cell ${c} is not one of the ${cellCount} cells`);
  if (chosen.length === 0) return null;

  // Step 1: merge coinciding vertices. Keys are coordinates quantised to the tolerance; a vertex
  // looks in its own and the eight neighbouring buckets, so two copies that straddle a bucket
  // boundary still merge.
  const vx: number[] = [];
  const vy: number[] = [];
  const buckets = new Map<string, number[]>();
  const vertexId = (x: number, y: number): number => {
    const qx = Math.round(x / tolerance);
    const qy = Math.round(y / tolerance);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const found = buckets.get(`${qx + dx},${qy + dy}`);
        if (!found) continue;
        for (const id of found)
          if (Math.abs(vx[id] - x) <= tolerance && Math.abs(vy[id] - y) <= tolerance) return id;
      }
    const id = vx.length;
    vx.push(x);
    vy.push(y);
    const key = `${qx},${qy}`;
    const list = buckets.get(key);
    if (list) list.push(id);
    else buckets.set(key, [id]);
    return id;
  };

  // Step 2: count undirected edges; remember the direction of the first cell to walk each.
  const edges = new Map<string, { from: number; to: number; count: number }>();
  for (const c of chosen) {
    const start = startIndices[c];
    let end = startIndices[c + 1];
    // A closed ring repeats its first vertex at the end; the loop below closes it itself.
    if (
      end - start > 1 &&
      positions[2 * start] === positions[2 * (end - 1)] &&
      positions[2 * start + 1] === positions[2 * (end - 1) + 1]
    )
      end--;
    const ids: number[] = [];
    for (let k = start; k < end; k++) {
      const id = vertexId(positions[2 * k], positions[2 * k + 1]);
      if (ids.length === 0 || ids[ids.length - 1] !== id) ids.push(id);
    }
    if (ids.length > 1 && ids[0] === ids[ids.length - 1]) ids.pop();
    for (let k = 0; k < ids.length; k++) {
      const a = ids[k];
      const b = ids[(k + 1) % ids.length];
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      const e = edges.get(key);
      if (e) e.count++;
      else edges.set(key, { from: a, to: b, count: 1 });
    }
  }

  // Step 3: chain the boundary edges (odd counts) into rings.
  const outgoing = new Map<number, number[]>();
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  for (const e of edges.values()) {
    if (e.count % 2 === 0) continue;
    const index = edgeFrom.length;
    edgeFrom.push(e.from);
    edgeTo.push(e.to);
    const list = outgoing.get(e.from);
    if (list) list.push(index);
    else outgoing.set(e.from, [index]);
  }
  const used = new Uint8Array(edgeFrom.length);
  const rings: number[][] = [];
  for (let first = 0; first < edgeFrom.length; first++) {
    if (used[first]) continue;
    const ring: number[] = [edgeFrom[first]];
    let edge = first;
    for (;;) {
      used[edge] = 1;
      const from = edgeFrom[edge];
      const at = edgeTo[edge];
      if (at === ring[0] && !hasUnused(outgoing.get(at), used, first)) break;
      const next = leftmostTurn(outgoing.get(at) ?? [], used, from, at, edgeTo, vx, vy, first);
      if (next < 0) break;
      if (next === first) break;
      ring.push(at);
      edge = next;
    }
    if (ring.length >= 3) rings.push(ring);
  }

  // Step 4: exteriors and holes, tidied.
  const tidy = rings.map((ring) => removeCollinear(ring, vx, vy));
  const exteriors: { ring: number[]; area: number; holes: number[][] }[] = [];
  const holes: number[][] = [];
  for (const ring of tidy) {
    if (ring.length < 3) continue;
    const area = signedArea(ring, vx, vy);
    if (area > 0) exteriors.push({ ring, area, holes: [] });
    else if (area < 0) holes.push(ring);
  }
  for (const hole of holes) {
    const mx = (vx[hole[0]] + vx[hole[1]]) / 2;
    const my = (vy[hole[0]] + vy[hole[1]]) / 2;
    let best: (typeof exteriors)[number] | null = null;
    for (const ext of exteriors)
      if ((best === null || ext.area < best.area) && ringContains(ext.ring, vx, vy, mx, my))
        best = ext;
    best?.holes.push(hole);
  }
  const close = (ring: number[]): number[][] => {
    const out = ring.map((id) => [vx[id], vy[id]]);
    out.push([vx[ring[0]], vy[ring[0]]]);
    return out;
  };
  const polygons = exteriors.map((ext) => [close(ext.ring), ...ext.holes.map(close)]);
  if (polygons.length === 0) return null;
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

function hasUnused(list: number[] | undefined, used: Uint8Array, first: number): boolean {
  return (list ?? []).some((e) => !used[e] && e !== first);
}

/**
 * The unused edge out of `at` that turns most to the left of the incoming direction (from → at);
 * `first` (the ring's first edge) counts as unused so the ring can close on it.
 */
function leftmostTurn(
  candidates: number[],
  used: Uint8Array,
  from: number,
  at: number,
  edgeTo: number[],
  vx: number[],
  vy: number[],
  first: number,
): number {
  const inX = vx[at] - vx[from];
  const inY = vy[at] - vy[from];
  let best = -1;
  let bestAngle = -Infinity;
  for (const e of candidates) {
    if (used[e] && e !== first) continue;
    const outX = vx[edgeTo[e]] - vx[at];
    const outY = vy[edgeTo[e]] - vy[at];
    const angle = Math.atan2(inX * outY - inY * outX, inX * outX + inY * outY);
    if (angle > bestAngle) {
      bestAngle = angle;
      best = e;
    }
  }
  return best;
}

function signedArea(ring: number[], vx: number[], vy: number[]): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    twice += vx[a] * vy[b] - vx[b] * vy[a];
  }
  return twice / 2;
}

function ringContains(ring: number[], vx: number[], vy: number[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = vx[ring[i]];
    const yi = vy[ring[i]];
    const xj = vx[ring[j]];
    const yj = vy[ring[j]];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Turns sharper than this sine (about 0.2 mm over 100 m) are kept; straighter ones are removed. */
const COLLINEAR_SINE = 1e-6;

/** Drops vertices in the middle of a straight run. */
function removeCollinear(ring: number[], vx: number[], vy: number[]): number[] {
  let out = ring;
  for (let changed = true; changed && out.length > 3;) {
    changed = false;
    const kept: number[] = [];
    for (let i = 0; i < out.length; i++) {
      const p = out[(i + out.length - 1) % out.length];
      const c = out[i];
      const n = out[(i + 1) % out.length];
      const ax = vx[c] - vx[p];
      const ay = vy[c] - vy[p];
      const bx = vx[n] - vx[c];
      const by = vy[n] - vy[c];
      const cross = ax * by - ay * bx;
      const scale = Math.hypot(ax, ay) * Math.hypot(bx, by);
      // Straight on (not a U-turn): the middle vertex adds nothing.
      if (Math.abs(cross) <= COLLINEAR_SINE * scale && ax * bx + ay * by > 0) {
        changed = true;
        continue;
      }
      kept.push(c);
    }
    out = kept;
  }
  return out;
}
