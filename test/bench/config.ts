import { join } from 'node:path';

/** Benchmark settings, all from the environment so a quick run is one line. */
export interface BenchConfig {
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  /** Pre-auths pushed through the whole pipeline per round (and empty jobs per baseline B round). */
  pipelineJobs: number;
  largeCatalogPlans: number;
  fillerRows: number;
  /** LOG_LEVEL of the API, worker and sandbox payer (their output goes to files, not through this process). */
  logLevel: string;
  adminDatabaseUrl: string;
  redisUrl: string;
  /** BENCH_CPU_PROF=1: the API and worker write V8 CPU profiles (`--cpu-prof`) to this directory when they stop. */
  cpuProfileDirectory: string | null;
  /** BENCH_SCENARIOS: keys to run (comma-separated), for working on one; null runs them all. */
  scenarios: string[] | null;
}

const integer = (name: string, fallback: number, min = 1): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}`);
  return value;
};

export function readBenchConfig(): BenchConfig {
  const durationSeconds = integer('BENCH_DURATION_SECONDS', 10);
  return {
    durationSeconds,
    warmupSeconds: integer('BENCH_WARMUP_SECONDS', Math.min(3, durationSeconds)),
    rounds: integer('BENCH_ROUNDS', 3),
    connections: integer('BENCH_CONNECTIONS', 50),
    pipelineJobs: integer('BENCH_PIPELINE_JOBS', Math.max(500, 200 * durationSeconds)),
    largeCatalogPlans: integer('BENCH_LARGE_CATALOG_PLANS', 10_000, 10),
    fillerRows: integer('BENCH_FILLER_ROWS', 1_000_000, 0),
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
    adminDatabaseUrl:
      process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    cpuProfileDirectory:
      process.env.BENCH_CPU_PROF === '1' ? join(__dirname, '..', 'artifacts', 'bench', 'profiles') : null,
    scenarios:
      process.env.BENCH_SCENARIOS?.split(',')
        .map((key) => key.trim())
        .filter((key) => key !== '') ?? null,
  };
}
