import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@continuum/config';
import { JobName, JobQueue } from '@continuum/queue';

/** How often the schedules are written again: after a Redis flush they are back within this time. */
const RESCHEDULE_MS = 30_000;

/**
 * Keeps the repeatable jobs scheduled: the heartbeat, the outbox re-drive and the pre-auth sweep. Every
 * worker replica upserts the same schedulers (idempotent) at start and again every 30 seconds, because a
 * Redis flush or restart without persistence forgets them; PostgreSQL, not Redis, is what must survive.
 */
@Injectable()
export class RepeatingJobsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RepeatingJobsScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private scheduledOnce = false;

  constructor(
    private readonly jobQueue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule();
    this.timer = setInterval(() => void this.schedule(), RESCHEDULE_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async schedule(): Promise<void> {
    const schedules: [JobName, number][] = [
      [JobName.SystemHeartbeat, this.config.worker.heartbeatIntervalMs],
      [JobName.OutboxRedrive, this.config.worker.outboxRedriveMs],
      [JobName.PreauthSweep, this.config.preauth.sweepIntervalMs],
    ];
    try {
      for (const [job, everyMs] of schedules) {
        await this.jobQueue.scheduleRepeating(job, everyMs, { correlationId: `scheduler:${job}` });
      }
      if (!this.scheduledOnce) {
        this.logger.log({ schedules: Object.fromEntries(schedules) }, 'repeating jobs scheduled');
        this.scheduledOnce = true;
      }
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message, retryInMs: RESCHEDULE_MS },
        'could not schedule repeating jobs yet',
      );
    }
  }
}
