import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PreauthEventSource, PreauthStatus } from '@continuum/domain';
import { PreauthRequestEntity } from './preauth-request.entity';

export type PreauthEventType =
  | 'status_changed'
  | 'decision_overdue'
  | 'review_needed'
  | 'utilization_recorded'
  | 'utilization_over_authorization'
  | 'utilization_reversed'
  | 'delivery_attempt_failed'
  | 'payer_event_ignored'
  /** A payer answer that broke the decision checks (see `decisionProblems`): not applied. */
  | 'payer_answer_refused'
  | 'cancellation_sent'
  | 'authorization_expiring';

/** The request's history: every status change and every notable fact, never PHI. */
@Entity('preauth_events')
@Index('preauth_events_preauth', ['preauthId', 'sequence'])
export class PreauthEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  sequence!: string;

  @Column({ name: 'preauth_id', type: 'uuid' })
  preauthId!: string;

  @ManyToOne(() => PreauthRequestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'preauth_id' })
  preauth?: PreauthRequestEntity;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 30 })
  type!: PreauthEventType;

  @Column({ name: 'from_status', type: 'varchar', length: 32, nullable: true })
  fromStatus!: PreauthStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 32 })
  toStatus!: PreauthStatus;

  @Column({ type: 'varchar', length: 10 })
  source!: PreauthEventSource;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, string | number | boolean | null>;
}
