import { Inject, Injectable } from '@nestjs/common';
import {
  JobName,
  OnJob,
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
  ) {}

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
