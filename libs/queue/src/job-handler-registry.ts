import { ALL_JOB_NAMES, type JobName } from './job-registry';

export interface DiscoveredHandler {
  job: JobName;
  /** `ClassName.methodName`, for error messages. */
  owner: string;
}

export class JobHandlerRegistryError extends Error {}

/**
 * The boot check: every job name has exactly one handler, and no handler claims a job that does not exist.
 * A worker that would silently drop a job kind, or run it twice, does not start.
 */
export function assertEveryJobHasOneHandler(
  handlers: DiscoveredHandler[],
  jobNames: readonly JobName[] = ALL_JOB_NAMES,
): void {
  const problems: string[] = [];
  for (const job of jobNames) {
    const owners = handlers.filter((h) => h.job === job).map((h) => h.owner);
    if (owners.length === 0) problems.push(`${job}: no handler`);
    if (owners.length > 1) problems.push(`${job}: ${owners.length} handlers (${owners.join(', ')})`);
  }
  for (const handler of handlers) {
    if (!jobNames.includes(handler.job)) problems.push(`${handler.owner}: handles unknown job "${handler.job}"`);
  }
  if (problems.length > 0) {
    throw new JobHandlerRegistryError(
      `Job handlers are not one per job:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}
