/**
 * Every analysis job, by name. The job worker runs them; the command line calls them directly; the
 * page starts them through `src/app/jobs.ts`. Add a job here and it is available everywhere.
 */
import { hotspotsJob } from './hotspotsJob';

export const JOBS = {
  hotspots: hotspotsJob,
};

export type JobKind = keyof typeof JOBS;
export type JobParams<K extends JobKind> = Parameters<(typeof JOBS)[K]>[1];
export type JobResult<K extends JobKind> = Awaited<ReturnType<(typeof JOBS)[K]>>;
