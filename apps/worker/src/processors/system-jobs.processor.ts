import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@continuum/config';
import {
  JobName,
  OnJob,
  OutboxRelay,
  type OutboxRedriveJob,
  type SystemHeartbeatJob,
  type SystemQueueProbeJob,
  type SystemQueueProbeResult,
} from '@continuum/queue';
import { HeartbeatService, WORKER_IDENTITY, type WorkerIdentity } from '@continuum/system';

@Injectable()
export class SystemJobsProcessor {
  constructor(
    private readonly heartbeats: HeartbeatService,
    @Inject(WORKER_IDENTITY) private readonly worker: WorkerIdentity,
    private readonly outbox: OutboxRelay,
    private readonly config: AppConfig,
  ) {}

  /** Rows older than one re-drive interval: younger ones were just relayed by whoever wrote them. */
  @OnJob(JobName.OutboxRedrive)
  async redrive(_payload: OutboxRedriveJob): Promise<void> {
    await this.outbox.redrive(this.config.worker.outboxRedriveMs);
  }

  @OnJob(JobName.SystemHeartbeat)
  async heartbeat(_payload: SystemHeartbeatJob): Promise<void> {
    await this.heartbeats.recordBeat(this.worker);
  }

  @OnJob(JobName.SystemQueueProbe)
  queueProbe(payload: SystemQueueProbeJob): Promise<SystemQueueProbeResult> {
    return Promise.resolve({
      probeId: payload.probeId,
      workerId: this.worker.workerId,
      receivedAt: new Date().toISOString(),
    });
  }
}
