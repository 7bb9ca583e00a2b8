/**
 * `npm run seed`: imports the demo catalog (`config/demo-catalog.yaml` and `config/poverty-guidelines.yaml`)
 * through the same import as `PUT /v1/catalog`: validated as a whole, applied in one transaction, audited,
 * announced to running replicas. It replaces the catalog: payers and plans not in the files are deactivated.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PhiModule } from '@continuum/access';
import { AuditModule, SYSTEM_CONTEXT } from '@continuum/audit';
import { CatalogModule, CatalogTransferService, readDemoCatalog } from '@continuum/catalog';
import { createLogger, exitOnStartupError, useUtc } from '@continuum/common';
import { AppConfig, ConfigModule, loadEnvironment } from '@continuum/config';
import { DatabaseModule } from '@continuum/database';
import { LoggingModule } from '@continuum/system';

async function seed(): Promise<void> {
  useUtc();
  const config = new AppConfig(loadEnvironment(process.env));
  const logger = createLogger({ ...config.logging, service: 'seed' });

  @Module({
    imports: [
      ConfigModule.forRoot(config),
      LoggingModule.forRoot(logger),
      DatabaseModule,
      PhiModule,
      AuditModule,
      CatalogModule,
    ],
  })
  class SeedModule {}

  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    const document = readDemoCatalog();
    const { version } = await app.get(CatalogTransferService).import(document, SYSTEM_CONTEXT);
    process.stdout.write(
      `imported the demo catalog: ${document.payers.length} payers, ` +
        `${document.payers.reduce((n, p) => n + p.plans.length, 0)} plans; catalog version ${version}\n`,
    );
  } finally {
    await app.close();
  }
}

seed().catch(exitOnStartupError('seed'));
