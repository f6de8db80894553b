import { trimEnd, trimStart } from './bytes';

/**
 * A cheap hash of a dictionary value: its length and its first and last eight bytes, read as four
 * 32-bit words (values that share all of those, e.g. long addresses differing in the middle, still
 * work: they probe on). Shorter values are hashed byte by byte.
 */
function hashValue(buf: Uint8Array, view: DataView, start: number, end: number): number {
  const n = end - start;
  let h = Math.imul(n, 0x9e3779b1);
  if (n >= 8) {
    h = mix(h, view.getInt32(start, true));
    h = mix(h, view.getInt32(start + 4, true));
    h = mix(h, view.getInt32(end - 8, true));
    h = mix(h, view.getInt32(end - 4, true));
  } else {
    for (let i = start; i < end; i++) h = mix(h, buf[i]);
  }
  // murmur3's finalizer: every input bit reaches the low bits the table's mask keeps.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function mix(h: number, k: number): number {
  h = Math.imul(h ^ k, 0x01000193);
  return (h << 13) | (h >>> 19);
}

/** Do `a[aStart, aStart + n)` and `b[bStart, bStart + n)` hold the same bytes? Four at a time. */
function sameBytes(
  a: Uint8Array,
  aView: DataView,
  aStart: number,
  b: Uint8Array,
  bView: DataView,
  bStart: number,
  n: number,
): boolean {
  let k = 0;
  for (; k + 4 <= n; k += 4)
    if (aView.getInt32(aStart + k, true) !== bView.getInt32(bStart + k, true)) return false;
  for (; k < n; k++) if (a[aStart + k] !== b[bStart + k]) return false;
  return true;
}

/**
 * Dictionary encoding straight from bytes: each distinct (trimmed) value gets a small integer code
 * the first time it is seen, and is decoded to a string only then. An open-addressing hash table
 * over a byte pool keeps the per-row cost at one hash and one comparison, both four bytes at a time
 * through DataViews.
 *
 * Code 0 is reserved for the empty value, so `values[0] === ''` always.
 */
export class ByteDictionary {
  readonly values: string[] = [''];
  private pool = new Uint8Array(1 << 12);
  private poolView: DataView = new DataView(this.pool.buffer);
  private poolUsed = 0;
  /** Start and end in `pool` of each value, side by side. */
  private entries = new Int32Array(2048);
  private table = new Int32Array(1 << 11).fill(-1);
  private mask = (1 << 11) - 1;
  /** The buffer last coded from, and a DataView of it (rows of one chunk share the buffer). */
  private viewOf: Uint8Array | null = null;
  private view: DataView = new DataView(new ArrayBuffer(0));

  constructor(
    private readonly decode: (bytes: Uint8Array) => string,
    readonly maxSize = 65_535,
  ) {}

  get size(): number {
    return this.values.length;
  }

  /**
   * The code of the value in `buf[start, end)`, adding it when new. Returns -1 when the dictionary
   * is full (the caller decides what a full dictionary means), unless `pastLimit`: then the value
   * is added anyway, so a caller can always store one overflow label (code `maxSize` at most).
   */
  code(buf: Uint8Array, start: number, end: number, pastLimit = false): number {
    if (start === end) return 0;
    // Portal values are rarely padded: trim only when an end is blank.
    if (
      buf[start] === 0x20 ||
      buf[end - 1] === 0x20 ||
      buf[start] === 0x09 ||
      buf[end - 1] === 0x09
    ) {
      start = trimStart(buf, start, end);
      end = trimEnd(buf, start, end);
      if (start === end) return 0;
    }
    if (buf !== this.viewOf) {
      this.viewOf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    const view = this.view;
    const h = hashValue(buf, view, start, end);
    const table = this.table;
    const entries = this.entries;
    const n = end - start;
    let slot = h & this.mask;
    for (;;) {
      const id = table[slot];
      if (id === -1) break;
      const es = entries[2 * id];
      if (
        entries[2 * id + 1] - es === n &&
        sameBytes(this.pool, this.poolView, es, buf, view, start, n)
      )
        return id;
      slot = (slot + 1) & this.mask;
    }
    if (this.values.length >= this.maxSize && !pastLimit) return -1;
    const id = this.add(buf.subarray(start, end), this.decode(buf.subarray(start, end)));
    this.table[slot] = id;
    if (this.values.length * 2 > this.table.length) this.rehash();
    return id;
  }

  /** The code of a string value (UTF-8 encoded; for labels the caller adds). */
  codeOfString(value: string, pastLimit = false): number {
    const bytes = new TextEncoder().encode(value);
    return this.code(bytes, 0, bytes.length, pastLimit);
  }

  private add(bytes: Uint8Array, value: string): number {
    const id = this.values.length;
    if (2 * id === this.entries.length) {
      const grown = new Int32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    while (this.poolUsed + bytes.length > this.pool.length) {
      const p = new Uint8Array(this.pool.length * 2);
      p.set(this.pool);
      this.pool = p;
      this.poolView = new DataView(p.buffer);
    }
    this.pool.set(bytes, this.poolUsed);
    this.entries[2 * id] = this.poolUsed;
    this.entries[2 * id + 1] = this.poolUsed + bytes.length;
    this.poolUsed += bytes.length;
    this.values.push(value);
    return id;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    const entries = this.entries;
    for (let id = 1; id < this.values.length; id++) {
      const es = entries[2 * id];
      let slot = hashValue(this.pool, this.poolView, es, entries[2 * id + 1]) & this.mask;
      while (this.table[slot] !== -1) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }
}
