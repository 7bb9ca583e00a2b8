import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
// Global setup and teardown run outside Jest's module registry: plain relative imports, no Nest.
import { buildDataSourceOptions } from '../../libs/database/src/data-source-options';
import { runMigrationsUnderLock } from '../../libs/database/src/migration-runner';
import { createDatabase, databaseUrl } from '../../libs/database/src/testing/test-databases';
import { requireServices, testServices } from '../../libs/database/src/testing/test-services';
import { DEFAULT_ADMIN_DATABASE_URL, DEFAULT_REDIS_URL, prefixFor, RUN_ENV } from './test-run';

/**
 * Creates this run's template database and applies the real migrations to it. Each test file then clones
 * it (CREATE DATABASE … TEMPLATE), so files run in parallel without sharing rows.
 * TEST_DATABASE_URL and TEST_REDIS_URL point the suite at other servers.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL ?? DEFAULT_REDIS_URL;
  await requireServices(testServices(adminUrl, redisUrl));
  const template = `${prefixFor(runId)}_template`;
  await createDatabase(adminUrl, template);
  // Migrations only: entities would pull feature code (and Nest) into the test runner.
  const dataSource = new DataSource({
    ...buildDataSourceOptions({ url: databaseUrl(adminUrl, template), poolSize: 2 }),
    entities: [],
  });
  await dataSource.initialize();
  try {
    await runMigrationsUnderLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env[RUN_ENV.runId] = runId;
  process.env[RUN_ENV.adminUrl] = adminUrl;
  process.env[RUN_ENV.redisUrl] = redisUrl;
}
