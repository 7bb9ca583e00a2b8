import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseSettings } from '@continuum/config';

/** Every library keeps its entities beside its code as `*.entity.ts`; compiled, they are `*.entity.js`. */
const LIBS_DIR = join(__dirname, '..', '..');
export const ENTITY_GLOBS = [join(LIBS_DIR, '*', 'src', '**', '*.entity.{js,ts}')];
export const MIGRATION_GLOBS = [join(__dirname, 'migrations', '*.{js,ts}')];
export const MIGRATIONS_TABLE = 'typeorm_migrations';

/**
 * A pg client that always has an 'error' listener. The pool and TypeORM each listen while they hold a client,
 * but a backend terminated under load (`pg_terminate_backend`, a server restart) can report its FATAL message
 * while neither does, and an 'error' event nobody listens to kills the process. The broken client is not
 * lost track of: it stops being queryable, its queries fail (answered 503), and the pool drops it on release.
 */
export class ListeningClient extends Client {
  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    this.on('error', () => undefined);
  }
}

export function buildDataSourceOptions(
  settings: Pick<DatabaseSettings, 'url' | 'poolSize'>,
  applicationName = 'continuum',
): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    applicationName,
    entities: ENTITY_GLOBS,
    migrations: MIGRATION_GLOBS,
    migrationsTableName: MIGRATIONS_TABLE,
    // Schema changes go through generated migrations only, in every environment, tests included.
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; uuid-ossp would need an extension and superuser rights.
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    // Migrations run once per process at boot, under an advisory lock (see runMigrationsUnderLock).
    migrationsTransactionMode: 'all',
    poolSize: settings.poolSize,
    connectTimeoutMS: 5_000,
    extra: {
      // Fail a query that waits too long for a pooled connection instead of hanging a request.
      connectionTimeoutMillis: 5_000,
      Client: ListeningClient,
      options: '-c TimeZone=UTC',
    },
  };
}
