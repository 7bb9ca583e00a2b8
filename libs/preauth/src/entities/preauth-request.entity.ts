import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { PhiColumn } from '@continuum/access';
import { PayerEntity, PlanEntity } from '@continuum/catalog';
import type {
  AuthorizationUnitType,
  LevelOfCare,
  PayerOutcome,
  PreauthStatus,
  PreauthUrgency,
  ReviewReason,
} from '@continuum/domain';
import type { PreauthAcceptedAnswer, ProviderRef, RequestedServiceLine } from '../preauth.types';

/**
 * One pre-authorization request and what the payer authorized. Patient identity, member id, diagnoses and the
 * clinical summary are PHI, encrypted; everything a work list filters on is not.
 */
@Entity('preauth_requests')
@Index('preauth_requests_idempotency_key', ['idempotencyScope', 'idempotencyKey'], { unique: true })
@Index('preauth_requests_worklist', ['decisionDueAt', 'id'])
@Index('preauth_requests_status', ['status'])
export class PreauthRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Whose `Idempotency-Key` this is: the API key id, so two clients cannot collide. */
  @Column({ name: 'idempotency_scope', type: 'varchar', length: 100 })
  idempotencyScope!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255 })
  idempotencyKey!: string;

  /** Keyed fingerprint of the request body: the same key with another body is refused. */
  @Column({ name: 'request_fingerprint', type: 'varchar', length: 64 })
  requestFingerprint!: string;

  /** The 202 answer, given again to a repeat of the same key and body. */
  @Column({ name: 'accepted_answer', type: 'jsonb' })
  acceptedAnswer!: PreauthAcceptedAnswer;

  @Column({ type: 'varchar', length: 32 })
  status!: PreauthStatus;

  @Column({ name: 'payer_id', type: 'uuid' })
  payerId!: string;

  @ManyToOne(() => PayerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payer_id' })
  payer?: PayerEntity;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id' })
  plan?: PlanEntity;

  @Column({ name: 'level_of_care', type: 'varchar', length: 20 })
  levelOfCare!: LevelOfCare;

  @Column({ type: 'varchar', length: 10 })
  urgency!: PreauthUrgency;

  /** JSON `{ firstName, lastName, dateOfBirth, sex }`, encrypted as one value. */
  @PhiColumn('preauth_requests.patient', { name: 'patient' })
  patient!: string;

  @PhiColumn('preauth_requests.member_id', { name: 'member_id' })
  memberId!: string;

  /** Blind index of the member id, for lookups without decrypting. */
  @Column({ name: 'member_id_index', type: 'varchar', length: 64 })
  @Index('preauth_requests_member_id_index')
  memberIdIndex!: string;

  /** JSON array of ICD-10-CM codes, the first principal, encrypted as one value. */
  @PhiColumn('preauth_requests.diagnoses', { name: 'diagnoses' })
  diagnoses!: string;

  @PhiColumn('preauth_requests.clinical_summary', { name: 'clinical_summary' })
  clinicalSummary!: string;

  @Column({ name: 'requesting_provider', type: 'jsonb' })
  requestingProvider!: ProviderRef;

  @Column({ name: 'servicing_provider', type: 'jsonb' })
  servicingProvider!: ProviderRef;

  @Column({ name: 'service_lines', type: 'jsonb' })
  serviceLines!: RequestedServiceLine[];

  @Column({ name: 'requested_units', type: 'int' })
  requestedUnits!: number;

  @Column({ name: 'unit_type', type: 'varchar', length: 10 })
  unitType!: AuthorizationUnitType;

  @Column({ name: 'delivery_pattern', type: 'jsonb', nullable: true })
  deliveryPattern!: { daysPerWeek: number; weeks: number } | null;

  @Column({ name: 'place_of_service', type: 'varchar', length: 2 })
  placeOfService!: string;

  @Column({ name: 'requested_start', type: 'date' })
  requestedStart!: string;

  @Column({ name: 'requested_end', type: 'date' })
  requestedEnd!: string;

  /** When the current question (the request, or its latest extension) reached us: the decision clock starts. */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'decision_due_at', type: 'timestamptz' })
  decisionDueAt!: Date;

  /** Set by the deadline sweep when the decision is late; cleared by the decision. */
  @Column({ name: 'overdue_since', type: 'timestamptz', nullable: true })
  overdueSince!: Date | null;

  /** The payer's first final answer to the initial request (for turnaround reports). */
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** The outcome of that first final answer: what turnaround reports count, whatever happened afterwards. */
  @Column({ name: 'decision_outcome', type: 'varchar', length: 20, nullable: true })
  decisionOutcome!: PayerOutcome | null;

  /** `decidedAt` of the last payer answer applied: older answers that arrive late change nothing. */
  @Column({ name: 'last_payer_event_at', type: 'timestamptz', nullable: true })
  lastPayerEventAt!: Date | null;

  @Column({ name: 'payer_reference', type: 'varchar', length: 80, nullable: true })
  payerReference!: string | null;

  @Column({ name: 'authorization_number', type: 'varchar', length: 80, nullable: true })
  authorizationNumber!: string | null;

  @Column({ name: 'approved_units', type: 'int', nullable: true })
  approvedUnits!: number | null;

  @Column({ name: 'approved_unit_type', type: 'varchar', length: 10, nullable: true })
  approvedUnitType!: AuthorizationUnitType | null;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ name: 'used_units', type: 'int', default: 0 })
  usedUnits!: number;

  /** Why the request is flagged for concurrent review, or empty. */
  @Column({ name: 'review_reasons', type: 'jsonb', default: () => "'[]'" })
  reviewReasons!: ReviewReason[];

  /** The end date an `authorization_expiring` notice was last given for (a later end date is noticed again). */
  @Column({ name: 'expiring_noticed_for', type: 'date', nullable: true })
  expiringNoticedFor!: string | null;

  /** The payer's reason (denial, rejection) or the last delivery error; never PHI. */
  @Column({ name: 'status_reason_code', type: 'varchar', length: 40, nullable: true })
  statusReasonCode!: string | null;

  @Column({ name: 'status_reason', type: 'varchar', length: 500, nullable: true })
  statusReason!: string | null;

  @Column({ name: 'created_by_key_id', type: 'uuid', nullable: true })
  createdByKeyId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'int' })
  version!: number;
}
