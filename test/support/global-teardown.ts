import IORedis from 'ioredis';
// Global setup and teardown run outside Jest's module registry: plain relative imports, no Nest.
import { dropDatabasesWithPrefix } from '../../libs/database/src/testing/test-databases';
import { currentTestRun } from './test-run';

/** Drops every database and deletes every Redis key this run created. */
export default async function globalTeardown(): Promise<void> {
  const run = currentTestRun();
  await dropDatabasesWithPrefix(run.adminUrl, run.prefix);
  const redis = new IORedis(run.redisUrl, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${run.prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
