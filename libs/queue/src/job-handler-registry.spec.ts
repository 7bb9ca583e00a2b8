import { assertEveryJobHasOneHandler, JobHandlerRegistryError } from './job-handler-registry';
import { ALL_JOB_NAMES, JobName } from './job-registry';

const everyJobOnce = ALL_JOB_NAMES.map((job) => ({ job, owner: `Handler.${job}` }));

describe('assertEveryJobHasOneHandler (the worker boot check)', () => {
  it('passes when each job has exactly one handler', () => {
    expect(() => assertEveryJobHasOneHandler(everyJobOnce)).not.toThrow();
  });

  it('refuses a job without a handler, naming it', () => {
    const handlers = everyJobOnce.filter((h) => h.job !== JobName.SystemQueueProbe);
    expect(() => assertEveryJobHasOneHandler(handlers)).toThrow(
      new JobHandlerRegistryError('Job handlers are not one per job:\n  - system.queue-probe: no handler'),
    );
  });

  it('refuses a job with two handlers, naming both', () => {
    const handlers = [...everyJobOnce, { job: JobName.SystemHeartbeat, owner: 'Other.beat' }];
    expect(() => assertEveryJobHasOneHandler(handlers)).toThrow(
      'system.heartbeat: 2 handlers (Handler.system.heartbeat, Other.beat)',
    );
  });

  it('refuses a handler for a job that is not in the registry', () => {
    const handlers = [...everyJobOnce, { job: 'preauth.sumbit' as JobName, owner: 'Typo.handler' }];
    expect(() => assertEveryJobHasOneHandler(handlers)).toThrow('Typo.handler: handles unknown job "preauth.sumbit"');
  });
});
