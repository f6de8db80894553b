/**
 * Persistence in IndexedDB (through `idb`): imported data sets (their columns, report, rejected
 * rows and source files), small settings (the view, filters, basemap) and plans. Usable from the
 * import worker and from the page. A full disk is reported as a QuotaError with a message a person
 * can act on, never ignored.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dataset } from './datasetLoader';

export interface DatasetSummary {
  id: string;
  name: string;
  createdAt: string;
  isSample: boolean;
  rows: number;
  /** Bytes of the source files plus the columns. */
  bytes: number;
  dateRange: [string, string] | null;
  schemaName: string;
}

/** A large typed array stored in pieces: where its bytes are and how to rebuild it. */
interface ChunkedArray {
  __chunked: true;
  key: string;
  type: TypedArrayName;
  byteLength: number;
  chunks: number;
}

type TypedArrayName =
  | 'Float64Array'
  | 'Float32Array'
  | 'Uint32Array'
  | 'Int32Array'
  | 'Uint16Array'
  | 'Int16Array'
  | 'Uint8Array'
  | 'Int8Array';

interface CopPlannerDb extends DBSchema {
  /** Data sets with their large columns replaced by `ChunkedArray` references. */
  datasets: { key: string; value: Dataset };
  /** Pieces of large columns: key `datasetId|column path|piece number`. */
  chunks: { key: string; value: Uint8Array };
  datasetIndex: { key: string; value: DatasetSummary };
  settings: { key: string; value: unknown };
  plans: {
    key: string;
    value: { id: string; datasetId: string; [k: string]: unknown };
    indexes: { byDataset: string };
  };
}

export const DB_NAME = 'cop-planner';
const DB_VERSION = 2;

/**
 * Chromium refuses one IndexedDB value of more than about 128 MB (the transaction just ends), and
 * that counts the whole record. So every column over EXTERNAL_BYTES is kept out of the data set
 * record, in pieces of at most CHUNK_BYTES, and put back together on load.
 */
const EXTERNAL_BYTES = 1 << 20;
const CHUNK_BYTES = 32 << 20;

export class QuotaError extends Error {
  constructor(what: string) {
    super(
      `The browser has no room left to keep ${what} (storage quota reached). Delete old data sets in Data → Saved data sets, or free disk space; the data stays open until you close the tab.`,
    );
    this.name = 'QuotaError';
  }
}

let dbPromise: Promise<IDBPDatabase<CopPlannerDb>> | null = null;

export function openStore(): Promise<IDBPDatabase<CopPlannerDb>> {
  dbPromise ??= openDB<CopPlannerDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('datasets', { keyPath: 'id' });
        db.createObjectStore('datasetIndex', { keyPath: 'id' });
        db.createObjectStore('settings');
        const plans = db.createObjectStore('plans', { keyPath: 'id' });
        plans.createIndex('byDataset', 'datasetId');
      }
      if (oldVersion < 2) db.createObjectStore('chunks');
    },
  });
  return dbPromise;
}

function isQuotaError(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED')
  );
}

export function summarise(dataset: Dataset): DatasetSummary {
  const fileBytes = dataset.files.reduce((sum, f) => sum + f.blob.size, 0);
  const t = dataset.table;
  const columnBytes =
    t.positions.byteLength +
    t.timeMs.byteLength +
    t.windowMinutes.byteLength +
    t.category.byteLength * 5 +
    t.address.byteLength +
    t.filterDay.byteLength +
    t.hour.byteLength * 2 +
    t.source.offset.byteLength +
    t.source.length.byteLength +
    t.source.file.byteLength;
  return {
    id: dataset.id,
    name: dataset.name,
    createdAt: dataset.createdAt,
    isSample: dataset.isSample,
    rows: t.count,
    bytes: fileBytes + columnBytes,
    dateRange: dataset.report.dateRange,
    schemaName: dataset.report.schemaName,
  };
}

const TYPED = {
  Float64Array,
  Float32Array,
  Uint32Array,
  Int32Array,
  Uint16Array,
  Int16Array,
  Uint8Array,
  Int8Array,
} as const;

function isChunked(value: unknown): value is ChunkedArray {
  return typeof value === 'object' && value !== null && (value as ChunkedArray).__chunked === true;
}

/**
 * A copy of `value` with every typed array over EXTERNAL_BYTES replaced by a reference, and the
 * pieces to store. Pieces are copies (a view would serialise its whole buffer).
 */
