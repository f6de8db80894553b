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

interface CopPlannerDb extends DBSchema {
  datasets: { key: string; value: Dataset };
  datasetIndex: { key: string; value: DatasetSummary };
  settings: { key: string; value: unknown };
  plans: {
    key: string;
    value: { id: string; datasetId: string; [k: string]: unknown };
    indexes: { byDataset: string };
  };
}

export const DB_NAME = 'cop-planner';
const DB_VERSION = 1;

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
    upgrade(db) {
      db.createObjectStore('datasets', { keyPath: 'id' });
      db.createObjectStore('datasetIndex', { keyPath: 'id' });
      db.createObjectStore('settings');
      const plans = db.createObjectStore('plans', { keyPath: 'id' });
      plans.createIndex('byDataset', 'datasetId');
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

export async function saveDataset(dataset: Dataset): Promise<void> {
  const db = await openStore();
  // Both requests are made before anything is awaited: a transaction ends once it has no
  // pending request at the end of a task.
  const summary = summarise(dataset);
  try {
    const tx = db.transaction(['datasets', 'datasetIndex'], 'readwrite');
    const stored = tx.objectStore('datasets').put(dataset);
    const indexed = tx.objectStore('datasetIndex').put(summary);
    await Promise.all([stored, indexed, tx.done]);
  } catch (error) {
    if (isQuotaError(error)) throw new QuotaError(`"${dataset.name}"`);
    throw new Error(
      `"${dataset.name}" could not be kept in this browser (${error instanceof Error ? error.message : String(error)}); it stays open until you close the tab.`,
    );
  }
}

export async function loadDataset(id: string): Promise<Dataset | undefined> {
  return (await openStore()).get('datasets', id);
}

export async function listDatasets(): Promise<DatasetSummary[]> {
  const all = await (await openStore()).getAll('datasetIndex');
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function deleteDataset(id: string): Promise<void> {
  const db = await openStore();
  const tx = db.transaction(['datasets', 'datasetIndex'], 'readwrite');
  await Promise.all([
    tx.objectStore('datasets').delete(id),
    tx.objectStore('datasetIndex').delete(id),
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
