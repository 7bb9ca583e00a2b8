import { type BeforeApplicationShutdown, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@continuum/config';
import { createRedisConnection } from '@continuum/queue';
import { type CatalogSnapshot, loadCatalogSnapshot } from './catalog-snapshot';
import { catalogChannel, currentCatalogVersion } from './catalog-store';

/**
 * Keeps this process's catalog snapshot current. A change anywhere is announced on Redis and every replica
 * rebuilds at once; in case an announcement is lost (Redis down, a reconnect), each replica also compares
 * versions every CATALOG_REFRESH_SECONDS. Rebuilds are coalesced: one at a time, to the newest version.
 */
const MAX_REFRESH_ATTEMPTS = 3;

@Injectable()
export class CatalogSnapshotService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(CatalogSnapshotService.name);
  private snapshot: CatalogSnapshot | undefined;
  private rebuilding: Promise<void> | undefined;
  private rebuildAgain = false;
  private subscriber: IORedis | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.rebuild();
    const subscriber = createRedisConnection(this.config.redis.url, 'worker', 'continuum-catalog-subscriber');
    subscriber.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'redis connection error'));
    subscriber.on('message', (_channel: string, message: string) => {
      if (Number(message) > this.current().version) this.requestRebuild();
    });
    // Also on every reconnect: announcements made while disconnected were lost.
    subscriber.on('ready', () => this.requestRebuild());
    subscriber.subscribe(catalogChannel(this.config.redis.queuePrefix)).catch((error: unknown) => {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'catalog subscription failed');
    });
    this.subscriber = subscriber;
    this.timer = setInterval(() => void this.checkVersion(), this.config.catalog.refreshIntervalMs);
    this.timer.unref();
  }

  /** The snapshot in force. Never undefined once the module has started. */
  current(): CatalogSnapshot {
    if (this.snapshot === undefined) throw new Error('the catalog snapshot is read before it was built');
    return this.snapshot;
  }

  /**
   * Rebuilds until the snapshot holds at least `minVersion` (after a change made by this process, so it reads
   * its own write at once). A rebuild already running may predate that change, hence the loop.
   */
  async refresh(minVersion = 0): Promise<CatalogSnapshot> {
    for (let attempt = 0; attempt < MAX_REFRESH_ATTEMPTS && !this.stopped; attempt += 1) {
      this.requestRebuild();
      await this.rebuilding;
      if ((this.snapshot?.version ?? -1) >= minVersion) break;
    }
    // Still behind (the rebuilds failed): the change is committed; the periodic check will catch up.
    return this.current();
  }

  /** Before the database closes: no rebuild may start against a closed pool. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.subscriber?.disconnect();
    await this.rebuilding;
  }

  private async checkVersion(): Promise<void> {
    try {
      if ((await currentCatalogVersion(this.dataSource)) !== this.snapshot?.version) this.requestRebuild();
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'catalog version check failed');
    }
  }

  private requestRebuild(): void {
    if (this.stopped) return;
    if (this.rebuilding !== undefined) {
      this.rebuildAgain = true;
      return;
    }
    this.rebuilding = this.rebuild()
      .catch((error: unknown) => {
        this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'catalog rebuild failed');
      })
      .finally(() => {
        this.rebuilding = undefined;
        if (this.rebuildAgain) {
          this.rebuildAgain = false;
          this.requestRebuild();
        }
      });
  }

  private async rebuild(): Promise<void> {
    const started = Date.now();
    const next = await loadCatalogSnapshot(this.dataSource.manager);
    if (this.snapshot !== undefined && next.version < this.snapshot.version) return;
    this.snapshot = next;
    this.logger.log(
      {
        catalogVersion: next.version,
        payers: next.payerCount,
        plans: next.planCount,
        durationMs: Date.now() - started,
      },
      'catalog snapshot built',
    );
  }
}
