/// <reference lib="webworker" />
// The import worker: file previews, imports with progress, and the saved data sets in IndexedDB.
// Cancelling an import terminates this worker; the page starts a fresh one.
import { expose, transfer } from 'comlink';
import {
  dryRun,
  importDataset,
  previewFile,
  rejectedRowsBlob,
  type Dataset,
  type ImportRequest,
  type Outcome,
} from '../src/data/datasetLoader';
import { deleteDataset, listDatasets, loadDataset, saveDataset } from '../src/data/datasetStore';
import { tableTransferables } from '../src/data/incidentTable';
import type { ImportProgress } from '../src/data/importSession';

let analysisPort: MessagePort | null = null;

/** Sends a copy of the table to the analysis worker, then hands the original to the page. */
function deliver(
  dataset: Dataset,
  saveError: string | null,
): Outcome<{ dataset: Dataset; saveError: string | null }> {
  analysisPort?.postMessage({ id: dataset.id, name: dataset.name, table: dataset.table });
  return transfer({ ok: true, value: { dataset, saveError } }, tableTransferables(dataset.table));
}

const api = {
  connectAnalysis(port: MessagePort): void {
    analysisPort = port;
  },
  previewFile,
  dryRun,
  rejectedRowsBlob,
  listDatasets,
  deleteDataset,
  async importDataset(
    request: ImportRequest,
    onProgress: (p: ImportProgress & { phase: 'reading' | 'saving' }) => void,
  ): Promise<Outcome<{ dataset: Dataset; saveError: string | null }>> {
    const result = await importDataset(request, (p) => onProgress({ ...p, phase: 'reading' }));
    if (!result.ok) return result;
    const dataset = result.value;
    let saveError: string | null = null;
    try {
      await saveDataset(dataset);
    } catch (error) {
      saveError = error instanceof Error ? error.message : String(error);
    }
    return deliver(dataset, saveError);
  },
  async restoreDataset(
    id: string,
  ): Promise<Outcome<{ dataset: Dataset; saveError: string | null }>> {
    const dataset = await loadDataset(id);
    if (!dataset)
      return {
        ok: false,
        error: 'That data set is no longer saved in this browser.',
        kind: 'missing',
      };
    return deliver(dataset, null);
  },
};

export type LoaderApi = typeof api;
expose(api);
