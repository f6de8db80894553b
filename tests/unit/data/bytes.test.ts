/**
 * Values read straight from bytes: `parseDecimal` against `parseFloat` (the reference), the two
 * 32-bit hashes (FNV-1a against its published test vectors), byte-range helpers, and `IdSet`
 * duplicate detection.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesEqual,
  hashBytes,
  hashBytes2,
  isAscii,
  parseDecimal,
  trimEnd,
  trimStart,
} from '../../../src/data/bytes';
import { IdSet } from '../../../src/data/idSet';

const encoder = new TextEncoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);
const decimal = (text: string): number => {
  const b = bytes(text);
  return parseDecimal(b, 0, b.length);
};

const digitString = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

/** A plain decimal: optional sign, integer digits, optional fraction (leading zeros allowed). */
const decimalText = fc
  .record({
    sign: fc.constantFrom('', '-', '+'),
    integer: digitString(0, 9),
    dot: fc.boolean(),
    zeros: fc.nat({ max: 26 }),
    fraction: digitString(0, 8),
  })
  .map(({ sign, integer, dot, zeros, fraction }) => {
    const frac = dot ? `.${'0'.repeat(zeros)}${fraction}` : '';
    const body = integer + frac;
    return /\d/.test(body) ? sign + body : `${sign}0`;
  });

