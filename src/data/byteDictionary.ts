import { trimEnd, trimStart } from './bytes';

/**
 * A cheap hash of a dictionary value: its length and its first and last eight bytes (values that
 * share all of those, e.g. long addresses differing in the middle, still work: they probe on).
 */
function hashValue(buf: Uint8Array, start: number, end: number): number {
  let h = Math.imul(end - start, 0x9e3779b1);
  const head = Math.min(end, start + 8);
  for (let i = start; i < head; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  for (let i = Math.max(head, end - 8); i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) >>> 0;
}

/**
 * Dictionary encoding straight from bytes: each distinct (trimmed) value gets a small integer code
 * the first time it is seen, and is decoded to a string only then. An open-addressing hash table
 * over a byte pool keeps the per-row cost at one hash and one comparison.
 *
 * Code 0 is reserved for the empty value, so `values[0] === ''` always.
 */
export class ByteDictionary {
  readonly values: string[] = [''];
  private pool = new Uint8Array(1 << 12);
  private poolUsed = 0;
  private entryStart = new Int32Array(1024);
  private entryEnd = new Int32Array(1024);
  private table = new Int32Array(1 << 11).fill(-1);
  private mask = (1 << 11) - 1;

  constructor(
    private readonly decode: (bytes: Uint8Array) => string,
    readonly maxSize = 65_535,
  ) {
    this.entryStart[0] = 0;
    this.entryEnd[0] = 0;
  }

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
    const h = hashValue(buf, start, end);
    const table = this.table;
    const pool = this.pool;
    let slot = h & this.mask;
    const n = end - start;
    for (;;) {
      const id = table[slot];
      if (id === -1) break;
      const es = this.entryStart[id];
      if (this.entryEnd[id] - es === n) {
        let k = 0;
        while (k < n && pool[es + k] === buf[start + k]) k++;
        if (k === n) return id;
      }
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
    if (id === this.entryStart.length) {
      const s = new Int32Array(id * 2);
      s.set(this.entryStart);
      const e = new Int32Array(id * 2);
      e.set(this.entryEnd);
      this.entryStart = s;
      this.entryEnd = e;
    }
    while (this.poolUsed + bytes.length > this.pool.length) {
      const p = new Uint8Array(this.pool.length * 2);
      p.set(this.pool);
      this.pool = p;
    }
    this.pool.set(bytes, this.poolUsed);
    this.entryStart[id] = this.poolUsed;
    this.entryEnd[id] = this.poolUsed + bytes.length;
    this.poolUsed += bytes.length;
    this.values.push(value);
    return id;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let id = 1; id < this.values.length; id++) {
      let slot = hashValue(this.pool, this.entryStart[id], this.entryEnd[id]) & this.mask;
      while (this.table[slot] !== -1) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }
}
