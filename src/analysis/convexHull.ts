/**
 * The convex hull of planar points (metres), by Andrew's monotone chain.
 *
 * Source: A. M. Andrew (1979) "Another efficient algorithm for convex hulls in two dimensions",
 * Information Processing Letters 9(5), 216–219. Before sorting, points strictly inside the
 * quadrilateral of the four extreme points are discarded (the Akl–Toussaint heuristic, Akl &
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

  // Akl–Toussaint: the points extreme in x and in y span a quadrilateral whose interior points
  // cannot be on the hull.
  let iMinX = 0;
  let iMaxX = 0;
  let iMinY = 0;
  let iMaxY = 0;
  for (let i = 1; i < n; i++) {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    if (x < xy[2 * iMinX] || (x === xy[2 * iMinX] && y < xy[2 * iMinX + 1])) iMinX = i;
    if (x > xy[2 * iMaxX] || (x === xy[2 * iMaxX] && y > xy[2 * iMaxX + 1])) iMaxX = i;
    if (y < xy[2 * iMinY + 1]) iMinY = i;
    if (y > xy[2 * iMaxY + 1]) iMaxY = i;
  }
  // The quadrilateral minX → minY → maxX → maxY is counter-clockwise (or degenerate).
  const quad = [iMinX, iMinY, iMaxX, iMaxY].map((i) => [xy[2 * i], xy[2 * i + 1]]);
  const strictlyInside = (x: number, y: number) => {
    for (let k = 0; k < 4; k++) {
      const [ax, ay] = quad[k];
      const [bx, by] = quad[(k + 1) % 4];
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
