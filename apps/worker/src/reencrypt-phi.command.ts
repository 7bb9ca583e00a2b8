/**
 * `npm run phi:reencrypt`: after a PHI key rotation (a new key added to PHI_ENCRYPTION_KEYS and made current
 * with PHI_ENCRYPTION_KEY_ID), re-encrypts every value still written under an older key. Run it with the
 * services' environment; it can run while they serve, and again if interrupted. When it reports nothing left,
 * the old key can be removed from PHI_ENCRYPTION_KEYS.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { activatePhiProtection, PhiProtection, reencryptPhi } from '@continuum/access';
import { AuditAction, AuditEventEntity, AuditService, SYSTEM_CONTEXT } from '@continuum/audit';
import { exitOnStartupError, useUtc } from '@continuum/common';
import { AppConfig, loadEnvironment } from '@continuum/config';
import { buildDataSourceOptions } from '@continuum/database';

async function main(): Promise<void> {
  useUtc();
  const config = new AppConfig(loadEnvironment(process.env));
  const protection = PhiProtection.fromSettings(config.phi);
  activatePhiProtection(protection);
  const dataSource = await new DataSource(
    buildDataSourceOptions(config.database, 'continuum-phi-reencrypt'),
  ).initialize();
  try {
    const audit = new AuditService(dataSource.getRepository(AuditEventEntity));
    const reports = await reencryptPhi(dataSource, protection.cipher);
    for (const report of reports) {
      process.stdout.write(
        `${report.table} (${report.columns.join(', ')}): ${report.rowsScanned} rows scanned, ` +
          `${report.rowsReencrypted} re-encrypted under key "${config.phi.currentKeyId}"\n`,
      );
      await audit.record(SYSTEM_CONTEXT, {
        action: AuditAction.PhiReencrypt,
        subjectType: 'table',
        subjectId: report.table,
        details: {
          rowsScanned: report.rowsScanned,
          rowsReencrypted: report.rowsReencrypted,
          keyId: config.phi.currentKeyId,
        },
      });
    }
    process.stdout.write(
      `done: ${reports.length} table(s) with PHI columns; every value is now under key "${config.phi.currentKeyId}"\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch(exitOnStartupError('phi:reencrypt'));
