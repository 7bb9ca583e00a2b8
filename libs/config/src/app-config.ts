import { isAbsolute, resolve } from 'node:path';
import type { Environment, LogLevel, NodeEnv } from './environment';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  migrationsRun: boolean;
}

export interface RedisSettings {
  url: string;
  /** Prefix of every BullMQ key. */
  queuePrefix: string;
}

/**
 * The typed, validated configuration every process reads. Built once at boot from `loadEnvironment()`;
 * nothing else reads `process.env`.
 */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly http: { host: string; port: number };
  readonly database: DatabaseSettings;
  readonly redis: RedisSettings;
  readonly worker: { concurrency: number; healthPort: number; heartbeatIntervalMs: number };
  readonly logging: { level: LogLevel; pretty: boolean };
  readonly shutdownTimeoutMs: number;
  /** Absolute path of DATA_DIR. */
  readonly dataDir: string;

  constructor(env: Environment) {
    if (env.DATABASE_URL === undefined || env.REDIS_URL === undefined) {
      // loadEnvironment(…, 'service') guarantees both; reaching this is a programming error.
      throw new Error('AppConfig needs DATABASE_URL and REDIS_URL; load the environment with the service role');
    }
    this.nodeEnv = env.NODE_ENV;
    this.http = { host: env.HOST, port: env.PORT };
    this.database = {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      migrationsRun: env.DATABASE_MIGRATIONS_RUN,
    };
    this.redis = { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX };
    this.worker = {
      concurrency: env.WORKER_CONCURRENCY,
      healthPort: env.WORKER_HEALTH_PORT,
      heartbeatIntervalMs: env.HEARTBEAT_INTERVAL_SECONDS * 1000,
    };
    this.logging = { level: env.LOG_LEVEL, pretty: env.LOG_PRETTY };
    this.shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    this.dataDir = resolveDataDir(env.DATA_DIR);
  }
}

export const resolveDataDir = (dataDir: string): string =>
  isAbsolute(dataDir) ? dataDir : resolve(process.cwd(), dataDir);
