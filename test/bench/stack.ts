import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { CatalogDocument } from '../../libs/catalog/src/catalog.types';
import { readDemoCatalog } from '../../libs/catalog/src/demo-catalog';
import { findFreePort } from '../../libs/common/src/process/free-port';
import { buildDataSourceOptions } from '../../libs/database/src/data-source-options';
import { runMigrationsUnderLock } from '../../libs/database/src/migration-runner';
import { createDatabase, databaseUrl } from '../../libs/database/src/testing/test-databases';
import { QueueName } from '../../libs/queue/src/job-registry';
import { ENTRY_POINTS } from '../support/service-process';
import type { BenchConfig } from './config';
import { type BenchProcess, spawnEntry, waitForHttp } from './processes';

/** The demo payers the scenarios use: a sandbox payer (pipeline, callbacks) and a manual one (intake). */
export const SANDBOX_PAYER = 'bluepeak-health';
export const MANUAL_PAYER = 'sunrise-community-health';
export const ESTIMATE_PLAN = 'BluePeak Choice PPO 1500';
export const MANUAL_PLAN = 'Sunrise Medicaid Managed Care';

const SIM_TOKEN = `bench-sim-${randomBytes(8).toString('hex')}`;

/** The API, worker and sandbox payer on a database and Redis prefix of their own. */
export class BenchStack {
  readonly id = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  /** Every database and Redis key of this run starts with it. */
  readonly prefix = `continuum_bench_${this.id}`;
  readonly adminKey = `bench-admin-${randomBytes(24).toString('hex')}`;
  /** Webhook signing secret per sandbox payer code, shared with the sandbox payer and used to sign callbacks. */
  readonly payerSecrets: Record<string, string> = {};
  apiUrl = '';
  simUrl = '';
  billingKey = '';
  api: BenchProcess | undefined;
  worker: BenchProcess | undefined;
  sim: BenchProcess | undefined;
  private pool: Pool | undefined;
  private preauthQueue: { queue: Queue; connection: IORedis } | undefined;
  private databaseCreated = false;

  constructor(
    private readonly config: BenchConfig,
    private readonly logDirectory: string,
  ) {}

  get databaseName(): string {
    return this.prefix;
  }

  async start(): Promise<void> {
    const demo = readDemoCatalog();
    for (const payer of demo.payers)
      if (String(payer.connectionType) !== 'manual')
        this.payerSecrets[payer.code] = `whsec_${randomBytes(24).toString('base64')}`;

    await createDatabase(this.config.adminDatabaseUrl, this.databaseName);
    this.databaseCreated = true;
    const url = databaseUrl(this.config.adminDatabaseUrl, this.databaseName);
    await applyMigrations(url);
    this.pool = new Pool({ connectionString: url, max: 2 });

    const [apiPort, simPort, workerHealthPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
    this.apiUrl = `http://127.0.0.1:${apiPort}`;
    this.simUrl = `http://127.0.0.1:${simPort}`;
    const logFile = (name: string): string => join(this.logDirectory, `${this.id}-${name}.log`);

    this.sim = spawnEntry(
      'payer-sim',
      ENTRY_POINTS['payer-sim'],
      {
        LOG_LEVEL: this.config.logLevel,
        PAYER_SIM_PORT: String(simPort),
        PAYER_SIM_HOST: '127.0.0.1',
        PAYER_SIM_ADMIN_TOKEN: SIM_TOKEN,
        PAYER_SIM_CALLBACK_URL: this.apiUrl,
        PAYER_SIM_WEBHOOK_SECRETS: Object.entries(this.payerSecrets)
          .map(([code, secret]) => `${code}=${secret}`)
          .join(','),
      },
      logFile('payer-sim'),
    );
    await waitForHttp(`${this.simUrl}/health`, this.sim);
    // The sandbox payer's fastest mode: approve everything in the synchronous answer.
    await this.call(this.simUrl, 'PUT', '/v1/sim/rules', SIM_TOKEN, { rules: [{ outcome: 'approve', delayMs: 0 }] });

    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'production',
      DATABASE_URL: url,
      REDIS_URL: this.config.redisUrl,
      QUEUE_PREFIX: this.prefix,
      HOST: '127.0.0.1',
      LOG_LEVEL: this.config.logLevel,
      PHI_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      PHI_ENCRYPTION_KEY_ID: 'bench',
      PHI_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      ADMIN_API_KEY: this.adminKey,
      SANDBOX_PAYER_URL: this.simUrl,
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
      SHUTDOWN_TIMEOUT_SECONDS: '10',
    };
    const profile = (name: string): string[] =>
      this.config.cpuProfileDirectory === null
        ? []
        : [
            '--cpu-prof',
            `--cpu-prof-dir=${this.config.cpuProfileDirectory}`,
            `--cpu-prof-name=${this.id}-${name}.cpuprofile`,
          ];
    this.api = spawnEntry('api', ENTRY_POINTS.api, { ...env, PORT: String(apiPort) }, logFile('api'), profile('api'));
    await waitForHttp(`${this.apiUrl}/health/live`, this.api, 120_000);
    this.worker = spawnEntry(
      'worker',
      ENTRY_POINTS.worker,
      { ...env, WORKER_HEALTH_PORT: String(workerHealthPort) },
      logFile('worker'),
      profile('worker'),
    );
    await waitForHttp(`http://127.0.0.1:${workerHealthPort}/health/ready`, this.worker, 120_000);

    const key = (await this.admin('POST', '/v1/api-keys', { name: 'bench billing', role: 'billing' })) as {
      key: string;
    };
    this.billingKey = key.key;
  }

