import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Estimate, EstimateRequest } from './estimate.types';

/**
 * An estimate kept as it was given: its inputs, its answer and the catalog version it was priced at, so it
 * reads the same later even after prices or plans change. Holds no patient identity (no PHI).
 */
@Entity('saved_estimates')
export class SavedEstimateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by_key_id', type: 'uuid', nullable: true })
  createdByKeyId!: string | null;

  @Column({ name: 'catalog_version', type: 'bigint' })
  catalogVersion!: string;

  @Column({ type: 'jsonb' })
  request!: EstimateRequest;

  @Column({ type: 'jsonb' })
  estimate!: Estimate;
}
