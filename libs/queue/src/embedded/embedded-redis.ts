import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort, StartupError, stopOrphanedServer, waitForExit } from '@continuum/common';

export interface EmbeddedRedisOptions {
  /** DATA_DIR: Redis keeps its append-only file in `<dataDir>/redis`. */
  dataDir: string;
  onLog: (line: string) => void;
  /** Receives what this bootstrap itself did that a person should know (an orphan stopped, an install). */
  onNotice: (line: string) => void;
}

export interface EmbeddedRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class EmbeddedRedisError extends StartupError {
  constructor(
    message: string,
    readonly logLines: string[] = [],
  ) {
    const tail = logLines.length > 0 ? `\nredis-server said:\n${logLines.map((l) => `  ${l}`).join('\n')}` : '';
    super(`${message}${tail}`);
  }
}

const READY_LINE = /ready to accept connections/i;
const START_TIMEOUT_MS = 10_000;

const HOW_TO_GET_REDIS =
  'Install Redis (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) ' +
  'or set REDIS_URL to a Redis you already run.';

const which = (program: string): string | undefined => {
  const result = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  const path = result.stdout.trim();
  return result.status === 0 && path !== '' ? path : undefined;
};

/**
 * Finds `redis-server`, installing Debian's package when we are root on a Debian-like system (the
 * one-command start promises to work on a fresh machine). Nothing on npm gives BullMQ a Redis without a
 * binary, so there is no other fallback.
 */
export function ensureRedisServerBinary(onLog: (line: string) => void): string {
  const found = which('redis-server');
  if (found !== undefined) return found;
  if (process.getuid?.() !== 0 || which('apt-get') === undefined) {
    throw new EmbeddedRedisError(`redis-server was not found on PATH. ${HOW_TO_GET_REDIS}`);
  }
  onLog('redis-server was not found; installing it with apt-get (Debian package redis-server)…');
  const install = spawnSync(
    'sh',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server'],
    { stdio: 'inherit' },
  );
  const installed = which('redis-server');
  if (install.status !== 0 || installed === undefined) {
    throw new EmbeddedRedisError(`Installing redis-server with apt-get failed. ${HOW_TO_GET_REDIS}`);
  }
  return installed;
}

/**
 * Starts a private `redis-server` on a free loopback port (never a shared 6379), configured as BullMQ
 * needs it: append-only file on, no eviction. Its files live under DATA_DIR and survive restarts.
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions): Promise<EmbeddedRedis> {
  const binary = ensureRedisServerBinary(options.onNotice);
  const directory = join(options.dataDir, 'redis');
  mkdirSync(directory, { recursive: true });
  const pidFile = join(directory, 'redis.pid');
  const orphan = await stopOrphanedServer(pidFile, 'redis-server', 'SIGTERM');
  if (orphan !== undefined) options.onNotice(`stopped redis-server (pid ${orphan}) left running by an earlier run`);

  const port = await findFreePort();
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--protected-mode',
      'yes',
      '--dir',
      directory,
      '--pidfile',
      pidFile,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'no',
      '--logfile',
      '',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const recentLog: string[] = [];
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EmbeddedRedisError(`redis-server did not become ready within ${START_TIMEOUT_MS} ms`, recentLog));
    }, START_TIMEOUT_MS);
    const onOutput = (chunk: Buffer): void => {
      for (const line of chunk
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')) {
        recentLog.push(line);
        if (recentLog.length > 40) recentLog.shift();
        options.onLog(line);
        if (READY_LINE.test(line)) {
          clearTimeout(timer);
          resolveReady();
        }
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new EmbeddedRedisError(`redis-server could not be started: ${error.message}`, recentLog));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new EmbeddedRedisError(`redis-server exited with code ${code ?? 'null'} while starting`, recentLog));
    });
  });

  return { url: `redis://127.0.0.1:${port}`, port, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (!(await waitForExit(child.pid, 10_000))) child.kill('SIGKILL');
}
