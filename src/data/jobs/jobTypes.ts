import type { JobInput } from '../jobInput';

/** Reports progress: a fraction 0–1 and the stage in words ("permutation 400 of 999"). */
export type Progress = (fraction: number, stage: string) => void;

/** An analysis job: pure apart from progress; throws an Error whose message a person can act on. */
export type Job<P, R> = (input: JobInput, params: P, progress: Progress) => R | Promise<R>;

export const noProgress: Progress = () => {};
