import { Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@continuum/config';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsUnderLock } from './migration-runner';

/** Applies pending migrations before the process starts serving, when DATABASE_MIGRATIONS_RUN is on. */
@Injectable()
export class MigrationsOnBoot implements OnModuleInit {
  private readonly logger = new Logger(MigrationsOnBoot.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.database.migrationsRun) return;
    const started = Date.now();
    const applied = await runMigrationsUnderLock(this.dataSource);
    this.logger.log(
      { applied: applied.map((m) => m.name), durationMs: Date.now() - started },
      applied.length > 0 ? `applied ${applied.length} migration(s)` : 'database schema is up to date',
    );
  }
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.database),
        // Fail the boot at once rather than retrying for minutes; the orchestrator restarts the process.
        retryAttempts: 0,
      }),
    }),
  ],
  providers: [MigrationsOnBoot],
})
export class DatabaseModule {}
