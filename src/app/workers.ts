/**
 * The page's one caller of the workers. The analysis worker lives as long as the page; the import
 * worker is replaced after a cancelled import (cancelling terminates it, which stops it at once and
 * leaves the current data set untouched). Each import worker is wired to the analysis worker by a
 * MessageChannel, so a table's copy goes worker to worker without passing through the page.
 */
import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { AnalysisApi } from '../../workers/analysis.worker';
import type { LoaderApi } from '../../workers/loader.worker';

let analysis: Remote<AnalysisApi> | null = null;
let loader: { api: Remote<LoaderApi>; worker: Worker } | null = null;

export function analysisWorker(): Remote<AnalysisApi> {
  analysis ??= wrap<AnalysisApi>(
    new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module' }),
  );
  return analysis;
}

export function loaderWorker(): Remote<LoaderApi> {
  if (!loader) {
    const worker = new Worker(new URL('../../workers/loader.worker.ts', import.meta.url), {
      type: 'module',
    });
    const api = wrap<LoaderApi>(worker);
    const channel = new MessageChannel();
    void analysisWorker().connectLoader(transfer(channel.port1, [channel.port1]));
    void api.connectAnalysis(transfer(channel.port2, [channel.port2]));
    loader = { api, worker };
  }
  return loader.api;
}

/** Stops whatever the import worker is doing; the next call starts a fresh one. */
export function terminateLoader(): void {
  if (!loader) return;
  loader.api[releaseProxy]();
  loader.worker.terminate();
  loader = null;
}

export { proxy };
