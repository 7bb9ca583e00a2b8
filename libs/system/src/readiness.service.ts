import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withTimeout } from '@continuum/common';
import { AppConfig } from '@continuum/config';
import { JobQueue } from '@continuum/queue';
import { HeartbeatService } from './heartbeat.service';

export type DependencyStatus = 'up' | 'down';

export interface DependencyCheck {
  status: DependencyStatus;
  latencyMs: number;
  error?: string;
}

export interface WorkerCheck {
  /** `up`: a beat within three intervals; `stale`: older; `none`: no worker has ever beaten; `unknown`: database down. */
  status: 'up' | 'stale' | 'none' | 'unknown';
  lastBeatAt: string | null;
  ageSeconds: number | null;
  workerId: string | null;
}

export interface ReadinessReport {
  /** `ok`: all good; `degraded`: serving, but no live worker; `unavailable`: database or Redis down. */
  status: 'ok' | 'degraded' | 'unavailable';
  checks: { database: DependencyCheck; redis: DependencyCheck; worker: WorkerCheck };
}

const CHECK_TIMEOUT_MS = 2_000;
const MISSED_BEATS_BEFORE_STALE = 3;

async function timed(check: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  const latencyMs = (): number => Math.round(performance.now() - started);
  try {
    await withTimeout(check(), CHECK_TIMEOUT_MS, 'check');
    return { status: 'up', latencyMs: latencyMs() };
  } catch (error) {
    return { status: 'down', latencyMs: latencyMs(), error: error instanceof Error ? error.message : String(error) };
  }
}

/** What `/health/ready` reports: the database, Redis, and how recently a worker ran its heartbeat job. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobQueue: JobQueue,
    private readonly heartbeats: HeartbeatService,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<ReadinessReport> {
    const [database, redis] = await Promise.all([
      timed(() => this.dataSource.query('SELECT 1')),
      timed(() => this.jobQueue.ping()),
    ]);
    const worker = database.status === 'up' ? await this.workerCheck() : UNKNOWN_WORKER;
    const dependenciesUp = database.status === 'up' && redis.status === 'up';
    return {
      status: !dependenciesUp ? 'unavailable' : worker.status === 'up' ? 'ok' : 'degraded',
      checks: { database, redis, worker },
    };
  }

  private async workerCheck(): Promise<WorkerCheck> {
    const latest = await this.heartbeats.latest().catch(() => undefined);
    if (latest === undefined) return { ...UNKNOWN_WORKER, status: 'none' };
    const staleAfterSeconds = (this.config.worker.heartbeatIntervalMs / 1000) * MISSED_BEATS_BEFORE_STALE;
    return {
      status: latest.ageSeconds <= staleAfterSeconds ? 'up' : 'stale',
      lastBeatAt: latest.lastBeatAt.toISOString(),
      ageSeconds: Math.round(latest.ageSeconds * 10) / 10,
      workerId: latest.workerId,
    };
  }
}

const UNKNOWN_WORKER: WorkerCheck = { status: 'unknown', lastBeatAt: null, ageSeconds: null, workerId: null };
