/**
 * `npm start`: the whole stack on one machine with nothing installed but Node (and redis-server, which it
 * installs where it can). Without DATABASE_URL it runs an embedded PostgreSQL, without REDIS_URL a private
 * redis-server, both keeping their data under DATA_DIR; then it starts the API and the worker as separate
 * processes, waits until the API is ready, and prints where to go. Ctrl-C stops everything in order.
 */
import './require-node-version';
import 'reflect-metadata';
import { exitOnStartupError, findFreePort, useUtc } from '@continuum/common';
import { loadEnvironment, resolveDataDir } from '@continuum/config';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@continuum/database';
import { type EmbeddedRedis, startEmbeddedRedis } from '@continuum/queue';
import { ensureDemoApiKeys } from './demo-api-keys';
import { ensureDemoCatalog } from './demo-catalog';
import { DevelopmentSecretsFile } from './development-secrets';
import { acquireLauncherLock } from './launcher-lock';
import { ServiceProcess } from './service-process';
import { connectDemoPayers } from './sandbox-payer';
import { entryPointOf } from './stack-paths';
import { waitForReady } from './wait-for-ready';

const DATABASE_NAME = 'continuum';
const READY_TIMEOUT_MS = 120_000;

const say = (line: string): void => {
  process.stdout.write(`[launcher] ${line}\n`);
};

async function launch(): Promise<void> {
  useUtc();
  const env = loadEnvironment(process.env, 'launcher');
  const dataDir = resolveDataDir(env.DATA_DIR);
  const verbose = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
  const releaseLock = acquireLauncherLock(dataDir);

  let postgres: EmbeddedPostgres | undefined;
  let redis: EmbeddedRedis | undefined;
  const payerSim = new ServiceProcess('payer-sim', entryPointOf('payer-sim'));
  const services = [
    new ServiceProcess('api', entryPointOf('api')),
    new ServiceProcess('worker', entryPointOf('worker')),
    payerSim,
  ];

  let shuttingDown = false;
  const shutdown = async (exitCode: number, reason: string): Promise<never> => {
    if (!shuttingDown) {
      shuttingDown = true;
      say(`${reason}; stopping…`);
      // The API and worker drain first (they still need the database and Redis), then the servers go.
      await Promise.all(
        services.map(async (service) => {
          const exit = await service.stop(env.SHUTDOWN_TIMEOUT_SECONDS * 1000 + 5_000);
          if (exit !== undefined) say(`${service.name} exited (${exit.signal ?? `code ${exit.code}`})`);
        }),
      );
      await redis?.stop().catch((error: Error) => say(`redis-server did not stop cleanly: ${error.message}`));
      await postgres?.stop().catch((error: Error) => say(`PostgreSQL did not stop cleanly: ${error.message}`));
      releaseLock();
      say('stopped');
    }
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void shutdown(0, 'interrupted'));
  process.once('SIGTERM', () => void shutdown(0, 'terminated'));

  try {
    let databaseUrl = env.DATABASE_URL;
    if (databaseUrl === undefined) {
      say(`starting embedded PostgreSQL (data in ${dataDir}/postgres)`);
      postgres = await startEmbeddedPostgres({
        dataDir,
        databaseName: DATABASE_NAME,
        onLog: (line) => verbose && say(`postgres: ${line}`),
        onNotice: say,
      });
      databaseUrl = postgres.url;
    }
    let redisUrl = env.REDIS_URL;
    if (redisUrl === undefined) {
      say(`starting redis-server (data in ${dataDir}/redis)`);
      redis = await startEmbeddedRedis({ dataDir, onLog: (line) => verbose && say(`redis: ${line}`), onNotice: say });
      redisUrl = redis.url;
    }

    const secretsFile = new DevelopmentSecretsFile(dataDir);
    const { secrets, created } = secretsFile.load();
    if (created) say(`generated development secrets in ${secretsFile.path}`);
    const phiKeys =
      env.PHI_ENCRYPTION_KEYS === undefined
        ? {
            PHI_ENCRYPTION_KEYS: secrets.phiEncryptionKeys,
            PHI_ENCRYPTION_KEY_ID: secrets.phiEncryptionKeyId,
            PHI_BLIND_INDEX_KEY: env.PHI_BLIND_INDEX_KEY ?? secrets.phiBlindIndexKey,
          }
        : {};
    if (env.PHI_ENCRYPTION_KEYS === undefined) {
      say(
        `WARNING: PHI is encrypted with a development key from ${secretsFile.path}. ` +
          'Never use it for real patient data: set PHI_ENCRYPTION_KEYS, PHI_ENCRYPTION_KEY_ID and PHI_BLIND_INDEX_KEY.',
      );
    }
    const adminKey = env.ADMIN_API_KEY ?? secrets.adminApiKey;

    const port = env.PORT === 0 ? await findFreePort() : env.PORT;
    const sandboxPort = await findFreePort();
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...phiKeys,
      ADMIN_API_KEY: adminKey,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PORT: String(port),
      DATA_DIR: dataDir,
      WORKER_HEALTH_PORT: String(env.WORKER_HEALTH_PORT === 0 ? 0 : await findFreePort()),
      LOG_PRETTY: process.env.LOG_PRETTY ?? String(process.stdout.isTTY === true),
      SANDBOX_PAYER_URL: sandboxUrl,
      // A local demo reaches its sandbox payer and local webhook receivers (http://localhost:…); deployments
      // keep the https-only, public-addresses-only default. The sandbox payer is allow-listed whatever is set.
      OUTBOUND_ALLOWED_HOSTS: [
        process.env.OUTBOUND_ALLOWED_HOSTS ?? process.env.WEBHOOK_ALLOWED_HOSTS ?? 'localhost,127.0.0.1,::1',
        `127.0.0.1:${sandboxPort}`,
      ].join(','),
    };
    const startService = (service: ServiceProcess, serviceEnv: NodeJS.ProcessEnv): void => {
      service.start(serviceEnv, (code, signal) => {
        void shutdown(
          1,
          `the ${service.name} process exited unexpectedly (code ${code ?? '-'}, signal ${signal ?? '-'})`,
        );
      });
    };
    for (const service of services) if (service !== payerSim) startService(service, childEnv);

    const base = `http://localhost:${port}`;
    await waitForReady(`http://127.0.0.1:${port}/health/ready`, READY_TIMEOUT_MS, () =>
      services.every((s) => s === payerSim || s.isRunning),
    );
    const keys = await ensureDemoApiKeys(
      `http://127.0.0.1:${port}`,
      adminKey,
      [base, `http://127.0.0.1:${port}`],
      secretsFile,
      secrets,
    );
    const catalog = await ensureDemoCatalog(`http://127.0.0.1:${port}`, adminKey);
    // The sandbox payer starts last: it needs the signing secrets the demo payers were just given.
    const webhookSecrets = await connectDemoPayers(
      `http://127.0.0.1:${port}`,
      adminKey,
      sandboxUrl,
      secretsFile,
      secrets,
    );
    startService(payerSim, {
      ...childEnv,
      PAYER_SIM_PORT: String(sandboxPort),
      PAYER_SIM_CALLBACK_URL: `http://127.0.0.1:${port}`,
      PAYER_SIM_WEBHOOK_SECRETS: webhookSecrets,
    });
    await waitForReady(`http://127.0.0.1:${sandboxPort}/health`, READY_TIMEOUT_MS, () => payerSim.isRunning);
    printBanner(base, postgres, redis, dataDir, keys, catalog, sandboxUrl);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    await shutdown(1, 'start failed');
  }
}

