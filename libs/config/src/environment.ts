import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsEnum, IsIn, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { IsAbsentOrMatching } from './is-absent-or-matching.validator';
import { IsConnectionUrl } from './is-connection-url.validator';

export enum NodeEnv {
  Development = 'development',
  Production = 'production',
  Test = 'test',
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Validation groups: the API and worker processes need their connections named (`service`); the launcher
 * (`npm start`) does not, because it provides embedded ones when they are missing.
 */
export const SERVICE_GROUP: ProcessRole = 'service';
export type ProcessRole = 'service' | 'launcher';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalized)) return true;
  if (['false', '0', 'no'].includes(normalized)) return false;
  return value;
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const PHI_KEY_ID = /^[\w-]{1,32}$/;
const PHI_KEY_LIST = /^\s*[\w-]{1,32}:[A-Za-z0-9+/]+={0,2}\s*(,\s*[\w-]{1,32}:[A-Za-z0-9+/]+={0,2}\s*)*$/;
const TRUST_PROXY_PATTERN = /^(true|false|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/;

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every environment variable Continuum reads, with its default. The table in docs/configuration.md mirrors this class
 * (and a test checks that they agree). Read it only through `AppConfig`.
 */
export class Environment {
  /** `development`, `production` or `test`. */
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  /** TCP port of the HTTP API. `0` picks a free port. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Interface the HTTP API listens on. */
  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  /**
   * Seconds a client has to send one whole request (headers and body); a slower one is answered 408 and its
   * connection closed, so trickled bytes cannot hold connections open.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(600)
  HTTP_REQUEST_TIMEOUT_SECONDS = 30;

  /** PostgreSQL connection URL. Unset under `npm start`: an embedded PostgreSQL is started under DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsDefined({ groups: [SERVICE_GROUP], message: 'is required' })
  @IsConnectionUrl(['postgres:', 'postgresql:'])
  DATABASE_URL?: string;

  /** Size of the PostgreSQL connection pool of each process (at least 2: migrations hold one for their lock). */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Apply pending migrations at start (under an advisory lock, so replicas may start together). */
  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_MIGRATIONS_RUN = true;

  /** Redis connection URL. Unset under `npm start`: a private redis-server is started under DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsDefined({ groups: [SERVICE_GROUP], message: 'is required' })
  @IsConnectionUrl(['redis:', 'rediss:'])
  REDIS_URL?: string;

  /** Prefix of every BullMQ key in Redis, so several deployments (or test runs) can share one Redis. */
  @IsString()
  @MinLength(1)
  QUEUE_PREFIX = 'continuum';

  /** Jobs one worker process runs at once, per queue. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  WORKER_CONCURRENCY = 10;

  /** Port of the worker's health probe (`/health/live`, `/health/ready`). `0` disables it. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  /** Seconds between two `system.heartbeat` jobs. Readiness calls the worker stale after three missed beats. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  HEARTBEAT_INTERVAL_SECONDS = 15;

  /** Seconds a process waits for in-flight requests and jobs on SIGTERM before it exits anyway. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(600)
  SHUTDOWN_TIMEOUT_SECONDS = 25;

  /** Minimum level written to the log. */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Human-readable log lines instead of JSON (the launcher turns it on when attached to a terminal). */
  @Transform(toBoolean)
  @IsBoolean()
  LOG_PRETTY = false;

  /** Where embedded PostgreSQL and Redis keep their files between runs. */
  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  /**
   * PHI encryption keys, `id:base64key` pairs separated by commas (32-byte keys, AES-256). Old keys stay
   * listed after a rotation until `npm run phi:reencrypt` has moved every value to the current one.
   * Unset under `npm start`: a development key is generated under DATA_DIR.
   */
  @Transform(emptyToUndefined)
  @IsDefined({ groups: [SERVICE_GROUP], message: 'is required' })
  @IsAbsentOrMatching(PHI_KEY_LIST, 'must be id:base64key pairs separated by commas')
  PHI_ENCRYPTION_KEYS?: string;

  /** Id (in PHI_ENCRYPTION_KEYS) of the key new values are encrypted with. */
  @Transform(emptyToUndefined)
  @IsDefined({ groups: [SERVICE_GROUP], message: 'is required' })
  @IsAbsentOrMatching(PHI_KEY_ID, 'must be 1–32 letters, digits, - or _')
  PHI_ENCRYPTION_KEY_ID?: string;

  /** Base64 key (at least 32 bytes) of the blind indexes, the keyed hashes that let rows be found by member id. */
  @Transform(emptyToUndefined)
  @IsDefined({ groups: [SERVICE_GROUP], message: 'is required' })
  @IsAbsentOrMatching(BASE64, 'must be base64')
  PHI_BLIND_INDEX_KEY?: string;

  /** When set, an admin API key with exactly this value exists (and is not revoked) after every start. */
  @Transform(emptyToUndefined)
  @IsAbsentOrMatching(/^\S{32,}$/, 'must be at least 32 characters, without spaces')
  ADMIN_API_KEY?: string;

  /** Requests per minute one admissions (publishable) key may make, from all its visitors together. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  ADMISSIONS_RATE_LIMIT_PER_KEY = 600;

  /** Requests per minute one client address may make with admissions keys. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  ADMISSIONS_RATE_LIMIT_PER_ADDRESS = 60;

  /** Seconds between checks of the catalog version (a safety net: changes are announced through Redis at once). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  CATALOG_REFRESH_SECONDS = 10;

  /** Tries to deliver one pre-auth submission to its payer (network errors and 5xx) before `submission_failed`. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  PREAUTH_SUBMIT_ATTEMPTS = 8;

  /** First retry delay of a failed submission, in ms; each later one doubles, with jitter. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  PREAUTH_SUBMIT_BACKOFF_MS = 5_000;

  /** Seconds the worker waits for a payer's answer to one submission before it counts as a failed attempt. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(300)
  PAYER_REQUEST_TIMEOUT_SECONDS = 20;

  /**
   * Base URL of the sandbox payer (`apps/payer-sim`). Payers whose connection is `sandbox` or `x12` and that
   * have no endpoint URL of their own are sent there. `npm start` sets it to the sandbox payer it runs.
   */
  @Transform(emptyToUndefined)
  @IsAbsentOrMatching(/^https?:\/\/\S+$/, 'must be an http(s) URL')
  SANDBOX_PAYER_URL?: string;

  /** Seconds between outbox re-drives: jobs accepted in PostgreSQL but missing from Redis are enqueued again. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  OUTBOX_REDRIVE_SECONDS = 30;

  /** Seconds between pre-auth sweeps: overdue decisions, expired authorizations, concurrent-review flags. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  PREAUTH_SWEEP_SECONDS = 60;

  /** Seconds a worker holds a job; a job whose worker died is run again by another after about this long. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(600)
  JOB_LOCK_SECONDS = 30;

  /** Tries to deliver one outbound webhook event to a subscriber before the delivery counts as failed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  WEBHOOK_DELIVERY_ATTEMPTS = 14;

  /** First retry delay of a webhook delivery, in ms; each later one doubles, with jitter (14 tries span about a day). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  WEBHOOK_DELIVERY_BACKOFF_MS = 10_000;

  /** Seconds a subscriber has to answer one delivery attempt. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  WEBHOOK_DELIVERY_TIMEOUT_SECONDS = 10;

  /** A subscription is disabled after this many deliveries in a row failed for good (every attempt). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  WEBHOOK_DISABLE_AFTER_FAILURES = 5;

  /** Hours a subscription's previous secret still signs deliveries after a rotation. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(720)
  WEBHOOK_SECRET_GRACE_HOURS = 24;

  /**
   * Hosts (`host` or `host:port`, comma-separated) every outbound URL (webhook subscribers, payer endpoints)
   * may reach over plain `http` and on private, loopback or link-local addresses. Unset: only `https` to
   * public addresses.
   */
  @Transform(emptyToUndefined)
  @IsAbsentOrMatching(/^[A-Za-z0-9.:\-[\], ]+$/, 'must be host names or addresses separated by commas')
  OUTBOUND_ALLOWED_HOSTS?: string;

  /** Deprecated alias of OUTBOUND_ALLOWED_HOSTS, read only when that is unset. */
  @Transform(emptyToUndefined)
  @IsAbsentOrMatching(/^[A-Za-z0-9.:\-[\], ]+$/, 'must be host names or addresses separated by commas')
  WEBHOOK_ALLOWED_HOSTS?: string;

  /** Our X12 interchange sender id (ISA06) in 278 requests. */
  @Matches(/^[A-Za-z0-9 ]{1,15}$/, { message: 'must be 1–15 letters, digits or spaces' })
  X12_SENDER_ID = 'CONTINUUM';

  /** ISA15 of the 278 requests we send: `T` test, `P` production. */
  @IsIn(['T', 'P'])
  X12_USAGE_INDICATOR: 'T' | 'P' = 'T';

  /**
   * Which proxies to trust for the client address (`X-Forwarded-For`): `false`, `true`, a hop count, or a
   * comma-separated list of addresses and CIDR ranges. Rate limits and the audit trail use that address.
   */
  @Matches(TRUST_PROXY_PATTERN, { message: 'must be true, false, a hop count, or a list of addresses/CIDRs' })
  TRUST_PROXY = 'false';
}

/** Variables without a default: they are not own properties of a fresh `Environment`. */
const VARIABLES_WITHOUT_DEFAULT = [
  'DATABASE_URL',
  'REDIS_URL',
  'PHI_ENCRYPTION_KEYS',
  'PHI_ENCRYPTION_KEY_ID',
  'PHI_BLIND_INDEX_KEY',
  'ADMIN_API_KEY',
  'SANDBOX_PAYER_URL',
] as const satisfies readonly (keyof Environment)[];

/** The name of every environment variable Continuum reads. */
export const environmentVariableNames = (): string[] => [
  ...new Set([...Object.keys(new Environment()), ...VARIABLES_WITHOUT_DEFAULT]),
];
