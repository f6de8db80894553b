/**
 * Point-in-polygon tests on planar polygons in metres, prepared once and queried many times.
 *
 * A polygon is a list of rings, each interleaved `[x0, y0, x1, y1, …]` (a closing vertex equal to
 * the first may be present or not). Inside is decided by the even–odd (crossing-number) rule over
 * all rings together, so an outer ring with holes, and a multipolygon whose parts do not overlap,
 * need no ring roles or orientation: flatten every ring of a GeoJSON Polygon or MultiPolygon into
 * one list. The crossing test counts an edge when it straddles the point's horizontal line in the
 * half-open sense (one end strictly above, the other not) and crosses it strictly to the right of
 * the point — so a point on an edge shared by two adjacent polygons falls in exactly one of them.
 *
 * Source: the crossing-number test of Shimrat (1962) "Algorithm 112: Position of point relative to
 * polygon", CACM 5(8), in the half-open form of Haines (1994) "Point in polygon strategies",
 * Graphics Gems IV. Edges are bucketed into horizontal slabs so that a query reads only the edges of
 * its slab: preparing is O(e) for e edges, a query O(e / slabs) on average (about 8 edges a slab).
 *
 * @example
 * const square = preparePolygon([new Float64Array([0, 0, 100, 0, 100, 100, 0, 100])]);
 * square.contains(50, 50); // true
 * square.contains(150, 50); // false
 * square.areaSquareMetres; // 10000
 */
export type PlanarPolygon = readonly Float64Array[];

export interface PreparedPolygon {
  readonly rings: PlanarPolygon;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  /** Even–odd area: outer rings minus holes, in m². */
  readonly areaSquareMetres: number;
  contains(x: number, y: number): boolean;
}

/** Signed shoelace area of one ring (positive when counter-clockwise), in m². */
export function ringSignedArea(ring: Float64Array): number {
  const m = ring.length >> 1;
  let twice = 0;
  for (let k = 0; k < m; k++) {
    const k1 = k + 1 === m ? 0 : k + 1;
    twice += ring[2 * k] * ring[2 * k1 + 1] - ring[2 * k1] * ring[2 * k + 1];
  }
  return twice / 2;
}

/** The edges of every ring as a flat array `[x1, y1, x2, y2, …]`, skipping zero-length edges. */
export function polygonEdges(rings: PlanarPolygon): Float64Array {
  let count = 0;
  for (const ring of rings) count += ring.length >> 1;
  const edges = new Float64Array(4 * count);
  let e = 0;
  for (const ring of rings) {
    const m = ring.length >> 1;
    for (let k = 0; k < m; k++) {
      const k1 = k + 1 === m ? 0 : k + 1;
      const x1 = ring[2 * k];
      const y1 = ring[2 * k + 1];
      const x2 = ring[2 * k1];
      const y2 = ring[2 * k1 + 1];
      if (x1 === x2 && y1 === y2) continue;
      edges[e++] = x1;
      edges[e++] = y1;
      edges[e++] = x2;
      edges[e++] = y2;
    }
  }
  return edges.slice(0, e);
}

export function preparePolygon(rings: PlanarPolygon): PreparedPolygon {
  const edges = polygonEdges(rings);
  const edgeCount = edges.length / 4;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < edges.length; i += 2) {
    const x = edges[i];
    const y = edges[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  // Ring orientation is not trusted (shapefiles and GeoJSON disagree), so holes are found by nesting.
  const areaSquareMetres = evenOddArea(rings);

  const slabCount = Math.max(1, Math.min(4096, Math.ceil(edgeCount / 8)));
  const slabHeight = maxY > minY ? (maxY - minY) / slabCount : 1;
  const slabStart = new Int32Array(slabCount + 1);
  const slabOf = (y: number) => {
    const s = Math.floor((y - minY) / slabHeight);
    return s < 0 ? 0 : s >= slabCount ? slabCount - 1 : s;
  };
  for (let k = 0; k < edgeCount; k++) {
    const a = slabOf(Math.min(edges[4 * k + 1], edges[4 * k + 3]));
    const b = slabOf(Math.max(edges[4 * k + 1], edges[4 * k + 3]));
    for (let s = a; s <= b; s++) slabStart[s + 1]++;
  }
  for (let s = 0; s < slabCount; s++) slabStart[s + 1] += slabStart[s];
  const slabEdges = new Float64Array(4 * slabStart[slabCount]);
  const fill = slabStart.slice(0, slabCount);
  for (let k = 0; k < edgeCount; k++) {
    const a = slabOf(Math.min(edges[4 * k + 1], edges[4 * k + 3]));
    const b = slabOf(Math.max(edges[4 * k + 1], edges[4 * k + 3]));
    for (let s = a; s <= b; s++) {
      const at = 4 * fill[s]++;
      slabEdges[at] = edges[4 * k];
      slabEdges[at + 1] = edges[4 * k + 1];
      slabEdges[at + 2] = edges[4 * k + 2];
      slabEdges[at + 3] = edges[4 * k + 3];
    }
  }

  return {
    rings,
    minX,
    minY,
    maxX,
    maxY,
    areaSquareMetres,
    contains(x, y) {
      if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) return false;
      const s = slabOf(y);
      let inside = false;
      for (let k = 4 * slabStart[s], end = 4 * slabStart[s + 1]; k < end; k += 4) {
        const y1 = slabEdges[k + 1];
        const y2 = slabEdges[k + 3];
        if (y1 > y !== y2 > y) {
          const x1 = slabEdges[k];
          const xCross = x1 + ((y - y1) * (slabEdges[k + 2] - x1)) / (y2 - y1);
          if (x < xCross) inside = !inside;
        }
      }
      return inside;
    },
  };
}

/** Unprepared even–odd test, O(vertices); prefer `preparePolygon` for repeated queries. */
export function pointInPolygon(rings: PlanarPolygon, x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const m = ring.length >> 1;
    for (let k = 0, j = m - 1; k < m; j = k++) {
      const y1 = ring[2 * j + 1];
      const y2 = ring[2 * k + 1];
      if (y1 > y !== y2 > y) {
        const x1 = ring[2 * j];
        const xCross = x1 + ((y - y1) * (ring[2 * k] - x1)) / (y2 - y1);
        if (x < xCross) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * Area inside by the even–odd rule: each ring's absolute area counts positive when it is nested in
 * an even number of other rings (an outer boundary) and negative when odd (a hole). Nesting is
 * tested with the ring's first vertex, so rings must not cross each other.
 */
function evenOddArea(rings: PlanarPolygon): number {
  const boxes = rings.map((ring) => {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let k = 0; k < ring.length; k += 2) {
      x0 = Math.min(x0, ring[k]);
      x1 = Math.max(x1, ring[k]);
      y0 = Math.min(y0, ring[k + 1]);
      y1 = Math.max(y1, ring[k + 1]);
    }
    return [x0, y0, x1, y1];
  });
  let area = 0;
  for (let i = 0; i < rings.length; i++) {
    const ring = rings[i];
    if (ring.length < 6) continue;
    const [px, py] = [ring[0], ring[1]];
    let depth = 0;
    for (let j = 0; j < rings.length; j++) {
      const b = boxes[j];
      if (j === i || rings[j].length < 6) continue;
      if (px < b[0] || px > b[2] || py < b[1] || py > b[3]) continue;
      if (pointInPolygon([rings[j]], px, py)) depth++;
    }
    const a = Math.abs(ringSignedArea(ring));
    area += depth % 2 === 0 ? a : -a;
  }
  return area;
}
