import IORedis, { type RedisOptions } from 'ioredis';

/**
 * Redis connections, by role:
 * - producers (the API) fail fast: no offline queue and a command timeout, so a request gets a 503 at
 *   once instead of hanging while Redis is down;
 * - workers and queue-event listeners wait and retry forever (BullMQ requires `maxRetriesPerRequest: null`
 *   for blocking connections).
 */
export type RedisRole = 'producer' | 'worker';

const reconnectDelay = (attempt: number): number => Math.min(250 * 2 ** Math.min(attempt, 6), 10_000);

export function createRedisConnection(url: string, role: RedisRole, connectionName: string): IORedis {
  const common: RedisOptions = {
    connectionName,
    connectTimeout: 3_000,
    retryStrategy: reconnectDelay,
    // Auto-pipelining is left off on BullMQ connections (it slows workers and upsets job locks).
    enableAutoPipelining: false,
  };
  const byRole: RedisOptions =
    role === 'producer'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2_000 }
      : { enableOfflineQueue: true, maxRetriesPerRequest: null };
  return new IORedis(url, { ...common, ...byRole });
}

/** Errors that mean "Redis is not reachable right now", as opposed to a bug in what we sent. */
export function isRedisUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    /enableOfflineQueue|Connection is closed|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE/i.test(
      error.message,
    )
  );
}
