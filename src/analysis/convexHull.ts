/**
 * The convex hull of planar points (metres), by Andrew's monotone chain.
 *
 * Source: A. M. Andrew (1979) "Another efficient algorithm for convex hulls in two dimensions",
 * Information Processing Letters 9(5), 216–219. Before sorting, points strictly inside the
 * octagon of the eight extreme points (in x, y, x + y and x − y) are discarded (the Akl–Toussaint heuristic, Akl &
 * Toussaint 1978, IPL 7(5)), which leaves a few per cent of a city's incidents to sort.
 * O(n) for the filter plus O(h log h) for the h survivors; collinear boundary points are dropped.
 *
 * Returns the hull's vertices counter-clockwise, interleaved `[x0, y0, x1, y1, …]`, starting at the
 * lowest-x (then lowest-y) point, without repeating the first vertex. Fewer than three distinct,
 * non-collinear points give a hull of fewer than three vertices (a point or a segment).
 *
 * @example
 * convexHull(new Float64Array([0, 0, 10, 0, 10, 10, 0, 10, 5, 5]));
 * // Float64Array [0, 0, 10, 0, 10, 10, 0, 10] — the centre point (5, 5) is inside
 */
export function convexHull(xy: Float64Array): Float64Array {
  const n = xy.length >> 1;
  if (n === 0) return new Float64Array(0);

  // Akl–Toussaint: the points extreme in x, y, x + y and x − y span an octagon whose interior
  // points cannot be on the hull. Its vertices, counter-clockwise from the west: min x,
  // min x + y, min y, max x − y, max x, max x + y, max y, min x − y.
  const extreme = new Int32Array(8);
  const key = [
    (x: number, _y: number) => -x,
    (x: number, y: number) => -(x + y),
    (_x: number, y: number) => -y,
    (x: number, y: number) => x - y,
    (x: number, _y: number) => x,
    (x: number, y: number) => x + y,
    (_x: number, y: number) => y,
    (x: number, y: number) => y - x,
  ];
  for (let e = 0; e < 8; e++) {
    let best = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = key[e](xy[2 * i], xy[2 * i + 1]);
      if (v > best) {
        best = v;
        extreme[e] = i;
      }
    }
  }
  const polygon: [number, number][] = [];
  for (let e = 0; e < 8; e++) {
    const p: [number, number] = [xy[2 * extreme[e]], xy[2 * extreme[e] + 1]];
    const prev = polygon[polygon.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) polygon.push(p);
  }
  while (
    polygon.length > 1 &&
    polygon[0][0] === polygon[polygon.length - 1][0] &&
    polygon[0][1] === polygon[polygon.length - 1][1]
  )
    polygon.pop();
  const strictlyInside = (x: number, y: number) => {
    if (polygon.length < 3) return false;
    for (let k = 0; k < polygon.length; k++) {
      const [ax, ay] = polygon[k];
      const [bx, by] = polygon[(k + 1) % polygon.length];
      if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) <= 0) return false;
    }
    return true;
  };
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!strictlyInside(xy[2 * i], xy[2 * i + 1])) keep.push(i);
  }
  keep.sort((a, b) => xy[2 * a] - xy[2 * b] || xy[2 * a + 1] - xy[2 * b + 1]);
  let distinct = 0;
  for (let k = 0; k < keep.length; k++) {
    if (distinct === 0 || !samePoint(xy, keep[distinct - 1], keep[k])) keep[distinct++] = keep[k];
  }
  keep.length = distinct;
  if (distinct === 1) return new Float64Array([xy[2 * keep[0]], xy[2 * keep[0] + 1]]);

  const cross = (o: number, a: number, b: number) =>
    (xy[2 * a] - xy[2 * o]) * (xy[2 * b + 1] - xy[2 * o + 1]) -
    (xy[2 * a + 1] - xy[2 * o + 1]) * (xy[2 * b] - xy[2 * o]);

  // Andrew's monotone chain: lower hull left to right, then upper hull right to left.
  const hull: number[] = [];
  for (const p of keep) {
    while (hull.length >= 2 && cross(hull[hull.length - 2], hull[hull.length - 1], p) <= 0)
      hull.pop();
    hull.push(p);
  }
  const lowerLength = hull.length + 1;
  for (let k = keep.length - 2; k >= 0; k--) {
    const p = keep[k];
    while (
      hull.length >= lowerLength &&
      cross(hull[hull.length - 2], hull[hull.length - 1], p) <= 0
    )
      hull.pop();
    hull.push(p);
  }
  hull.pop(); // the last point is the first again

  const out = new Float64Array(2 * hull.length);
  hull.forEach((p, k) => {
    out[2 * k] = xy[2 * p];
    out[2 * k + 1] = xy[2 * p + 1];
  });
  return out;
}

function samePoint(xy: Float64Array, a: number, b: number): boolean {
  return xy[2 * a] === xy[2 * b] && xy[2 * a + 1] === xy[2 * b + 1];
}
