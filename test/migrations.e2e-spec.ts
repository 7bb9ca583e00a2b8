import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, MIGRATIONS_TABLE } from '../libs/database/src/data-source-options';
import { revertAllMigrations, runMigrationsUnderLock } from '../libs/database/src/migration-runner';
import { createDatabase, databaseUrl } from '../libs/database/src/testing/test-databases';
import { createSandbox, startApi, startWorker } from './support/test-stack';
import { currentTestRun } from './support/test-run';

/** Tables, columns and indexes of the public schema, to compare the schema before and after a round trip. */
async function schemaSnapshot(dataSource: DataSource): Promise<string[]> {
  const columns = await dataSource.query<{ line: string }[]>(
    `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> $1`,
    [MIGRATIONS_TABLE],
  );
  const indexes = await dataSource.query<{ line: string }[]>(
    `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1`,
    [MIGRATIONS_TABLE],
  );
  return [...columns, ...indexes].map((r) => r.line).sort();
}

describe('Migrations', () => {
  const sources: DataSource[] = [];

  /** A fresh, empty database (not the migrated template) and a DataSource on it. */
  async function emptyDatabase(): Promise<{ url: string; open: () => Promise<DataSource> }> {
    const run = currentTestRun();
    const name = `${run.prefix}_migrations_${randomBytes(2).toString('hex')}`;
    await createDatabase(run.adminUrl, name);
    const url = databaseUrl(run.adminUrl, name);
    const open = async (): Promise<DataSource> => {
      const dataSource = new DataSource({ ...buildDataSourceOptions({ url, poolSize: 3 }), entities: [] });
      sources.push(dataSource);
      return dataSource.initialize();
    };
    return { url, open };
  }

  afterAll(async () => {
    await Promise.all(sources.filter((s) => s.isInitialized).map((s) => s.destroy()));
  });

  it('round-trips: up, down to nothing, up again to the same schema', async () => {
    const database = await emptyDatabase();
    const dataSource = await database.open();
    expect(dataSource.migrations.length).toBeGreaterThan(0);

    const applied = await runMigrationsUnderLock(dataSource);
    expect(applied.map((m) => m.name)).toEqual(dataSource.migrations.map((m) => m.name));
    const migrated = await schemaSnapshot(dataSource);
    expect(migrated).toEqual(expect.arrayContaining([expect.stringMatching(/^worker_heartbeats\.last_beat_at /)]));

    const reverted = await revertAllMigrations(dataSource);
    expect(reverted).toBe(dataSource.migrations.length);
    expect(await schemaSnapshot(dataSource)).toEqual([]);
    expect(await dataSource.query(`SELECT * FROM "${MIGRATIONS_TABLE}"`)).toEqual([]);

    await runMigrationsUnderLock(dataSource);
    expect(await schemaSnapshot(dataSource)).toEqual(migrated);
  });

  it('applies each migration exactly once when several replicas start at the same moment', async () => {
    const database = await emptyDatabase();
    const replicas = await Promise.all([database.open(), database.open(), database.open(), database.open()]);
    const results = await Promise.all(replicas.map((replica) => runMigrationsUnderLock(replica)));

    const appliedCounts = results.map((applied) => applied.length).sort();
    const total = replicas[0]?.migrations.length ?? 0;
    // One replica applied everything; the others waited on the lock and found nothing pending.
    expect(appliedCounts).toEqual([0, 0, 0, total]);
    const rows = await replicas[0]?.query<{ name: string }[]>(`SELECT name FROM "${MIGRATIONS_TABLE}"`);
    expect(rows?.map((r) => r.name).sort()).toEqual(replicas[0]?.migrations.map((m) => m.name).sort());
  });

  it('lets two APIs and a worker start together on an empty database: migrated once, before anything reads it', async () => {
    const database = await emptyDatabase();
    const sandbox = await createSandbox('migrations_boot', { DATABASE_URL: database.url });
    const [first, second, worker] = await Promise.all([
      startApi(sandbox.env),
      startApi(sandbox.env),
      startWorker(sandbox.env),
    ]);
    try {
      for (const api of [first, second]) {
        // The catalog snapshot reads its tables while the API starts: it did, and the API serves.
        const levels = await fetch(`${api.url}/v1/levels-of-care`, {
          headers: { authorization: `Bearer ${sandbox.adminKey}` },
        });
        expect(levels.status).toBe(200);
      }
      const dataSource = await database.open();
      const rows = await dataSource.query<{ name: string }[]>(`SELECT name FROM "${MIGRATIONS_TABLE}"`);
      expect(rows.map((r) => r.name).sort()).toEqual(dataSource.migrations.map((m) => m.name).sort());
    } finally {
      await Promise.all([first.process.stop(), second.process.stop(), worker.stop()]);
    }
  });

  it('never synchronizes the schema from entities', () => {
    const options = buildDataSourceOptions({ url: 'postgres://localhost/x', poolSize: 2 });
    expect(options.synchronize).toBe(false);
    expect(options.migrationsRun).toBe(false);
  });
});