export function externaliseLargeArrays(
  value: unknown,
  keyPrefix: string,
  pieces: [string, Uint8Array][] = [],
  path = '',
): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (value.byteLength <= EXTERNAL_BYTES) return value;
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    const key = `${keyPrefix}|${path}`;
    const chunks = Math.ceil(bytes.length / CHUNK_BYTES);
    for (let k = 0; k < chunks; k++)
      pieces.push([
        `${key}|${k}`,
        bytes.slice(k * CHUNK_BYTES, Math.min(bytes.length, (k + 1) * CHUNK_BYTES)),
      ]);
    const ref: ChunkedArray = {
      __chunked: true,
      key,
      type: value.constructor.name as TypedArrayName,
      byteLength: value.byteLength,
      chunks,
    };
    return ref;
  }
  if (value instanceof Blob || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value))
    return value.map((v, i) => externaliseLargeArrays(v, keyPrefix, pieces, `${path}.${i}`));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = externaliseLargeArrays(v, keyPrefix, pieces, `${path}.${k}`);
  return out;
}

/** Puts large arrays back from their pieces (the inverse of `externaliseLargeArrays`). */
export async function internaliseLargeArrays(
  value: unknown,
  readPiece: (key: string) => Promise<Uint8Array | undefined>,
): Promise<unknown> {
  if (isChunked(value)) {
    const bytes = new Uint8Array(value.byteLength);
    for (let k = 0, at = 0; k < value.chunks; k++) {
      const piece = await readPiece(`${value.key}|${k}`);
      if (!piece) throw new Error('a stored column is incomplete');
      bytes.set(piece, at);
      at += piece.length;
    }
    const Ctor = TYPED[value.type];
    return new Ctor(bytes.buffer, 0, value.byteLength / Ctor.BYTES_PER_ELEMENT);
  }
  if (
    ArrayBuffer.isView(value) ||
    value instanceof Blob ||
    value === null ||
    typeof value !== 'object'
  )
    return value;
  if (Array.isArray(value))
    return Promise.all(value.map((v) => internaliseLargeArrays(v, readPiece)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = await internaliseLargeArrays(v, readPiece);
  return out;
}

const PIECES_PER_TRANSACTION = 8;

export async function saveDataset(dataset: Dataset): Promise<void> {
  const db = await openStore();
  const summary = summarise(dataset);
  const pieces: [string, Uint8Array][] = [];
  const stored = externaliseLargeArrays(dataset, dataset.id, pieces) as Dataset;
  try {
    // Pieces first, in transactions of a few hundred MB; the data set record last, so a data set
    // is listed only once all of it is stored.
    for (let start = 0; start < pieces.length; start += PIECES_PER_TRANSACTION) {
      const tx = db.transaction('chunks', 'readwrite');
      const puts = pieces
        .slice(start, start + PIECES_PER_TRANSACTION)
        .map(([key, bytes]) => tx.store.put(bytes, key));
      await Promise.all([...puts, tx.done]);
    }
    // Both requests are made before anything is awaited: a transaction ends once it has no
    // pending request at the end of a task.
    const tx = db.transaction(['datasets', 'datasetIndex'], 'readwrite');
    const record = tx.objectStore('datasets').put(stored);
    const indexed = tx.objectStore('datasetIndex').put(summary);
    await Promise.all([record, indexed, tx.done]);
  } catch (error) {
    await deletePieces(dataset.id).catch(() => {});
    if (isQuotaError(error)) throw new QuotaError(`"${dataset.name}"`);
    throw new Error(
      `"${dataset.name}" could not be kept in this browser (${error instanceof Error ? error.message : String(error)}); it stays open until you close the tab.`,
    );
  }
}

async function deletePieces(datasetId: string): Promise<void> {
  const db = await openStore();
  await db.delete('chunks', IDBKeyRange.bound(`${datasetId}|`, `${datasetId}|\uffff`));
}

export async function loadDataset(id: string): Promise<Dataset | undefined> {
  const db = await openStore();
  const stored = await db.get('datasets', id);
  if (!stored) return undefined;
  return (await internaliseLargeArrays(stored, (key) => db.get('chunks', key))) as Dataset;
}

export async function listDatasets(): Promise<DatasetSummary[]> {
  const all = await (await openStore()).getAll('datasetIndex');
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Deletes a data set: its record, its entry in the list, and the pieces of its large columns. */
export async function deleteDataset(id: string): Promise<void> {
  const db = await openStore();
  const tx = db.transaction(['datasets', 'datasetIndex', 'chunks'], 'readwrite');
  await Promise.all([
    tx.objectStore('datasets').delete(id),
    tx.objectStore('datasetIndex').delete(id),
    tx.objectStore('chunks').delete(IDBKeyRange.bound(`${id}|`, `${id}|\uffff`)),
    tx.done,
  ]);
}

export async function getSetting<T>(key: string): Promise<T | undefined> {
  return (await (await openStore()).get('settings', key)) as T | undefined;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  try {
    await (await openStore()).put('settings', value, key);
  } catch (error) {
    if (isQuotaError(error)) throw new QuotaError('the view settings');
    throw error;
  }
}
