import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { findFreePort } from '../../libs/common/src/process/free-port';
import { createDatabase, databaseUrl } from '../../libs/database/src/testing/test-databases';
import { eventually } from './eventually';
import { ServiceUnderTest } from './service-process';
import { currentTestRun } from './test-run';

/** A database (cloned from the migrated template) and a Redis key prefix that belong to one test file. */
export interface Sandbox {
  databaseUrl: string;
  queuePrefix: string;
  /** Environment for an API or worker process using this sandbox. */
  env: NodeJS.ProcessEnv;
  /** The ADMIN_API_KEY every process of this sandbox bootstraps. */
  adminKey: string;
  /** Runs SQL against the sandbox database, for arranging and checking state. */
  query<T extends object>(sql: string, params?: unknown[]): Promise<T[]>;
}

export async function createSandbox(label: string, overrides: NodeJS.ProcessEnv = {}): Promise<Sandbox> {
  const run = currentTestRun();
  const name = `${run.prefix}_${label}_${randomBytes(2).toString('hex')}`;
  await createDatabase(run.adminUrl, name, run.templateDatabase);
  const url = databaseUrl(run.adminUrl, name);
  const adminKey = `test-admin-${randomBytes(24).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    DATABASE_URL: url,
    REDIS_URL: run.redisUrl,
    QUEUE_PREFIX: name,
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    WORKER_HEALTH_PORT: '0',
    HEARTBEAT_INTERVAL_SECONDS: '1',
    SHUTDOWN_TIMEOUT_SECONDS: '10',
    // Sandbox payers, fault proxies and webhook receivers listen on 127.0.0.1 (any port).
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    ...testPhiKeys(),
    ADMIN_API_KEY: adminKey,
    ...overrides,
  };
  const query = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return { databaseUrl: url, queuePrefix: name, env, adminKey, query };
}

/** Fresh PHI keys for one sandbox: one current encryption key and a blind-index key. */
export function testPhiKeys(keyId = 'test'): Record<string, string> {
  return {
    PHI_ENCRYPTION_KEYS: `${keyId}:${randomBytes(32).toString('base64')}`,
    PHI_ENCRYPTION_KEY_ID: keyId,
    PHI_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
  };
}

export interface RunningApi {
  url: string;
  process: ServiceUnderTest;
}

/** Starts the compiled API (on `env.PORT`, else a free port) and waits until it answers `/health/live`. */
export async function startApi(env: NodeJS.ProcessEnv): Promise<RunningApi> {
  const port = env.PORT === undefined ? await findFreePort() : Number(env.PORT);
  const api = new ServiceUnderTest('api', { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (api.child.exitCode !== null) throw new Error(`the API exited while starting:\n${api.text}`);
    const response = await fetch(`${url}/health/live`);
    if (response.status !== 200) throw new Error(`liveness answered ${response.status}`);
  }, 30_000);
  return { url, process: api };
}

/** Starts the compiled worker and waits until it logs that it takes jobs. */
export async function startWorker(
  env: NodeJS.ProcessEnv,
  logLevel: 'info' | 'debug' = 'info',
): Promise<ServiceUnderTest> {
  const worker = new ServiceUnderTest('worker', { ...env, LOG_LEVEL: logLevel });
  await worker.waitForOutput(/"msg":"taking jobs"/, 30_000);
  return worker;
}
