/**
 * ByteDictionary: one code per distinct trimmed value, straight from bytes, and a limit the caller
 * can pass once for its overflow label.
 */
import { describe, expect, it } from 'vitest';
import { ByteDictionary } from '../../../src/data/byteDictionary';

const encoder = new TextEncoder();
const utf8 = new TextDecoder();

function codeOf(dict: ByteDictionary, text: string): number {
  const b = encoder.encode(text);
  return dict.code(b, 0, b.length);
}

describe('ByteDictionary', () => {
  it('numbers values in order of first sight; 0 is the empty value; ends trimmed', () => {
    const dict = new ByteDictionary((b) => utf8.decode(b));
    expect(codeOf(dict, 'THEFT')).toBe(1);
    expect(codeOf(dict, 'BATTERY')).toBe(2);
    expect(codeOf(dict, 'THEFT')).toBe(1);
    expect(codeOf(dict, ' THEFT\t')).toBe(1);
    expect(codeOf(dict, '')).toBe(0);
    expect(codeOf(dict, '   ')).toBe(0);
    expect(codeOf(dict, 'Café')).toBe(3);
    expect(dict.values).toEqual(['', 'THEFT', 'BATTERY', 'Café']);
    expect(dict.size).toBe(4);
  });

  it('reads a value inside a larger buffer', () => {
    const dict = new ByteDictionary((b) => utf8.decode(b));
    const row = encoder.encode('1,THEFT,2,THEFT');
    expect(dict.code(row, 2, 7)).toBe(1);
    expect(dict.code(row, 10, 15)).toBe(1);
    expect(dict.values).toEqual(['', 'THEFT']);
  });

  it('tells apart long values that share their first and last eight bytes', () => {
    const dict = new ByteDictionary((b) => utf8.decode(b));
    const values = Array.from(
      { length: 5000 },
      (_, i) => `001XX N ${String(i).padStart(6, '0')} STATE ST`,
    );
    const expected = values.map((_, i) => i + 1);
    expect(values.map((v) => codeOf(dict, v))).toEqual(expected);
    expect(values.map((v) => codeOf(dict, v))).toEqual(expected);
    expect(dict.values.slice(1)).toEqual(values);
  });

  it('reads values of every length at odd offsets of views, across pool and table growth', () => {
    // Hashing and comparing read four bytes at a time: no alignment, no byte past the value.
    const dict = new ByteDictionary((b) => utf8.decode(b));
    const values = Array.from({ length: 3000 }, (_, i) => 'x'.repeat(i % 23) + String(i));
    const text = values.join(',');
    const backing = encoder.encode(`#${text},`);
    const row = backing.subarray(1); // a view whose byteOffset is 1
    const ranges: [number, number][] = [];
    let from = 0;
    for (const v of values) {
      const length = encoder.encode(v).length;
      ranges.push([from, from + length]);
      from += length + 1;
    }
    const expected = values.map((_, i) => i + 1);
    expect(ranges.map(([s, e]) => dict.code(row, s, e))).toEqual(expected);
    expect(values.map((v) => codeOf(dict, v))).toEqual(expected);
    // Prefixes and extensions of known values are new values.
    expect(codeOf(dict, 'xxxxxxxxxxxxxxxxxxxxxx2')).toBe(3001);
    expect(codeOf(dict, 'xxxxxxx')).toBe(3002);
    expect(codeOf(dict, 'xxxxxxx7')).toBe(8);
    expect(dict.values.slice(1, 3001)).toEqual(values);
  });

  it('returns -1 when full, unless asked to go past the limit (once, for a label)', () => {
    const dict = new ByteDictionary((b) => utf8.decode(b), 4);
    expect(['a', 'b', 'c'].map((v) => codeOf(dict, v))).toEqual([1, 2, 3]);
    expect(codeOf(dict, 'd')).toBe(-1);
    expect(codeOf(dict, 'a')).toBe(1);
    expect(dict.codeOfString('(other values)', true)).toBe(4);
    expect(dict.codeOfString('(other values)', true)).toBe(4);
    expect(codeOf(dict, 'e')).toBe(-1);
    expect(dict.values).toEqual(['', 'a', 'b', 'c', '(other values)']);
  });

  it('decodes each new value once, with the decoder it was given (Windows-1252 here)', () => {
    let decoded = 0;
    const latin = new TextDecoder('windows-1252');
    const dict = new ByteDictionary((b) => {
      decoded++;
      return latin.decode(b);
    });
    const cafe = Uint8Array.of(0x43, 0x61, 0x66, 0xe9);
    for (let k = 0; k < 10; k++) expect(dict.code(cafe, 0, 4)).toBe(1);
    expect(dict.values[1]).toBe('Café');
    expect(decoded).toBe(1);
  });
});
