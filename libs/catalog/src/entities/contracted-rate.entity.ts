import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PayerEntity } from './payer.entity';
import { PlanEntity } from './plan.entity';
import type { LevelOfCare } from '@continuum/domain';
import { CENTS } from './cents.transformer';

/** The in-network allowed amount per unit the provider contracted with a payer, for all its plans or one. */
@Entity('contracted_rates')
@Index('contracted_rates_key', ['payerId', 'planId', 'levelOfCare'], { unique: true })
export class ContractedRateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'payer_id', type: 'uuid' })
  payerId!: string;

  @ManyToOne(() => PayerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'payer_id' })
  payer?: PayerEntity;

  /** Null: the payer-wide rate; a plan's own rate wins over it. */
  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  planId!: string | null;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: PlanEntity;

  @Column({ name: 'level_of_care', type: 'varchar', length: 20 })
  levelOfCare!: LevelOfCare;

  @Column({ name: 'allowed_cents_per_unit', type: 'bigint', transformer: CENTS })
  allowedCentsPerUnit!: number;
}
