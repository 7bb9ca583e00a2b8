import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One append-only audit row. A database trigger refuses UPDATE, DELETE and TRUNCATE, so not even a bug or
 * a stolen admin key can rewrite history through the service. Never holds PHI: subjects are named by id.
 */
@Entity('audit_events')
@Index('audit_events_actor_idx', ['actorId', 'id'])
@Index('audit_events_subject_idx', ['subjectType', 'subjectId', 'id'])
@Index('audit_events_action_idx', ['action', 'id'])
@Index('audit_events_occurred_at_idx', ['occurredAt'])
export class AuditEventEntity {
  /** Also the pagination cursor: rows are numbered in the order they were written. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 20 })
  actorType!: string;

  /** The API key id, the payer code, or null for the system and anonymous callers. */
  @Column({ name: 'actor_id', type: 'varchar', length: 64, nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 64 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 64, nullable: true })
  subjectId!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ name: 'client_address', type: 'varchar', length: 64, nullable: true })
  clientAddress!: string | null;

  @Column({ type: 'varchar', length: 10 })
  outcome!: string;

  /** Small, PHI-free facts about the event (a reason code, a role), never request bodies. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, string | number | boolean | null>;
}
