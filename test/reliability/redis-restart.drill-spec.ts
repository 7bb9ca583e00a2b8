import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../support/eventually';
import { PreauthDrillStack, call } from './support/preauth-drill';
import { PrivateRedis } from './support/private-redis';
import { recordDrill } from './support/results';

describe('Drill: restart Redis (and FLUSHALL) with requests in flight', () => {
  let redis: PrivateRedis;
  let stack: PreauthDrillStack;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    stack = await PreauthDrillStack.start('drill_redis', { env: { REDIS_URL: redis.url } });
    await stack.startWorker();
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  }, 60_000);

  it('sends every accepted request once after the flush and restart', async () => {
    const load = stack.submitMany(30, 4, 150);
    await eventually(() => {
      if (stack.accepted.length < 5) throw new Error('not enough accepted requests yet');
    }, 30_000);
    // Queued job ids, the repeatable jobs and the rate-limit counters all vanish; then Redis is gone for a while.
    await redis.flushAll();
    await redis.kill();
    await sleep(2_000);
    await redis.launch();
    const restartedAt = Date.now();
    await eventually(
      async () => {
        const ready = await call(`${stack.api.url}/health/ready`, {}, 5_000);
        if (ready.status !== 200) throw new Error(`readiness answered ${ready.status}`);
      },
      30_000,
      100,
    );
    const recoveryMs = Date.now() - restartedAt;
    await load;
    await stack.waitUntilAllDecided();
    const { lost, duplicated } = await stack.audit();
    recordDrill({
      drill: 'redis flushall + restart',
      requests: stack.sent,
      lost,
      duplicated,
      serverErrors: stack.serverErrors,
      recoveryMs,
    });

    // Retried with the same key, each of the 30 ends accepted exactly once, and stored once.
    expect(stack.accepted.length).toBe(30);
    expect(await stack.storedCount()).toBe(30);
    expect(stack.unexpected).toEqual([]);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 120_000);
});
