/**
 * Where this test run's databases and Redis keys live. Global setup picks a run id and exports it through
 * the environment; every test file reads it from here.
 */
export const DEFAULT_ADMIN_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export const RUN_ENV = {
  runId: 'CONTINUUM_TEST_RUN_ID',
  adminUrl: 'CONTINUUM_TEST_ADMIN_URL',
  redisUrl: 'CONTINUUM_TEST_REDIS_URL',
} as const;

export interface TestRun {
  runId: string;
  /** A URL to the server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  redisUrl: string;
  /** Database with every migration applied; files clone it. */
  templateDatabase: string;
  /** Every database and Redis key of this run starts with it. */
  prefix: string;
}

export const prefixFor = (runId: string): string => `continuum_test_${runId}`;

export function currentTestRun(): TestRun {
  const runId = process.env[RUN_ENV.runId];
  const adminUrl = process.env[RUN_ENV.adminUrl];
  const redisUrl = process.env[RUN_ENV.redisUrl];
  if (runId === undefined || adminUrl === undefined || redisUrl === undefined) {
    throw new Error('the e2e global setup did not run (run the suites with `npm test`)');
  }
  const prefix = prefixFor(runId);
  return { runId, adminUrl, redisUrl, prefix, templateDatabase: `${prefix}_template` };
}
