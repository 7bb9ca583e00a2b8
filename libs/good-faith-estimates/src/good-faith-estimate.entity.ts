import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PhiColumn } from '@continuum/access';
import type { GfeProvider } from './good-faith-estimate.types';

/** A Good Faith Estimate; its content lives in versions, every one kept. */
@Entity('good_faith_estimates')
export class GoodFaithEstimateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'current_version', type: 'int' })
  currentVersion!: number;
}

/** One version of a Good Faith Estimate. Patient identity and diagnoses are PHI, encrypted. */
@Entity('good_faith_estimate_versions')
@Index('good_faith_estimate_versions_key', ['goodFaithEstimateId', 'version'], { unique: true })
export class GoodFaithEstimateVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'good_faith_estimate_id', type: 'uuid' })
  goodFaithEstimateId!: string;

  @ManyToOne(() => GoodFaithEstimateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'good_faith_estimate_id' })
  goodFaithEstimate?: GoodFaithEstimateEntity;

  @Column({ type: 'int' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by_key_id', type: 'uuid', nullable: true })
  createdByKeyId!: string | null;

  @PhiColumn('good_faith_estimate_versions.patient_name', { name: 'patient_name' })
  patientName!: string;

  @PhiColumn('good_faith_estimate_versions.patient_date_of_birth', { name: 'patient_date_of_birth' })
  patientDateOfBirth!: string;

  /** JSON array of ICD-10-CM codes, encrypted as one value. */
  @PhiColumn('good_faith_estimate_versions.diagnosis_codes', { name: 'diagnosis_codes' })
  diagnosisCodes!: string;

  @Column({ name: 'primary_service', type: 'jsonb' })
  primaryService!: { description: string; serviceCode: string };

  @Column({ name: 'scheduled_date', type: 'date', nullable: true })
  scheduledDate!: string | null;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'due_rule', type: 'varchar', length: 200 })
  dueRule!: string;

  /** Providers and their items with charges: no patient data. */
  @Column({ type: 'jsonb' })
  providers!: GfeProvider[];

  @Column({ name: 'separately_scheduled', type: 'jsonb' })
  separatelyScheduled!: { description: string; note?: string | null }[];

  @Column({ name: 'total_cents', type: 'bigint' })
  totalCents!: string;
}
