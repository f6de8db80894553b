import { hashBytes, hashBytes2, trimEnd, trimStart } from './bytes';

/**
 * A set of record ids for duplicate detection over millions of rows without a string per row: each
 * id is kept as two independent 32-bit hashes of its bytes (64 bits; the chance that two of 8
 * million distinct ids collide is about 2 in a million), in open addressing.
 */
export class IdSet {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private used = new Uint8Array(1 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the id in `buf[start, end)`; returns false when it was already present. */
  add(buf: Uint8Array, start: number, end: number): boolean {
    start = trimStart(buf, start, end);
    end = trimEnd(buf, start, end);
    const a = hashBytes(buf, start, end);
    const b = hashBytes2(buf, start, end);
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
