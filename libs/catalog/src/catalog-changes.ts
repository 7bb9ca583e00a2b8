import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type IORedis from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuditAction, type AuditContext, AuditService } from '@continuum/audit';
import { AppConfig } from '@continuum/config';
import { createRedisConnection } from '@continuum/queue';
import { CatalogSnapshotService } from './catalog-snapshot.service';
import { CatalogChangeEntity } from './entities/catalog-change.entity';
import { catalogChannel } from './catalog-store';

/** Any constant distinct from other advisory locks (migrations use their own). */
const CATALOG_WRITE_LOCK = 741_226_001;

export interface CatalogChange {
  action: AuditAction;
  subjectType: string;
  subjectId?: string | null;
}

/**
 * The one way the catalog is written. Each change runs in a transaction that holds the catalog write lock (so
 * versions commit in order and no snapshot can miss one), records a new catalog version and an audit row with
 * it, and after commit announces the version on Redis so every replica rebuilds its snapshot.
 */
@Injectable()
export class CatalogChanges implements OnApplicationShutdown {
  private readonly logger = new Logger(CatalogChanges.name);
  private readonly publisher: IORedis;
  private readonly channel: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly snapshots: CatalogSnapshotService,
    config: AppConfig,
  ) {
    this.publisher = createRedisConnection(config.redis.url, 'producer', 'continuum-catalog-publisher');
    this.publisher.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'redis connection error'));
    this.channel = catalogChannel(config.redis.queuePrefix);
  }

  async apply<T>(
    context: AuditContext,
    change: CatalogChange,
    write: (manager: EntityManager) => Promise<T & { subjectId?: string }>,
  ): Promise<{ result: T; version: number }> {
    const { result, version } = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CATALOG_WRITE_LOCK]);
      const written = await write(manager);
      const subjectId = change.subjectId ?? written.subjectId ?? null;
      const row = await manager.getRepository(CatalogChangeEntity).save({
        change: change.action,
        subjectId,
        actorId: context.actor.type === 'api_key' ? context.actor.keyId : null,
      });
      const catalogVersion = Number(row.version);
      await this.audit.record(
        context,
        { action: change.action, subjectType: change.subjectType, subjectId, details: { catalogVersion } },
        manager,
      );
      return { result: written, version: catalogVersion };
    });
    // After commit: this replica reads its own write at once; the others hear of it through Redis (and a lost
    // announcement is caught up by each replica's periodic version check).
    await this.snapshots.refresh(version);
    this.publisher.publish(this.channel, String(version)).catch((error: unknown) => {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error), version },
        'catalog change not announced',
      );
    });
    return { result, version };
  }

  onApplicationShutdown(): void {
    this.publisher.disconnect();
  }
}
