import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The last `system.heartbeat` each worker process ran. Readiness reports the age of the newest one. */
@Entity({ name: 'worker_heartbeats' })
export class WorkerHeartbeatEntity {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId!: string;

  @Column({ type: 'text' })
  hostname!: string;

  @Column({ type: 'integer' })
  pid!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Index('idx_worker_heartbeats_last_beat_at')
  @Column({ name: 'last_beat_at', type: 'timestamptz' })
  lastBeatAt!: Date;
}
