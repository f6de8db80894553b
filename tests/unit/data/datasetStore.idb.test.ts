/**
 * Saving, listing, loading and deleting a data set over an in-memory IndexedDB (fake-indexeddb):
 * large columns go to the `chunks` store in pieces and come back byte for byte, and deleting the
 * data set deletes its pieces too (else gigabytes would stay behind in the browser).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/datasetLoader';
import {
  deleteDataset,
  listDatasets,
  loadDataset,
  openStore,
  saveDataset,
} from '../../../src/data/datasetStore';

/** A data set of `n` incidents with only what the store reads filled in. */
function dataset(id: string, n: number): Dataset {
  const positions = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    positions[2 * i] = -88 + i * 1e-6;
    positions[2 * i + 1] = 40 + i * 1e-6;
  }
  const table = {
    count: n,
    positions,
    timeMs: new Float64Array(n).fill(1.7e12),
    windowMinutes: new Float32Array(n),
    category: new Uint16Array(n),
    description: new Uint16Array(n),
    locationType: new Uint16Array(n),
    beat: new Uint16Array(n),
    district: new Uint16Array(n),
    address: new Uint32Array(n),
    filterDay: new Float32Array(n),
    hour: new Uint8Array(n),
    weekday: new Uint8Array(n),
    source: {
      file: new Uint16Array(n),
      offset: new Float64Array(n),
      length: new Uint32Array(n),
      row: new Uint32Array(n),
    },
  };
  return {
    id,
    name: `${id}.csv`,
    createdAt: '2026-01-05T10:00:00Z',
    isSample: false,
    table,
    report: { dateRange: ['2025-01-01T00:00:00', '2025-12-31T23:00:00'], schemaName: 'Test' },
    rejected: {},
    files: [],
  } as unknown as Dataset;
}

async function pieceKeys(id: string): Promise<string[]> {
  const db = await openStore();
  return (await db.getAllKeys('chunks', IDBKeyRange.bound(`${id}|`, `${id}|\uffff`))).map(String);
}

describe('data sets in IndexedDB', () => {
  it('stores columns over 1 MB as pieces, lists the data set, and loads it back exactly', async () => {
    // 100,000 incidents: positions 1.6 MB, timeMs and source offsets 0.8 MB each.
    const d = dataset('big', 100_000);
    await saveDataset(d);
    expect(await pieceKeys('big')).toEqual(['big|.table.positions|0']);
    const listed = await listDatasets();
    expect(listed.map((s) => [s.id, s.rows])).toEqual([['big', 100_000]]);
    const back = await loadDataset('big');
    expect(back?.table.positions).toEqual(d.table.positions);
    expect(back?.table.positions[199_999]).toBeCloseTo(40 + 99_999e-6, 12);
  });

  it('deleting a data set deletes its pieces and leaves the others', async () => {
    await saveDataset(dataset('other', 80_000));
    await deleteDataset('big');
    expect(await loadDataset('big')).toBeUndefined();
    expect(await pieceKeys('big')).toEqual([]);
    expect((await listDatasets()).map((s) => s.id)).toEqual(['other']);
    expect(await pieceKeys('other')).toEqual(['other|.table.positions|0']);
    expect((await loadDataset('other'))?.table.count).toBe(80_000);
  });
});
