/**
 * Starting an analysis from the page: a fresh job worker gets the filtered incidents straight from
 * the analysis worker (a MessageChannel between them), runs the job with progress, and is ended
 * when the job finishes or the user cancels — so a long analysis never blocks filtering, and
 * cancelling stops it at once.
 */
import { proxy, transfer, wrap } from 'comlink';
import type { IncidentFilter } from '../data/incidentFilter';
import type { JobKind, JobParams, JobResult } from '../data/jobs/registry';
import type { JobApi } from '../../workers/job.worker';
import { analysisWorker } from './workers';

export type JobOutcome<R> =
  { ok: true; value: R } | { ok: false; cancelled: boolean; error: string };

export interface RunningJob<R> {
  result: Promise<JobOutcome<R>>;
  cancel(): void;
}

export function startJob<K extends JobKind>(
  kind: K,
  datasetId: string,
  filter: IncidentFilter,
  params: JobParams<K>,
  onProgress: (fraction: number, stage: string) => void,
): RunningJob<JobResult<K>> {
  const worker = new Worker(new URL('../../workers/job.worker.ts', import.meta.url), {
    type: 'module',
  });
  const api = wrap<JobApi>(worker);
  const channel = new MessageChannel();
  let settle: ((outcome: JobOutcome<JobResult<K>>) => void) | null = null;
  const result = new Promise<JobOutcome<JobResult<K>>>((resolve) => {
    settle = resolve;
  });
  const finish = (outcome: JobOutcome<JobResult<K>>) => {
    if (!settle) return;
    const s = settle;
    settle = null;
    worker.terminate();
    s(outcome);
  };
  void (async () => {
    try {
      await api.receiveInput(transfer(channel.port2, [channel.port2]));
      await analysisWorker().sendJobInput(
        datasetId,
        filter,
        transfer(channel.port1, [channel.port1]),
      );
      const value = (await api.run(kind, params, proxy(onProgress))) as JobResult<K>;
      finish({ ok: true, value });
    } catch (error) {
      finish({
        ok: false,
        cancelled: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  })();
  return {
    result,
    cancel: () => finish({ ok: false, cancelled: true, error: 'Cancelled.' }),
  };
}
