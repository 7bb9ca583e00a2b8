import type { DataSource, Migration } from 'typeorm';

/**
 * Key of the session-level advisory lock held while migrations run, so that several replicas starting at
 * once apply each migration exactly once: the first takes the lock and migrates, the others wait, then find
 * nothing pending. Any fixed 64-bit number unique to Continuum works.
 */
export const MIGRATION_LOCK_KEY = '7280391024473117';

export async function runMigrationsUnderLock(dataSource: DataSource): Promise<Migration[]> {
  // The lock lives on its own connection; the migrations use others from the pool (poolSize ≥ 2).
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      return await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockRunner.release();
  }
}

/** Reverts every applied migration, newest first. For tests and for tearing a database down by hand. */
export async function revertAllMigrations(dataSource: DataSource): Promise<number> {
  let reverted = 0;
  while ((await appliedMigrationCount(dataSource)) > 0) {
    await dataSource.undoLastMigration({ transaction: 'all' });
    reverted += 1;
  }
  return reverted;
}

async function appliedMigrationCount(dataSource: DataSource): Promise<number> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const exists = await dataSource.query<{ present: boolean }[]>('SELECT to_regclass($1) IS NOT NULL AS present', [
    table,
  ]);
  if (exists[0]?.present !== true) return 0;
  const rows = await dataSource.query<{ count: string }[]>(`SELECT count(*)::text AS count FROM "${table}"`);
  return Number(rows[0]?.count ?? 0);
}
