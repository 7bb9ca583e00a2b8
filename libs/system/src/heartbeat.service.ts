import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { WorkerHeartbeatEntity } from './worker-heartbeat.entity';
import type { WorkerIdentity } from './worker-identity';

export interface LatestHeartbeat {
  workerId: string;
  lastBeatAt: Date;
  /** Measured by the database clock, so API and worker hosts need not agree on the time. */
  ageSeconds: number;
}

/** Rows of workers silent for this long are deleted, so the table stays small as replicas come and go. */
const FORGET_WORKERS_AFTER = '1 day';

@Injectable()
export class HeartbeatService {
  constructor(
    @InjectRepository(WorkerHeartbeatEntity)
    private readonly heartbeats: Repository<WorkerHeartbeatEntity>,
  ) {}

  async recordBeat(worker: WorkerIdentity): Promise<void> {
    await this.heartbeats
      .createQueryBuilder()
      .insert()
      .values({
        workerId: worker.workerId,
        hostname: worker.hostname,
        pid: worker.pid,
        startedAt: worker.startedAt,
        lastBeatAt: () => 'now()',
      })
      .orUpdate(['hostname', 'pid', 'started_at', 'last_beat_at'], ['worker_id'])
      .execute();
    await this.heartbeats
      .createQueryBuilder()
      .delete()
      .where(`last_beat_at < now() - interval '${FORGET_WORKERS_AFTER}'`)
      .execute();
  }

  async latest(): Promise<LatestHeartbeat | undefined> {
    const row = await this.heartbeats
      .createQueryBuilder('beat')
      .select('beat.worker_id', 'workerId')
      .addSelect('beat.last_beat_at', 'lastBeatAt')
      .addSelect('extract(epoch from now() - beat.last_beat_at)::float8', 'ageSeconds')
      .orderBy('beat.last_beat_at', 'DESC')
      .limit(1)
      .getRawOne<{ workerId: string; lastBeatAt: Date; ageSeconds: number }>();
    return row === undefined ? undefined : { ...row, ageSeconds: Math.max(0, Number(row.ageSeconds)) };
  }
}
