import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PhiColumn } from '@continuum/access';
import type { CertificationType } from '@continuum/domain';
import { PreauthRequestEntity } from './preauth-request.entity';

export type SubmissionState = 'pending' | 'sent' | 'rejected' | 'failed' | 'withdrawn';

/**
 * One question put to the payer about a request: the initial request, an extension, or a cancellation. Its
 * trace number goes out with every attempt, so the payer recognises a resend after a crash.
 */
@Entity('preauth_submissions')
@Index('preauth_submissions_preauth', ['preauthId', 'createdAt'])
export class PreauthSubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'preauth_id', type: 'uuid' })
  preauthId!: string;

  @ManyToOne(() => PreauthRequestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'preauth_id' })
  preauth?: PreauthRequestEntity;

  @Column({ type: 'varchar', length: 10 })
  kind!: CertificationType;

  @Column({ name: 'trace_number', type: 'varchar', length: 30, unique: true })
  traceNumber!: string;

  @Column({ type: 'varchar', length: 10 })
  state!: SubmissionState;

  /** Units asked for by this submission (all of them for the initial request, the extra ones for an extension). */
  @Column({ name: 'requested_units', type: 'int' })
  requestedUnits!: number;

  @Column({ name: 'period_start', type: 'date' })
  periodStart!: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd!: string;

  /** Staff-initiated retries after `submission_failed`: each round is a new job. */
  @Column({ type: 'int', default: 1 })
  round!: number;

  /** Delivery attempts across all rounds. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** The last X12 278 sent for this submission (it carries the patient's identity: encrypted). */
  @PhiColumn('preauth_submissions.x12_request', { name: 'x12_request', nullable: true })
  x12Request!: string | null;

  @Column({ name: 'x12_sent_at', type: 'timestamptz', nullable: true })
  x12SentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
