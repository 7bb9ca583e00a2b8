import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from '@continuum/config';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsUnderLock } from './migration-runner';

const logger = new Logger('Migrations');

/**
 * Connects and, when `migrationsRun` asks for it (DATABASE_MIGRATIONS_RUN), applies pending migrations under
 * the advisory lock before the DataSource is handed to anyone: every provider that reads the database at start
 * (the catalog snapshot, for one) then finds the schema in place, whatever order Nest initialises modules in.
 */
async function migratedDataSource(options: DataSourceOptions): Promise<DataSource> {
  // TypeORM's own migrationsRun would migrate without the lock that keeps replicas from racing.
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (options.migrationsRun !== true) return dataSource;
  const started = Date.now();
  try {
    const applied = await runMigrationsUnderLock(dataSource);
    logger.log(
      { applied: applied.map((m) => m.name), durationMs: Date.now() - started },
      applied.length > 0 ? `applied ${applied.length} migration(s)` : 'database schema is up to date',
    );
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.database),
        migrationsRun: config.database.migrationsRun,
        // Fail the boot at once rather than retrying for minutes; the orchestrator restarts the process.
        retryAttempts: 0,
      }),
      dataSourceFactory: async (options) => {
        if (options === undefined) throw new Error('TypeORM gave no data source options');
        return migratedDataSource(options);
      },
    }),
  ],
})
export class DatabaseModule {}