  /** The demo catalog grown to `plans` plans by cloning its plans under new names, with our signing secrets. */
  catalogWithPlans(plans: number): CatalogDocument {
    const document = readDemoCatalog();
    for (const payer of document.payers) {
      const secret = this.payerSecrets[payer.code];
      if (secret !== undefined) payer.webhookSecrets = [secret];
    }
    const originals = document.payers.flatMap((payer) => payer.plans.map((plan) => ({ payer, plan })));
    for (let i = 0; originals.length + i < plans; i += 1) {
      const { payer, plan } = originals[i % originals.length];
      payer.plans.push({ ...plan, name: `${plan.name} clone ${i + 1}` });
    }
    return document;
  }

  /** Replaces the catalog (PUT /v1/catalog) and answers how long the import took, in ms. */
  async importCatalog(document: CatalogDocument): Promise<number> {
    const started = Date.now();
    await this.admin('PUT', '/v1/catalog', document);
    return Date.now() - started;
  }

  async planId(name: string): Promise<string> {
    const rows = await this.query<{ id: string }>('SELECT id FROM plans WHERE name = $1 AND active', [name]);
    if (rows.length !== 1) throw new Error(`expected one active plan named ${name}, found ${rows.length}`);
    return rows[0].id;
  }

  /**
   * BullMQ's global pause of the pre-auth queue: the worker finishes the jobs it holds and takes no new ones,
   * which wait in Redis until `resumeWorker`. The API does not notice.
   */
  async pauseWorker(): Promise<void> {
    await this.queue().pause();
  }

  async resumeWorker(): Promise<void> {
    await this.queue().resume();
  }

  private queue(): Queue {
    if (this.preauthQueue === undefined) {
      const connection = new IORedis(this.config.redisUrl, { maxRetriesPerRequest: null });
      this.preauthQueue = { queue: new Queue(QueueName.Preauth, { connection, prefix: this.prefix }), connection };
    }
    return this.preauthQueue.queue;
  }

  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.pool === undefined) throw new Error('the bench database is not there yet');
    return (await this.pool.query<T>(sql, params)).rows;
  }

  admin(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown): Promise<unknown> {
    return this.call(this.apiUrl, method, path, this.adminKey, body);
  }

  private async call(base: string, method: string, path: string, token: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(600_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 2000)}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }

  /** Stops the processes, drops the database and deletes every Redis key with the prefix, whatever state it is in. */
  async close(): Promise<string[]> {
    const problems: string[] = [];
    const attempt = async (what: string, work: () => Promise<unknown>): Promise<void> => {
      try {
        await work();
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    };
    await Promise.all(
      [this.api, this.worker, this.sim].map((p) => attempt(`stopping ${p?.name ?? '?'}`, async () => p?.stop())),
    );
    await attempt('closing the pool', async () => this.pool?.end());
    await attempt('closing the queue', async () => {
      await this.preauthQueue?.queue.close();
      this.preauthQueue?.connection.disconnect();
    });
    if (this.databaseCreated)
      await attempt('dropping the database', () => dropDatabase(this.config.adminDatabaseUrl, this.databaseName));
    await attempt('deleting Redis keys', () => deleteRedisKeys(this.config.redisUrl, this.prefix));
    return problems;
  }
}

/** The real migrations, as the e2e global setup applies them: a DataSource without entities (no feature code). */
async function applyMigrations(url: string): Promise<void> {
  const dataSource = new DataSource({ ...buildDataSourceOptions({ url, poolSize: 2 }), entities: [] });
  await dataSource.initialize();
  try {
    await runMigrationsUnderLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const pool = new Pool({ connectionString: adminUrl, max: 1 });
  try {
    await pool.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await pool.end();
  }
}

export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
