import { buildJobOptions, InvalidJobIdError } from './job-options';
import { JobName } from './job-registry';

describe('buildJobOptions', () => {
  it('derives a stable job id from the payload, so a duplicate enqueue is a no-op', () => {
    const payload = {
      probeId: '5b0c9f1e-0000-4000-8000-000000000001',
      correlationId: 'req-1',
      sentAt: '2026-11-22T10:00:00.000Z',
    };
    const options = buildJobOptions(JobName.SystemQueueProbe, payload);
    expect(options.jobId).toBe('probe-5b0c9f1e-0000-4000-8000-000000000001');
    expect(buildJobOptions(JobName.SystemQueueProbe, { ...payload, correlationId: 'req-2' }).jobId).toBe(options.jobId);
  });

  it('sets attempts, exponential backoff with jitter, and bounded retention in one place', () => {
    expect(buildJobOptions(JobName.SystemHeartbeat, { correlationId: 'scheduler' })).toEqual({
      jobId: undefined,
      attempts: 1,
      backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
      removeOnComplete: { age: 3_600, count: 1_000 },
      removeOnFail: { age: 86_400, count: 10_000 },
    });
  });

  it.each([
    ['a colon (the key separator)', 'with:colon'],
    ['more than 200 characters', 'x'.repeat(200)],
  ])('refuses a job id BullMQ would reject: %s', (_reason, probeId) => {
    // A probe id is a UUID in practice; this forces a bad id through the same derivation.
    const payload = { probeId, correlationId: 'c', sentAt: 'now' };
    expect(() => buildJobOptions(JobName.SystemQueueProbe, payload)).toThrow(InvalidJobIdError);
  });

  it('accepts a digits-only payload value: the prefix keeps the job id from being only digits', () => {
    const payload = { probeId: '12345', correlationId: 'c', sentAt: 'now' };
    expect(buildJobOptions(JobName.SystemQueueProbe, payload).jobId).toBe('probe-12345');
  });
});
