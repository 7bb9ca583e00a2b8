import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type Job, Queue, QueueEvents } from 'bullmq';
import type IORedis from 'ioredis';
import { TimeoutError, withTimeout } from '@continuum/common';
import { AppConfig } from '@continuum/config';
import { buildJobOptions, type RetryOverrides } from './job-options';
import { JOB_DEFINITIONS, JobName, type JobOf, type JobResultOf, QueueName } from './job-registry';
import { QueueError, QueueErrorCode } from './queue.errors';
import { createRedisConnection, isRedisUnavailableError } from './redis-connection';

const CONNECT_GRACE_MS = 3_000;

export interface EnqueuedJob<N extends JobName> {
  id: string;
  name: N;
}

/**
 * The only way work is put on a queue. Typed by job name, so a payload cannot be of the wrong shape, and
 * job options come from `buildJobOptions` alone.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly connection: IORedis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly events = new Map<QueueName, QueueEvents>();
  private readonly eventConnections: IORedis[] = [];
  private readonly retryOverrides: RetryOverrides;

  constructor(private readonly config: AppConfig) {
    this.retryOverrides = {
      [JobName.PreauthSubmit]: { attempts: config.preauth.submitAttempts, backoffMs: config.preauth.submitBackoffMs },
      [JobName.WebhookDeliver]: {
        attempts: config.webhooks.deliveryAttempts,
        backoffMs: config.webhooks.deliveryBackoffMs,
      },
    };
    this.connection = createRedisConnection(config.redis.url, 'producer', 'continuum-producer');
    // Without a listener ioredis reports every failed reconnect as an unhandled error.
    this.connection.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'redis connection error'));
  }

  /**
   * Gives Redis a moment to connect before the process starts serving, so the first requests do not get a
   * 503 only because the connection was still being set up. A Redis that is down does not block the boot.
   */
  async onModuleInit(): Promise<void> {
    if (this.connection.status === 'ready') return;
    const connected = await new Promise<boolean>((resolveConnected) => {
      const timer = setTimeout(() => resolveConnected(false), CONNECT_GRACE_MS);
      this.connection.once('ready', () => {
        clearTimeout(timer);
        resolveConnected(true);
      });
    });
    if (!connected) this.logger.warn({ waitedMs: CONNECT_GRACE_MS }, 'redis is not reachable yet; serving anyway');
  }

  /**
   * Several jobs of one kind in one round trip to Redis (BullMQ's addBulk: one pipeline of its add script, so a
   * job id that already exists is skipped). Jobs reach it only through the outbox (`addToOutbox`). Not atomic:
   * a failure may leave some added, which the outbox re-drive makes whole.
   */
  async enqueueMany<N extends JobName>(name: N, payloads: readonly JobOf<N>[]): Promise<EnqueuedJob<N>[]> {
    if (payloads.length === 0) return [];
    const jobs = await this.guard(() =>
      this.queueFor(name).addBulk(
        payloads.map((payload) => ({ name, data: payload, opts: buildJobOptions(name, payload, this.retryOverrides) })),
      ),
    );
    return jobs.map((job) => ({ id: job.id ?? '', name }));
  }

  /**
   * For work that must happen (the outbox re-drive): enqueues the job, and when a job with its id already
   * failed for good (its handler threw on every attempt, e.g. the database was down), runs it again.
   */
  async ensureEnqueued<N extends JobName>(name: N, payload: JobOf<N>): Promise<EnqueuedJob<N>> {
    return this.guard(async () => {
      const job = await this.queueFor(name).add(name, payload, buildJobOptions(name, payload, this.retryOverrides));
      if ((await job.getState()) === 'failed') {
        await job.retry('failed');
        this.logger.warn({ jobId: job.id, job: name }, 'a job that had failed for good was started again');
      }
      return { id: job.id ?? '', name };
    });
  }

  /** Creates or updates a repeatable job. Idempotent, so every worker replica may call it at start. */
  async scheduleRepeating<N extends JobName>(name: N, everyMs: number, payload: JobOf<N>): Promise<void> {
    const { jobId: _unused, ...options } = buildJobOptions(name, payload, this.retryOverrides);
    await this.guard(() =>
      this.queueFor(name).upsertJobScheduler(name, { every: everyMs }, { name, data: payload, opts: options }),
    );
  }

  /** Enqueues a job and waits for a worker to finish it, for callers that need the answer now. */
  async enqueueAndWait<N extends JobName>(name: N, payload: JobOf<N>, timeoutMs: number): Promise<JobResultOf<N>> {
    const queueName = JOB_DEFINITIONS[name].queue;
    const events = await this.guard(() => this.eventsFor(queueName));
    const job = (await this.guard(() =>
      this.queueFor(name).add(name, payload, buildJobOptions(name, payload, this.retryOverrides)),
    )) as Job<JobOf<N>, JobResultOf<N>, N>;
    try {
      // BullMQ's own ttl is the deadline; withTimeout is a backstop should its event stream stall.
      return await withTimeout(job.waitUntilFinished(events, timeoutMs), timeoutMs + 1_000, `job ${name}`);
    } catch (error) {
      if (isRedisUnavailableError(error)) throw this.unavailable(error);
      if (
        error instanceof TimeoutError ||
        (error instanceof Error && /timed out before finishing/.test(error.message))
      ) {
        throw new QueueError(
          QueueErrorCode.ResultTimeout,
          `No worker finished ${name} within ${timeoutMs} ms`,
          { jobId: job.id, job: name },
          { cause: error },
        );
      }
      // The job ran and failed: a fault on our side, not a slow worker.
      throw error;
    }
  }

  /** Round trip to Redis, for readiness. */
  async ping(): Promise<void> {
    await this.guard(() => this.connection.ping());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.events.values()].map((e) => e.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await Promise.allSettled([this.connection, ...this.eventConnections].map((c) => c.quit()));
    this.logger.log('queue connections closed');
  }

  private queueFor(name: JobName): Queue {
    const queueName = JOB_DEFINITIONS[name].queue;
    let queue = this.queues.get(queueName);
    if (queue === undefined) {
      queue = new Queue(queueName, { connection: this.connection, prefix: this.config.redis.queuePrefix });
      queue.on('error', (error: Error) => this.logger.warn({ err: error.message, queue: queueName }, 'queue error'));
      this.queues.set(queueName, queue);
    }
    return queue;
  }

  private async eventsFor(queueName: QueueName): Promise<QueueEvents> {
    let events = this.events.get(queueName);
    if (events === undefined) {
      const connection = createRedisConnection(this.config.redis.url, 'worker', 'continuum-queue-events');
      connection.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'redis connection error'));
      this.eventConnections.push(connection);
      events = new QueueEvents(queueName, { connection, prefix: this.config.redis.queuePrefix });
      events.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'queue events error'));
      this.events.set(queueName, events);
    }
    // Its connection retries forever (it is a blocking one); the request must not wait that long.
    await withTimeout(events.waitUntilReady(), CONNECT_GRACE_MS, 'queue events connection').catch((error: unknown) => {
      throw this.unavailable(error);
    });
    return events;
  }

  /** Fails fast with `queue_unavailable` when Redis is not connected, instead of waiting for it. */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    if (this.connection.status !== 'ready') throw this.unavailable();
    try {
      return await operation();
    } catch (error) {
      if (isRedisUnavailableError(error)) throw this.unavailable(error);
      throw error;
    }
  }

  private unavailable(cause?: unknown): QueueError {
    return new QueueError(
      QueueErrorCode.Unavailable,
      'The job queue is unavailable; nothing was queued. Try again shortly.',
      {},
      cause === undefined ? undefined : { cause },
    );
  }
}
