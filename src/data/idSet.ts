import { hashBytes, hashBytes2, trimEnd, trimStart } from './bytes';

/** `a` of a free slot; no key has it (numeric ids keep `a` below 2^18, text ids set bit 31). */
const EMPTY = 0x40000000;

/**
 * A set of record ids for duplicate detection over millions of rows without a string per row: each
 * id is kept as two independent 32-bit hashes of its bytes (64 bits; the chance that two of 8
 * million distinct ids collide is about 2 in a million), in open addressing.
 */
export class IdSet {
  /**
   * Both hashes of each slot side by side, [a, b] as int32: a probe reads one cache line, not
   * three arrays. A slot is free when its `a` is `EMPTY`.
   */
  private keys: Int32Array;
  /** 32 − log2(slots / 16): the bits of a hash that pick one run of sixteen slots. */
  private shift: number;
  private count = 0;

  /** `expected`: about how many ids will be added (sizes the table so it rarely grows). */
  constructor(expected = 32_768) {
    let size = 1 << 16;
    while (size < expected * 2) size *= 2;
    this.keys = new Int32Array(2 * size).fill(EMPTY);
    this.shift = 36 - Math.log2(size);
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
      // Below 10^15 < 2^50, so `a` < 2^18.
      a = Math.floor(v / 4294967296) | 0;
      b = v | 0;
    } else {
      a = hashBytes(buf, start, end) | 0x80000000;
      b = hashBytes2(buf, start, end) | 0;
    }
    if (!this.insert(a, b)) return false;
    if (this.count * 4 > this.keys.length) this.rehash();
    return true;
  }

  private insert(a: number, b: number): boolean {
    const keys = this.keys;
    const mask = (keys.length >> 1) - 1;
    // Sixteen consecutive numeric ids share a run of slots (two cache lines), so ids that come in
    // order, as most portals write them, mostly probe memory just touched; the runs themselves
    // are spread by Fibonacci hashing (the product's high bits, good for any stride of ids).
    const run = Math.imul((b >>> 4) ^ Math.imul(a, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
    let slot = ((run << 4) + (b & 15)) & mask;
    for (;;) {
      const k = keys[2 * slot];
      if (k === EMPTY) break;
      if (k === a && keys[2 * slot + 1] === b) return false;
      slot = (slot + 1) & mask;
    }
    keys[2 * slot] = a;
    keys[2 * slot + 1] = b;
    this.count++;
    return true;
  }

  private rehash(): void {
    const old = this.keys;
    this.keys = new Int32Array(2 * old.length).fill(EMPTY);
    this.shift--;
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== EMPTY) this.insert(old[i], old[i + 1]);
  }
}
