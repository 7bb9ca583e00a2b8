import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@continuum/config';
import { JobName, JobQueue } from '@continuum/queue';

const RETRY_MS = 5_000;

/**
 * Keeps the repeatable `system.heartbeat` job scheduled. Every worker replica upserts the same scheduler at
 * start (idempotent). When Redis is down at start it keeps trying rather than failing the boot.
 */
@Injectable()
export class HeartbeatScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HeartbeatScheduler.name);
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly jobQueue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retryTimer);
  }

  private async schedule(): Promise<void> {
    try {
      await this.jobQueue.scheduleRepeating(JobName.SystemHeartbeat, this.config.worker.heartbeatIntervalMs, {
        correlationId: `scheduler:${JobName.SystemHeartbeat}`,
      });
      this.logger.log({ everyMs: this.config.worker.heartbeatIntervalMs }, 'heartbeat scheduled');
    } catch (error) {
      this.logger.warn({ err: (error as Error).message, retryInMs: RETRY_MS }, 'could not schedule the heartbeat yet');
      this.retryTimer = setTimeout(() => void this.schedule(), RETRY_MS);
    }
  }
}
