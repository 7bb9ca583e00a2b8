import type { JobsOptions } from 'bullmq';
import { JOB_DEFINITIONS, type JobName, type JobOf } from './job-registry';

/** Bounds on what Redis keeps however long a retention says, so a burst cannot fill memory. */
const MAX_COMPLETED_KEPT = 1_000;
const MAX_FAILED_KEPT = 10_000;
/** Each retry waits 2^(n-1) × backoff, scattered by up to half of that so retries do not stampede. */
const BACKOFF_JITTER = 0.5;

/** BullMQ rejects job ids with a colon (its key separator) and ids made only of digits. */
const VALID_JOB_ID = /^(?!\d+$)[^:]{1,200}$/;

export class InvalidJobIdError extends Error {}

/** Deployment settings that replace a job's default retry policy. */
export type RetryOverrides = Partial<Record<JobName, { attempts: number; backoffMs: number }>>;

/** The one place job options are decided: every enqueue goes through here. */
export function buildJobOptions<N extends JobName>(
  name: N,
  payload: JobOf<N>,
  overrides: RetryOverrides = {},
): JobsOptions {
  const definition = { ...JOB_DEFINITIONS[name], ...overrides[name] };
  const jobId = definition.jobId?.(payload);
  if (jobId !== undefined && !VALID_JOB_ID.test(jobId)) {
    throw new InvalidJobIdError(`job id for ${name} must be 1–200 characters, no colon, not only digits`);
  }
  return {
    jobId,
    attempts: definition.attempts,
    backoff: { type: 'exponential', delay: definition.backoffMs, jitter: BACKOFF_JITTER },
    removeOnComplete: { age: definition.keepCompletedSeconds, count: MAX_COMPLETED_KEPT },
    removeOnFail: { age: definition.keepFailedSeconds, count: MAX_FAILED_KEPT },
  };
}
