/**
 * The distinct locations among planar points: exact coordinate pairs, each with how many points
 * share it. Crime data are often snapped to block centroids or street segments (police.uk,
 * Chicago), so thousands of incidents can share one coordinate; distance-based rules (nearest
 * neighbours, outliers, hulls) are computed on distinct locations so that coincident points do not
 * read as distance zero.
 *
 * Method: open-addressing hash table (linear probing) on the two coordinates' IEEE-754 bits, with
 * −0 read as 0. Locations are numbered in order of first appearance. O(n) expected time, O(n)
 * memory.
 *
 * @example
 * const d = distinctLocations(new Float64Array([0, 0, 5, 5, 0, 0]));
 * d.xy; // Float64Array [0, 0, 5, 5]
 * d.multiplicity; // Int32Array [2, 1]
 * d.locationOf; // Int32Array [0, 1, 0]
 */
export interface DistinctLocations {
  /** Interleaved coordinates of each distinct location, in order of first appearance. */
  xy: Float64Array;
  /** Number of input points at each location. */
  multiplicity: Int32Array;
  /** For each input point, the index of its location. */
  locationOf: Int32Array;
}

export function distinctLocations(xy: Float64Array): DistinctLocations {
  const n = xy.length >> 1;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const locationOf = new Int32Array(n);
  const firstPoint = new Int32Array(n);
  const scratch = new Float64Array(2);
  const bits = new Uint32Array(scratch.buffer);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i] + 0; // −0 + 0 is +0
    const y = xy[2 * i + 1] + 0;
    scratch[0] = x;
    scratch[1] = y;
    let h = Math.imul(bits[0] ^ Math.imul(bits[1], 0x85ebca6b), 0xcc9e2d51);
    h = Math.imul(h ^ bits[2] ^ (h >>> 15), 0x1b873593);
    h = Math.imul(h ^ bits[3] ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    let slot = h & mask;
    for (;;) {
      const loc = table[slot];
      if (loc < 0) {
        table[slot] = count;
        firstPoint[count] = i;
        locationOf[i] = count++;
        break;
      }
      const p = firstPoint[loc];
      if (xy[2 * p] === x && xy[2 * p + 1] === y) {
        locationOf[i] = loc;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const out = new Float64Array(2 * count);
  const multiplicity = new Int32Array(count);
  for (let loc = 0; loc < count; loc++) {
    out[2 * loc] = xy[2 * firstPoint[loc]] + 0;
    out[2 * loc + 1] = xy[2 * firstPoint[loc] + 1] + 0;
  }
  for (let i = 0; i < n; i++) multiplicity[locationOf[i]]++;
  return { xy: out, multiplicity, locationOf };
}
