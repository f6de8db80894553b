/**
 * Large columns are stored in IndexedDB as 32 MB pieces (Chromium ends a transaction that puts one
 * value over ~128 MB); these are the pure halves of that: split, then put back, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { externaliseLargeArrays, internaliseLargeArrays } from '../../../src/data/datasetStore';

describe('large columns in pieces', () => {
  it('keeps arrays over 1 MB out of the record, in pieces of 32 MB, and rebuilds them exactly', async () => {
    const big = new Float64Array(5_000_000); // 40 MB → 2 pieces
    for (let i = 0; i < big.length; i++) big[i] = i * 0.5;
    const small = new Uint16Array([1, 2, 3]);
    const medium = new Uint8Array(2 << 20).fill(7); // 2 MB → out of the record, 1 piece
    const value = {
      id: 'd1',
      table: { positions: big, category: small, hour: medium, names: ['a', 'b'] },
      count: 3,
    };
    const pieces: [string, Uint8Array][] = [];
    const stored = externaliseLargeArrays(value, 'd1', pieces) as {
      table: { positions: unknown; category: Uint16Array };
    };
    expect(pieces.map(([k, b]) => [k, b.length])).toEqual([
      ['d1|.table.positions|0', 32 << 20],
      ['d1|.table.positions|1', 40_000_000 - (32 << 20)],
      ['d1|.table.hour|0', 2 << 20],
    ]);
    expect(stored.table.category).toBe(small);
    expect(stored.table.positions).toMatchObject({
      __chunked: true,
      type: 'Float64Array',
      byteLength: 40_000_000,
      chunks: 2,
    });
    // The input is not changed.
    expect(value.table.positions).toBe(big);

    const byKey = new Map(pieces);
    const back = (await internaliseLargeArrays(stored, async (key) =>
      byKey.get(key),
    )) as typeof value;
    expect(back.table.positions).toBeInstanceOf(Float64Array);
    expect(back.table.positions.length).toBe(5_000_000);
    expect(back.table.positions[4_999_999]).toBe(2_499_999.5);
    expect(back.table.names).toEqual(['a', 'b']);
    expect(back.table.hour).toEqual(medium);
    expect(back.count).toBe(3);
  });

  it('refuses to rebuild a column with a missing piece', async () => {
    const pieces: [string, Uint8Array][] = [];
    const stored = externaliseLargeArrays({ a: new Uint8Array(40_000_000) }, 'x', pieces);
    await expect(internaliseLargeArrays(stored, async () => undefined)).rejects.toThrow(
      /incomplete/,
    );
  });
});
