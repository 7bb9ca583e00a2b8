import { isAbsolute, resolve } from 'node:path';
import type { Environment, LogLevel, NodeEnv } from './environment';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  migrationsRun: boolean;
}

/** Raw key material; `libs/access` parses it at boot and names the variable when it is wrong. */
export interface PhiSettings {
  /** PHI_ENCRYPTION_KEYS: `id:base64key,…`. */
  encryptionKeys: string;
  /** PHI_ENCRYPTION_KEY_ID. */
  currentKeyId: string;
  /** PHI_BLIND_INDEX_KEY, base64. */
  blindIndexKey: string;
}

export interface AccessSettings {
  /** ADMIN_API_KEY: an admin key guaranteed to exist at start. */
  bootstrapAdminKey: string | undefined;
  admissionsRateLimit: { perKeyPerMinute: number; perAddressPerMinute: number };
}

/** Fastify's `trustProxy`: whom to believe about the client address. */
export type TrustProxy = boolean | number | string[];

export interface PreauthSettings {
  submitAttempts: number;
  submitBackoffMs: number;
  payerTimeoutMs: number;
  /** SANDBOX_PAYER_URL, without a trailing slash. */
  sandboxPayerUrl: string | undefined;
  sweepIntervalMs: number;
  x12: { senderId: string; usage: 'T' | 'P' };
}

export interface WebhookSettings {
  deliveryAttempts: number;
  deliveryBackoffMs: number;
  deliveryTimeoutMs: number;
  disableAfterFailures: number;
  secretGraceMs: number;
}

export interface OutboundSettings {
  /** OUTBOUND_ALLOWED_HOSTS (else the deprecated WEBHOOK_ALLOWED_HOSTS), split and lower-cased. */
  allowedHosts: string[];
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
  readonly http: { host: string; port: number; trustProxy: TrustProxy; requestTimeoutMs: number };
  readonly database: DatabaseSettings;
  readonly redis: RedisSettings;
  readonly worker: {
    concurrency: number;
    healthPort: number;
    heartbeatIntervalMs: number;
    jobLockMs: number;
    outboxRedriveMs: number;
  };
  readonly preauth: PreauthSettings;
  readonly webhooks: WebhookSettings;
  readonly outbound: OutboundSettings;
  /** Settings that still work but should be changed; each process logs them once at startup. */
  readonly deprecationWarnings: string[] = [];
  readonly logging: { level: LogLevel; pretty: boolean };
  readonly phi: PhiSettings;
  readonly catalog: { refreshIntervalMs: number };
  readonly access: AccessSettings;
  readonly shutdownTimeoutMs: number;
  /** Absolute path of DATA_DIR. */
  readonly dataDir: string;

  constructor(env: Environment) {
    if (
      env.DATABASE_URL === undefined ||
      env.REDIS_URL === undefined ||
      env.PHI_ENCRYPTION_KEYS === undefined ||
      env.PHI_ENCRYPTION_KEY_ID === undefined ||
      env.PHI_BLIND_INDEX_KEY === undefined
    ) {
      // loadEnvironment(…, 'service') guarantees them; reaching this is a programming error.
      throw new Error('AppConfig needs the connections and PHI keys; load the environment with the service role');
    }
    this.nodeEnv = env.NODE_ENV;
    this.http = {
      host: env.HOST,
      port: env.PORT,
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    };
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
      jobLockMs: env.JOB_LOCK_SECONDS * 1000,
      outboxRedriveMs: env.OUTBOX_REDRIVE_SECONDS * 1000,
    };
    this.preauth = {
      submitAttempts: env.PREAUTH_SUBMIT_ATTEMPTS,
      submitBackoffMs: env.PREAUTH_SUBMIT_BACKOFF_MS,
      payerTimeoutMs: env.PAYER_REQUEST_TIMEOUT_SECONDS * 1000,
      sandboxPayerUrl: env.SANDBOX_PAYER_URL?.replace(/\/+$/, ''),
      sweepIntervalMs: env.PREAUTH_SWEEP_SECONDS * 1000,
      x12: { senderId: env.X12_SENDER_ID, usage: env.X12_USAGE_INDICATOR },
    };
    this.webhooks = {
      deliveryAttempts: env.WEBHOOK_DELIVERY_ATTEMPTS,
      deliveryBackoffMs: env.WEBHOOK_DELIVERY_BACKOFF_MS,
      deliveryTimeoutMs: env.WEBHOOK_DELIVERY_TIMEOUT_SECONDS * 1000,
      disableAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES,
      secretGraceMs: env.WEBHOOK_SECRET_GRACE_HOURS * 3_600_000,
    };
    this.outbound = {
      allowedHosts: (env.OUTBOUND_ALLOWED_HOSTS ?? env.WEBHOOK_ALLOWED_HOSTS ?? '')
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter((host) => host !== ''),
    };
    if (env.WEBHOOK_ALLOWED_HOSTS !== undefined) {
      this.deprecationWarnings.push(
        env.OUTBOUND_ALLOWED_HOSTS === undefined
          ? 'WEBHOOK_ALLOWED_HOSTS is deprecated: rename it OUTBOUND_ALLOWED_HOSTS (it now applies to every outbound URL)'
          : 'WEBHOOK_ALLOWED_HOSTS is deprecated and ignored, since OUTBOUND_ALLOWED_HOSTS is set',
      );
    }
    this.logging = { level: env.LOG_LEVEL, pretty: env.LOG_PRETTY };
    this.phi = {
      encryptionKeys: env.PHI_ENCRYPTION_KEYS,
      currentKeyId: env.PHI_ENCRYPTION_KEY_ID,
      blindIndexKey: env.PHI_BLIND_INDEX_KEY,
    };
    this.catalog = { refreshIntervalMs: env.CATALOG_REFRESH_SECONDS * 1000 };
    this.access = {
      bootstrapAdminKey: env.ADMIN_API_KEY,
      admissionsRateLimit: {
        perKeyPerMinute: env.ADMISSIONS_RATE_LIMIT_PER_KEY,
        perAddressPerMinute: env.ADMISSIONS_RATE_LIMIT_PER_ADDRESS,
      },
    };
    this.shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    this.dataDir = resolveDataDir(env.DATA_DIR);
  }
}

export const resolveDataDir = (dataDir: string): string =>
  isAbsolute(dataDir) ? dataDir : resolve(process.cwd(), dataDir);

/** TRUST_PROXY (already validated): `true`/`false`, a hop count, or addresses and CIDR ranges. */
export function parseTrustProxy(raw: string): TrustProxy {
  const value = raw.trim();
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}
