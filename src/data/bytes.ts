/**
 * Reading values straight from the bytes of a CSV field, without building strings: decimal numbers,
 * trimmed ranges and hashes. Used by the import hot loop.
 */
const SPACE = 0x20;
const TAB = 0x09;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const ascii = new TextDecoder('latin1');

/** First non-blank byte at or after `start`. */
export function trimStart(buf: Uint8Array, start: number, end: number): number {
  while (start < end && (buf[start] === SPACE || buf[start] === TAB)) start++;
  return start;
}

/** One past the last non-blank byte before `end`. */
export function trimEnd(buf: Uint8Array, start: number, end: number): number {
  while (end > start && (buf[end - 1] === SPACE || buf[end - 1] === TAB)) end--;
  return end;
}

/**
 * Parses a decimal number such as `-87.707846683` or `1154405.0` from bytes, returning NaN for
 * anything that is not a plain number. With up to 15 significant digits the result is exactly
 * `parseFloat`'s (an integer mantissa divided by an exact power of ten is correctly rounded);
 * longer numbers, more than 22 fraction digits and exponents fall back to `Number()`.
 */
export function parseDecimal(buf: Uint8Array, start: number, end: number): number {
  start = trimStart(buf, start, end);
  end = trimEnd(buf, start, end);
  if (start >= end) return NaN;
  let i = start;
  let negative = false;
  if (buf[i] === MINUS) {
    negative = true;
    i++;
  } else if (buf[i] === PLUS) {
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let fraction = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const c = buf[i];
    const d = c - ZERO;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
      if (significant > 0 || d !== 0) significant++;
      if (seenDot) fraction++;
    } else if (c === DOT && !seenDot) {
      seenDot = true;
    } else {
      return slowNumber(buf, start, end);
    }
  }
  if (digits === 0) return NaN;
  // POW10 is exact only up to 10^22; more fraction digits (e.g. a zero written with 23+ zeros)
  // take the slow path too.
  if (significant > 15 || fraction >= POW10.length) return slowNumber(buf, start, end);
  const value = fraction === 0 ? mantissa : mantissa / POW10[fraction];
  return negative ? -value : value;
}

function slowNumber(buf: Uint8Array, start: number, end: number): number {
  const text = ascii.decode(buf.subarray(start, end)).trim();
  if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return NaN;
  return Number(text);
}

/** FNV-1a over a byte range (32 bits). */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= buf[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A second, independent 32-bit hash (murmur-style mixing), for 64-bit identity of ids. */
export function hashBytes2(buf: Uint8Array, start: number, end: number): number {
  let h = 0x9747b28c ^ (end - start);
  for (let i = start; i < end; i++) {
    h = Math.imul(h ^ buf[i], 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Do two byte ranges hold the same bytes? */
export function bytesEqual(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): boolean {
  const n = aEnd - aStart;
  if (n !== bEnd - bStart) return false;
  for (let i = 0; i < n; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/** Is every byte of the range ASCII? */
export function isAscii(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] > 0x7f) return false;
  return true;
}
