import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { AppConfig } from '@continuum/config';
import { assertEveryJobHasOneHandler, type DiscoveredHandler } from './job-handler-registry';
import { JOB_DEFINITIONS, type JobName, QueueName } from './job-registry';
import { JOB_HANDLER_METADATA, type JobContext } from './on-job.decorator';
import { createRedisConnection } from './redis-connection';

type BoundHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

/**
 * Runs every `@OnJob` handler of the application: discovers them at boot, refuses to start unless each
 * job has exactly one, then runs one BullMQ worker per queue that dispatches by job name. On shutdown it
 * stops taking jobs and waits for the active ones to finish.
 */
@Injectable()
export class JobWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobWorkerHost.name);
  private readonly handlers = new Map<string, BoundHandler>();
  private readonly workers: Worker[] = [];
  private connection: IORedis | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const discovered = this.discoverHandlers();
    assertEveryJobHasOneHandler(discovered.map(({ job, owner }) => ({ job, owner })));
    for (const { job, handler } of discovered) this.handlers.set(job, handler);

    const connection = createRedisConnection(this.config.redis.url, 'worker', 'continuum-worker');
    connection.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'redis connection error'));
    this.connection = connection;
    const queues = new Set(discovered.map(({ job }) => JOB_DEFINITIONS[job].queue));
    for (const queue of queues) this.workers.push(this.startWorker(queue, connection));
    this.logger.log({ queues: [...queues], jobs: [...this.handlers.keys()] }, 'taking jobs');
  }

  /** True while every worker is connected and taking jobs (for the worker's readiness probe). */
  isRunning(): boolean {
    return this.workers.length > 0 && this.workers.every((w) => w.isRunning()) && this.connection?.status === 'ready';
  }

  async beforeApplicationShutdown(): Promise<void> {
    // close() stops fetching new jobs and resolves once the active ones have finished.
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
    await this.connection?.quit().catch(() => undefined);
    this.logger.log('stopped taking jobs');
  }

  private startWorker(queue: QueueName, connection: IORedis): Worker {
    const worker = new Worker(queue, (job: Job) => this.dispatch(job), {
      connection,
      prefix: this.config.redis.queuePrefix,
      concurrency: this.config.worker.concurrency,
      // A job whose worker died (kill -9) is picked up again once its lock lapses.
      lockDuration: this.config.worker.jobLockMs,
      stalledInterval: this.config.worker.jobLockMs,
    });
    worker.on('failed', (job, error) =>
      this.logger.warn(
        {
          jobId: job?.id,
          job: job?.name,
          correlationId: correlationIdOf(job?.data),
          attempt: job?.attemptsMade,
          err: error.message,
        },
        'job failed',
      ),
    );
    worker.on('error', (error) => this.logger.error({ err: error.message, queue }, 'worker error'));
    return worker;
  }

  private async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (handler === undefined) {
      throw new UnrecoverableError(`no handler for job ${job.name}`);
    }
    const started = Date.now();
    const result = await handler(job.data, {
      jobId: job.id ?? '',
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    });
    this.logger.debug(
      { jobId: job.id, job: job.name, correlationId: correlationIdOf(job.data), durationMs: Date.now() - started },
      'job done',
    );
    return result;
  }

  private discoverHandlers(): Array<DiscoveredHandler & { handler: BoundHandler }> {
    const found: Array<DiscoveredHandler & { handler: BoundHandler }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance === null || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[methodName];
        if (typeof method !== 'function') continue;
        const job = this.reflector.get<JobName | undefined>(JOB_HANDLER_METADATA, method as () => unknown);
        if (job === undefined) continue;
        found.push({
          job,
          owner: `${instance.constructor.name}.${methodName}`,
          handler: (method as BoundHandler).bind(instance),
        });
      }
    }
    return found;
  }
}

/** Every payload carries the id of the request or schedule that caused it (see JobPayloadBase). */
const correlationIdOf = (data: unknown): string | undefined =>
  typeof data === 'object' && data !== null && 'correlationId' in data && typeof data.correlationId === 'string'
    ? data.correlationId
    : undefined;
