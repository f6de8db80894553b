import { hashBytes, hashBytes2, trimEnd, trimStart } from './bytes';

/**
 * A set of record ids for duplicate detection over millions of rows without a string per row: each
 * id is kept as two independent 32-bit hashes of its bytes (64 bits; the chance that two of 8
 * million distinct ids collide is about 2 in a million), in open addressing.
 */
export class IdSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private used: Uint8Array;
  private count = 0;

  /** `expected`: about how many ids will be added (sizes the table so it rarely grows). */
  constructor(expected = 32_768) {
    let size = 1 << 16;
    while (size < expected * 2) size *= 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.used = new Uint8Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the id in `buf[start, end)`; returns false when it was already present. */
  add(buf: Uint8Array, start: number, end: number): boolean {
    start = trimStart(buf, start, end);
    end = trimEnd(buf, start, end);
    // Most portal ids are whole numbers: then the number itself is the key (exact, one pass).
    // Keys of text ids have the top bit of `a` set, so the two kinds never meet.
    let a = 0;
    let b = 0;
    let numeric = end - start <= 15 && end > start;
    let v = 0;
    for (let i = start; numeric && i < end; i++) {
      const d = buf[i] - 0x30;
      if (d < 0 || d > 9) numeric = false;
      else v = v * 10 + d;
    }
    if (numeric && !(buf[start] === 0x30 && end - start > 1)) {
      a = Math.floor(v / 4294967296) >>> 0;
      b = v >>> 0;
    } else {
      a = (hashBytes(buf, start, end) | 0x80000000) >>> 0;
      b = hashBytes2(buf, start, end);
    }
    if (!this.insert(a, b)) return false;
    if (this.count * 2 > this.used.length) this.rehash();
    return true;
  }

  private insert(a: number, b: number): boolean {
    const mask = this.used.length - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    while (this.used[slot]) {
      if (this.hi[slot] === a && this.lo[slot] === b) return false;
      slot = (slot + 1) & mask;
    }
    this.used[slot] = 1;
    this.hi[slot] = a;
    this.lo[slot] = b;
    this.count++;
    return true;
  }

  private rehash(): void {
    const { hi, lo, used } = this;
    const size = used.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.used = new Uint8Array(size);
    this.count = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.insert(hi[i], lo[i]);
  }
}
