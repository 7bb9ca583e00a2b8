import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JobName } from './job-registry';

/**
 * Work accepted in PostgreSQL and owed to the queue. A row is written in the same transaction as the state
 * that needs the job, and deleted in the same transaction as the job's outcome; until then the relay (and
 * its sweep, after a Redis flush) keeps enqueueing it under its job id, which makes a repeat a no-op.
 */
@Entity('job_outbox')
@Index('job_outbox_created', ['createdAt'])
export class OutboxEntity {
  /** The BullMQ job id: a second enqueue of the same row is ignored while the job exists. */
  @PrimaryColumn({ name: 'job_id', type: 'varchar', length: 200 })
  jobId!: string;

  @Column({ name: 'job_name', type: 'varchar', length: 60 })
  jobName!: JobName;

  /** The job payload: ids and a correlation id, never PHI. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the re-drive sweep first enqueued the row: null while only the relay after the commit has. */
  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;

  @Column({ name: 'redrive_count', type: 'int', default: 0 })
  redriveCount!: number;
}
