import { join } from 'node:path';
import { Queue } from 'bullmq';
import { findFreePort } from '../../libs/common/src/process/free-port';
import { createRedisConnection } from '../../libs/queue/src/redis-connection';
import type { ExpectMessage, WorkerMessage } from './bullmq-worker';
import { type BenchProcess, forkScript, waitForHttp } from './processes';

/** Our worker's default WORKER_CONCURRENCY (libs/config), which the bench leaves as it is. */
export const WORKER_CONCURRENCY = 10;

/** Baseline A: the hello-world server, in its own process. */
export async function startHelloFastify(logFile: string): Promise<{ url: string; process: BenchProcess }> {
  const port = await findFreePort();
  const child = forkScript('hello-fastify', join(__dirname, 'hello-fastify.ts'), { PORT: String(port) }, logFile);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/`, child);
  return { url, process: child };
}

export interface JobsRun {
  jobs: number;
  jobsPerSecond: number;
  /** Jobs the consumer saw fail: must be 0. */
  failed: number;
  elapsedMs: number;
}

/**
 * Baseline B: a raw BullMQ Queue in this process adds empty jobs, `inFlight` adds at a time (as many as the
 * load generator's connections), and a raw Worker in another process runs them with our concurrency. Jobs per
 * second from the first add to the last completion.
 */
export class BullmqBaseline {
  private consumer: BenchProcess | undefined;
  private queue: Queue | undefined;
  private readonly queueName = 'baseline-b';

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {}

  get process(): BenchProcess | undefined {
    return this.consumer;
  }

  async start(logFile: string): Promise<void> {
    this.consumer = forkScript(
      'bullmq-baseline-worker',
      join(__dirname, 'bullmq-worker.ts'),
      {
        REDIS_URL: this.redisUrl,
        QUEUE_PREFIX: this.prefix,
        BASELINE_QUEUE: this.queueName,
        WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
      },
      logFile,
    );
    await this.next('ready', 60_000);
    this.queue = new Queue(this.queueName, {
      connection: createRedisConnection(this.redisUrl, 'producer', 'bench-baseline-b-producer'),
      prefix: this.prefix,
    });
    await this.queue.waitUntilReady();
  }

  async run(jobs: number, inFlight: number): Promise<JobsRun> {
    const queue = this.queue;
    const consumer = this.consumer;
    if (queue === undefined || consumer === undefined) throw new Error('baseline B is not started');
    const done = this.next('done', 300_000);
    consumer.child.send({ type: 'expect', jobs } satisfies ExpectMessage);
    const started = Date.now();
    let next = 0;
    const producer = async (): Promise<void> => {
      // Same removal policy as our queues, so Redis holds a similar amount of data.
      while (next < jobs) {
        next += 1;
        await queue.add('noop', {}, { removeOnComplete: { age: 3_600, count: 1_000 }, removeOnFail: 1_000 });
      }
    };
    await Promise.all(Array.from({ length: inFlight }, producer));
    const finished = await done;
    if (finished.type !== 'done') throw new Error('unexpected message');
    const elapsedMs = finished.at - started;
    return { jobs, jobsPerSecond: (jobs * 1000) / elapsedMs, failed: finished.failed, elapsedMs };
  }

  async stop(): Promise<void> {
    await this.queue?.close().catch(() => undefined);
    await this.consumer?.stop();
  }

  private next(type: WorkerMessage['type'], timeoutMs: number): Promise<WorkerMessage> {
    const consumer = this.consumer;
    if (consumer === undefined) return Promise.reject(new Error('baseline B is not started'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`baseline B worker: no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: WorkerMessage): void => {
        if (message.type !== type) return;
        cleanup();
        resolve(message);
      };
      const onExit = (): void => {
        cleanup();
        reject(new Error('baseline B worker exited'));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        consumer.child.off('message', onMessage);
        consumer.child.off('exit', onExit);
      };
      consumer.child.on('message', onMessage);
      consumer.child.once('exit', onExit);
    });
  }
}
