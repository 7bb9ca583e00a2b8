import { SetMetadata } from '@nestjs/common';
import type { JobName, JobOf, JobResultOf } from './job-registry';

export const JOB_HANDLER_METADATA = 'continuum:job-handler';

export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  /** Tries this job gets in all: a handler that must act on the last failure compares `attempt` with it. */
  maxAttempts: number;
}

export type JobHandlerFn<N extends JobName> = (payload: JobOf<N>, context: JobContext) => Promise<JobResultOf<N>>;

/**
 * Marks a provider method as the handler of one job. The worker refuses to start unless every job name
 * has exactly one handler. The method signature is checked against the job's payload and result types.
 */
export const OnJob =
  <N extends JobName>(name: N) =>
  <T extends JobHandlerFn<N>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    SetMetadata(JOB_HANDLER_METADATA, name)(target, key, descriptor);
  };
