import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JobName, JobQueue } from '@continuum/queue';

export interface QueueProbeOutcome {
  probeId: string;
  workerId: string;
  /** From the API enqueuing the probe to the API hearing that a worker ran it. */
  roundTripMs: number;
}

export const QUEUE_PROBE_TIMEOUT_MS = 10_000;

/** Sends a `system.queue-probe` job through Redis to whichever worker takes it, and waits for the answer. */
@Injectable()
export class QueueProbeService {
  constructor(private readonly jobQueue: JobQueue) {}

  async run(correlationId: string): Promise<QueueProbeOutcome> {
    const started = performance.now();
    const probeId = randomUUID();
    const result = await this.jobQueue.enqueueAndWait(
      JobName.SystemQueueProbe,
      { probeId, correlationId, sentAt: new Date().toISOString() },
      QUEUE_PROBE_TIMEOUT_MS,
    );
    return { probeId: result.probeId, workerId: result.workerId, roundTripMs: Math.round(performance.now() - started) };
  }
}
