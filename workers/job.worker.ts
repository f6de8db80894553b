/// <reference lib="webworker" />
// A job worker runs one analysis on the incidents the analysis worker sends it, reporting
// progress; the page cancels a job by terminating its worker.
import { expose, transfer } from 'comlink';
import type { JobInput } from '../src/data/jobInput';
import { JOBS, type JobKind } from '../src/data/jobs/registry';
import type { Progress } from '../src/data/jobs/jobTypes';
import { collectTransferables } from '../src/data/jobs/transferables';

let input: Promise<JobInput> | null = null;

const api = {
  receiveInput(port: MessagePort): void {
    input = new Promise((resolve) => {
      port.onmessage = (event: MessageEvent<JobInput>) => resolve(event.data);
    });
  },
  async run(kind: JobKind, params: unknown, onProgress: Progress): Promise<unknown> {
    if (!input) throw new Error('The job has no input.');
    const job = JOBS[kind] as (i: JobInput, p: unknown, progress: Progress) => unknown;
    const result = await job(await input, params, onProgress);
    return transfer(result, collectTransferables(result));
  },
};

export type JobApi = typeof api;
expose(api);
