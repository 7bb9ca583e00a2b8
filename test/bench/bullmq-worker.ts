import { Worker } from 'bullmq';
import { createRedisConnection } from '../../libs/queue/src/redis-connection';

/**
 * Baseline B's consumer: a raw BullMQ Worker processing empty jobs, with our worker's settings (its own
 * connection options, the same concurrency). The orchestrator says how many jobs to expect; this process
 * answers with the time the last one completed.
 */
export interface ExpectMessage {
  type: 'expect';
  jobs: number;
}
export type WorkerMessage = { type: 'ready' } | { type: 'done'; at: number; failed: number };

const send = (message: WorkerMessage): void => void process.send?.(message);

function main(): void {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const worker = new Worker(process.env.BASELINE_QUEUE ?? 'baseline-b', () => Promise.resolve(undefined), {
    connection: createRedisConnection(redisUrl, 'worker', 'bench-baseline-b'),
    prefix: process.env.QUEUE_PREFIX,
    concurrency: Number(process.env.WORKER_CONCURRENCY ?? 10),
  });
  let expected = Number.POSITIVE_INFINITY;
  let completed = 0;
  let failed = 0;
  const settle = (): void => {
    if (completed + failed < expected) return;
    expected = Number.POSITIVE_INFINITY;
    send({ type: 'done', at: Date.now(), failed });
  };
  worker.on('completed', () => {
    completed += 1;
    settle();
  });
  worker.on('failed', () => {
    failed += 1;
    settle();
  });
  process.on('message', (message: ExpectMessage) => {
    completed = 0;
    failed = 0;
    expected = message.jobs;
  });
  process.once('SIGTERM', () => void worker.close().then(() => process.exit(0)));
  void worker.waitUntilReady().then(() => send({ type: 'ready' }));
}

main();