describe('parseDecimal', () => {
  it('equals parseFloat on random plain decimals (signs, leading zeros, long fractions)', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(Object.is(decimal(text), parseFloat(text)), `${text}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('equals parseFloat on the values portals write', () => {
    for (const text of [
      '-87.707846683',
      '41.947607802',
      '1154405.0',
      '1924119',
      '51.518226',
      '-0.111497',
      '0.0',
      '-0',
      '.5',
      '5.',
      '+3.25',
      '123456789012345', // 15 significant digits: the exact fast path
      '1234567890.123456789', // 19: falls back to Number()
      '0.1234567890123456789',
      '1e5',
      '-2.5E-3',
    ])
      expect(Object.is(decimal(text), parseFloat(text)), text).toBe(true);
  });

  it('ignores blanks around the number and reads a sub-range of a buffer', () => {
    expect(decimal('  -87.5\t')).toBe(-87.5);
    const row = bytes('x,41.88,y');
    expect(parseDecimal(row, 2, 7)).toBe(41.88);
  });

  it('returns NaN for empty fields and for anything that is not a plain number', () => {
    for (const text of [
      '',
      '   ',
      '-',
      '+',
      '.',
      '1,5',
      '12abc',
      'abc',
      '1.2.3',
      '--1',
      'NaN',
      'Infinity',
      '0x10',
      '1e',
      '(41.8, -87.6)',
    ])
      expect(decimal(text), JSON.stringify(text)).toBeNaN();
  });
});

describe('byte-range helpers', () => {
  it('trims spaces and tabs only', () => {
    const b = bytes(' \t ab c\t ');
    const s = trimStart(b, 0, b.length);
    const e = trimEnd(b, s, b.length);
    expect([s, e]).toEqual([3, 7]);
    const blank = bytes('  \t');
    expect(trimEnd(blank, trimStart(blank, 0, 3), 3)).toBe(3);
  });

  it('compares ranges and tests for ASCII', () => {
    const a = bytes('xxCaféyy');
    const b = bytes('Café');
    expect(bytesEqual(a, 2, 7, b, 0, b.length)).toBe(true);
    expect(bytesEqual(a, 2, 6, b, 0, b.length)).toBe(false);
    expect(bytesEqual(a, 0, 5, b, 0, 5)).toBe(false);
    expect(isAscii(a, 0, 5)).toBe(true);
    expect(isAscii(a, 0, 6)).toBe(false);
  });
});

describe('hashes', () => {
  it('hashBytes is 32-bit FNV-1a (test vectors of the FNV reference, draft-eastlake-fnv)', () => {
    const fnv = (text: string) => {
      const b = bytes(text);
      return hashBytes(b, 0, b.length);
    };
    expect(fnv('')).toBe(0x811c9dc5);
    expect(fnv('a')).toBe(0xe40c292c);
    expect(fnv('foobar')).toBe(0xbf9cf968);
  });

  it('hash a range, not a buffer: equal bytes anywhere give equal hashes', () => {
    const buf = bytes('JG320179,JG320179,JG320180');
    expect(hashBytes(buf, 0, 8)).toBe(hashBytes(buf, 9, 17));
    expect(hashBytes2(buf, 0, 8)).toBe(hashBytes2(buf, 9, 17));
    expect(hashBytes(buf, 0, 8)).not.toBe(hashBytes(buf, 18, 26));
    expect(hashBytes2(buf, 0, 8)).not.toBe(hashBytes2(buf, 18, 26));
  });

  it('the two hashes together separate 20,000 distinct ids (no 64-bit collision)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const b = bytes(`HZ${i.toString(36)}`);
      seen.add(`${hashBytes(b, 0, b.length)}:${hashBytes2(b, 0, b.length)}`);
    }
    expect(seen.size).toBe(20_000);
  });
});

describe('IdSet', () => {
  const add = (set: IdSet, text: string): boolean => {
    const b = bytes(text);
    return set.add(b, 0, b.length);
  };

  it('reports a duplicate the second time an id is added', () => {
    const set = new IdSet();
    expect(add(set, '27595')).toBe(true);
    expect(add(set, '27600')).toBe(true);
    expect(add(set, '27595')).toBe(false);
    expect(add(set, ' 27595\t')).toBe(false); // trimmed, like the portal's padded values
    expect(set.size).toBe(2);
  });

  it('keeps numeric and text ids apart, and leading zeros significant', () => {
    const set = new IdSet();
    expect(add(set, '123')).toBe(true);
    expect(add(set, '0123')).toBe(true);
    expect(add(set, '00123')).toBe(true);
    expect(add(set, '0')).toBe(true);
    expect(add(set, '00')).toBe(true);
    expect(add(set, 'JG320179')).toBe(true);
    expect(add(set, 'jg320179')).toBe(true);
    expect(add(set, '36b20bdb03cadaac60b01469faf9699d')).toBe(true);
    // 15 digits (numeric key) and 16 digits (hashed key) either side of the fast path.
    expect(add(set, '999999999999999')).toBe(true);
    expect(add(set, '1000000000000000')).toBe(true);
    for (const id of ['123', '0123', '00123', '0', '00', 'JG320179', '999999999999999'])
      expect(add(set, id), id).toBe(false);
    expect(add(set, '1000000000000000')).toBe(false);
    expect(set.size).toBe(10);
  });

  it('grows from a small table: 50,000 ids in, each once; then every one a duplicate', () => {
    const set = new IdSet(10);
    const ids = Array.from({ length: 50_000 }, (_, i) =>
      i % 3 === 0 ? String(i * 7919) : `JD${i.toString(16).padStart(6, '0')}`,
    );
    expect(ids.filter((id) => add(set, id)).length).toBe(50_000);
    expect(set.size).toBe(50_000);
    expect(ids.filter((id) => add(set, id)).length).toBe(0);
    expect(set.size).toBe(50_000);
  });

  it('takes ids in runs, in reverse and at power-of-two strides, each once', () => {
    // Strides of 2^16 once all fell into a few slots of the table (the low bits of a product).
    const set = new IdSet(10);
    const ids = [
      ...Array.from({ length: 40_000 }, (_, i) => String(2 ** 33 - i)),
      ...Array.from({ length: 40_000 }, (_, i) => String((i + 1) * 65_536)),
      ...Array.from({ length: 40_000 }, (_, i) => String(2 ** 40 + i * 16)),
    ];
    expect(ids.filter((id) => add(set, id)).length).toBe(ids.length);
    expect(ids.filter((id) => add(set, id)).length).toBe(0);
    expect(set.size).toBe(ids.length);
  });

  it('keeps ids at the edges of the numeric keys apart: 0, 2^32 ± 1, 15 nines, text', () => {
    const set = new IdSet();
    const ids = [
      '0',
      '1',
      '4294967295',
      '4294967296',
      '4294967297',
      '999999999999999',
      '999999999999998',
      '1000000000000000', // 16 digits: hashed as text
      '1073741824', // 2^30, whose bits mark a free slot in the other half of a key
      'A',
      '',
    ];
    expect(ids.map((id) => add(set, id))).toEqual(ids.map(() => true));
    expect(ids.map((id) => add(set, id))).toEqual(ids.map(() => false));
    expect(set.size).toBe(ids.length);
  });
});
