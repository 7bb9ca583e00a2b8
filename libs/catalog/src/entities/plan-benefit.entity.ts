import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PlanEntity } from './plan.entity';
import type { CopayPer, LevelOfCare, NetworkTier } from '@continuum/domain';
import { CENTS } from './cents.transformer';

/** What a plan pays for one level of care in one network tier. */
@Entity('plan_benefits')
export class PlanBenefitEntity {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: PlanEntity;

  @PrimaryColumn({ name: 'level_of_care', type: 'varchar', length: 20 })
  levelOfCare!: LevelOfCare;

  @PrimaryColumn({ type: 'varchar', length: 3 })
  network!: NetworkTier;

  @Column({ type: 'boolean' })
  covered!: boolean;

  @Column({ name: 'copay_cents', type: 'bigint', transformer: CENTS })
  copayCents!: number;

  @Column({ name: 'copay_per', type: 'varchar', length: 10 })
  copayPer!: CopayPer;

  @Column({ name: 'copay_before_deductible', type: 'boolean' })
  copayBeforeDeductible!: boolean;

  @Column({ name: 'deductible_applies', type: 'boolean' })
  deductibleApplies!: boolean;

  /** The patient's share after the deductible, in basis points (2000 = 20%). */
  @Column({ name: 'coinsurance_bp', type: 'int' })
  coinsuranceBp!: number;

  @Column({ name: 'max_units_per_year', type: 'int', nullable: true })
  maxUnitsPerYear!: number | null;

  @Column({ name: 'pre_auth_required', type: 'boolean' })
  preAuthRequired!: boolean;

  /** The limit is stricter than for comparable medical care: shown as a parity flag, not silently applied. */
  @Column({ name: 'parity_concern', type: 'boolean', default: false })
  parityConcern!: boolean;

  /** Out of network, `fixed_per_unit` plans: the allowed amount per unit for this level of care. */
  @Column({ name: 'out_allowed_cents_per_unit', type: 'bigint', nullable: true, transformer: CENTS })
  outAllowedCentsPerUnit!: number | null;
}
