/**
 * A small store per analysis: whether it is running (with progress), its last result or error,
 * and the commands to run and cancel it. Each analysis panel makes one with `createJobStore`.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { JobKind, JobParams, JobResult } from '../data/jobs/registry';
import { startJob, type RunningJob } from './jobs';
import { useStore } from './store';

export interface JobState<R> {
  running: { fraction: number; stage: string } | null;
  result: R | null;
  error: string | null;
  /** The data set the result belongs to. */
  datasetId: string | null;
}

export interface JobStore<K extends JobKind> {
  use: UseBoundStore<StoreApi<JobState<JobResult<K>>>>;
  /** Runs on the current data set and filter; resolves to the result, or null (error/cancel). */
  run(params: JobParams<K>): Promise<JobResult<K> | null>;
  cancel(): void;
  clear(): void;
}

export function createJobStore<K extends JobKind>(kind: K): JobStore<K> {
  const use = create<JobState<JobResult<K>>>(() => ({
    running: null,
    result: null,
    error: null,
    datasetId: null,
  }));
  let current: RunningJob<JobResult<K>> | null = null;
  return {
    use,
    async run(params) {
      const { dataset, filter } = useStore.getState();
      if (!dataset) return null;
      current?.cancel();
      use.setState({ running: { fraction: 0, stage: 'starting' }, error: null });
      const job = startJob(kind, dataset.id, filter, params, (fraction, stage) => {
        if (current === job) use.setState({ running: { fraction, stage } });
      });
      current = job;
      const outcome = await job.result;
      if (current !== job) return null;
      current = null;
      if (outcome.ok) {
        const value = outcome.value as JobResult<K>;
        use.setState({ running: null, result: value, error: null, datasetId: dataset.id });
        return value;
      }
      use.setState({ running: null, error: outcome.cancelled ? null : outcome.error });
      return null;
    },
    cancel() {
      current?.cancel();
      current = null;
      use.setState({ running: null });
    },
    clear() {
      current?.cancel();
      current = null;
      use.setState({ running: null, result: null, error: null, datasetId: null });
    },
  };
}
