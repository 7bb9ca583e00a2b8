import { type ChildProcess, spawn } from 'node:child_process';
import IORedis from 'ioredis';
import { findFreePort } from '../../../libs/common/src/process/free-port';

/**
 * A `redis-server` of the drill's own on a free port, never the shared 6379 other suites use: the drill
 * flushes and restarts it. No persistence, so a restart comes back empty, like a flush.
 */
export class PrivateRedis {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await findFreePort());
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async flushAll(): Promise<void> {
    const client = new IORedis(this.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
  }

  /** Kills the server at once (no shutdown save); clients see the connection drop. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Starts the server again on the same port, so clients reconnect to the URL they know. */
  async launch(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (/ready to accept connections/i.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited:\n${output}`));
      });
    });
  }

  async stop(): Promise<void> {
    await this.kill();
  }
}