function printBanner(
  base: string,
  postgres: EmbeddedPostgres | undefined,
  redis: EmbeddedRedis | undefined,
  dataDir: string,
  keys: Record<'admin' | 'billing' | 'admissions', string>,
  catalog: string,
  sandboxUrl: string,
): void {
  const lines = [
    '',
    'Continuum is running.',
    `  API          ${base}`,
    `  API docs     ${base}/docs   (OpenAPI JSON: ${base}/docs-json)`,
    `  Health       ${base}/health/ready`,
    `  Estimator    ${base}/estimate?key=${keys.admissions}   (the admissions cost estimate page)`,
    `  Catalog      ${catalog}`,
    `  Payer sim    ${sandboxUrl}   (the sandbox payer: member ids starting DENY, PART, PEND, NOAUTH, REJECT or FAIL choose its answer)`,
    'Demo API keys (send as "Authorization: Bearer <key>"; kept in DATA_DIR for the next run):',
    `  admin        ${keys.admin}`,
    `  billing      ${keys.billing}`,
    `  admissions   ${keys.admissions}   (publishable; allowed from ${base})`,
    `  Try: curl -H "Authorization: Bearer ${keys.admin}" ${base}/v1/api-keys`,
  ];
  if (postgres !== undefined) {
    lines.push(
      `  PostgreSQL   embedded, 127.0.0.1:${postgres.port}, database "${DATABASE_NAME}" (password in ${dataDir}/postgres.password)`,
    );
  }
  if (redis !== undefined) lines.push(`  Redis        embedded, 127.0.0.1:${redis.port}`);
  lines.push('Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n') + '\n');
}

launch().catch(exitOnStartupError('launcher'));
