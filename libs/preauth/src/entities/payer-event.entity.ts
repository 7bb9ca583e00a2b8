import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { PhiColumn } from '@continuum/access';
import { PayerEntity } from '@continuum/catalog';

/**
 * `received`: stored, not applied yet; `applied`: it changed its request; `ignored`: it could not (older than
 * what was applied, illegal in the request's status, or a rejection notice); `unmatched`: no request of this
 * payer has its trace number (kept and reported, never dropped).
 */
/** `refused`: the answer broke the decision checks (see `decisionProblems`) and changed nothing. */
export type PayerEventStatus = 'received' | 'applied' | 'ignored' | 'refused' | 'unmatched';

/** A verified payer callback, exactly as it arrived, and what became of it. Deduplicated on `webhook-id`. */
@Entity('payer_events')
@Unique('payer_events_payer_webhook_id', ['payerId', 'webhookId'])
@Index('payer_events_status', ['status', 'receivedAt'])
@Index('payer_events_trace_number', ['traceNumber'])
export class PayerEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'payer_id', type: 'uuid' })
  payerId!: string;

  @ManyToOne(() => PayerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payer_id' })
  payer?: PayerEntity;

  @Column({ name: 'webhook_id', type: 'varchar', length: 255 })
  webhookId!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  /** The signed `webhook-timestamp`: when the payer sent it. */
  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @Column({ name: 'media_type', type: 'varchar', length: 10 })
  mediaType!: 'json' | 'x12';

  /** The raw body, base64 (exact bytes), encrypted: a 278 names the patient. */
  @PhiColumn('payer_events.body')
  body!: string;

  /** `preauth.decision`, `preauth.pended`, … or `rejection` (a 278 with AAA rejections only). */
  @Column({ name: 'event_type', type: 'varchar', length: 40 })
  eventType!: string;

  @Column({ name: 'trace_number', type: 'varchar', length: 50 })
  traceNumber!: string;

  @Column({ type: 'varchar', length: 10, default: 'received' })
  status!: PayerEventStatus;

  @Column({ name: 'preauth_id', type: 'uuid', nullable: true })
  preauthId!: string | null;

  /** Why it was ignored or unmatched. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  outcome!: string | null;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
