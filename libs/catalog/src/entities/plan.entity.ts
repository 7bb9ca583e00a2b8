import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { PayerEntity } from './payer.entity';
import { CENTS } from './cents.transformer';

export const PLAN_TYPES = ['HMO', 'PPO', 'EPO', 'POS', 'HDHP', 'MEDICAID', 'MEDICARE_ADVANTAGE', 'OTHER'] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

/** How a plan sets the allowed amount out of network. */
export type OutOfNetworkAllowed = 'percent_of_charge' | 'fixed_per_unit';

/**
 * A payer's plan: plan year and, per network tier, deductibles and out-of-pocket maximums. Benefits per level
 * of care live in `plan_benefits`. Plans without out-of-network benefits have the `out_*` columns null.
 */
@Entity('plans')
@Index('plans_payer_name_key', ['payerId', 'name'], { unique: true })
@Check('plans_year_start_check', `"plan_year_start_month" BETWEEN 1 AND 12 AND "plan_year_start_day" BETWEEN 1 AND 31`)
export class PlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'payer_id', type: 'uuid' })
  payerId!: string;

  @ManyToOne(() => PayerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payer_id' })
  payer?: PayerEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'plan_type', type: 'varchar', length: 20 })
  planType!: PlanType;

  @Column({ name: 'plan_year_start_month', type: 'smallint' })
  planYearStartMonth!: number;

  @Column({ name: 'plan_year_start_day', type: 'smallint' })
  planYearStartDay!: number;

  @Column({ name: 'in_deductible_individual_cents', type: 'bigint', transformer: CENTS })
  inDeductibleIndividualCents!: number;

  @Column({ name: 'in_deductible_family_cents', type: 'bigint', transformer: CENTS })
  inDeductibleFamilyCents!: number;

  @Column({ name: 'in_deductible_embedded', type: 'boolean' })
  inDeductibleEmbedded!: boolean;

  @Column({ name: 'in_oop_max_individual_cents', type: 'bigint', transformer: CENTS })
  inOutOfPocketMaxIndividualCents!: number;

  @Column({ name: 'in_oop_max_family_cents', type: 'bigint', transformer: CENTS })
  inOutOfPocketMaxFamilyCents!: number;

  @Column({ name: 'has_out_of_network', type: 'boolean' })
  hasOutOfNetwork!: boolean;

  @Column({ name: 'out_deductible_individual_cents', type: 'bigint', nullable: true, transformer: CENTS })
  outDeductibleIndividualCents!: number | null;

  @Column({ name: 'out_deductible_family_cents', type: 'bigint', nullable: true, transformer: CENTS })
  outDeductibleFamilyCents!: number | null;

  @Column({ name: 'out_deductible_embedded', type: 'boolean', nullable: true })
  outDeductibleEmbedded!: boolean | null;

  @Column({ name: 'out_oop_max_individual_cents', type: 'bigint', nullable: true, transformer: CENTS })
  outOutOfPocketMaxIndividualCents!: number | null;

  @Column({ name: 'out_oop_max_family_cents', type: 'bigint', nullable: true, transformer: CENTS })
  outOutOfPocketMaxFamilyCents!: number | null;

  @Column({ name: 'out_allowed_method', type: 'varchar', length: 20, nullable: true })
  outAllowedMethod!: OutOfNetworkAllowed | null;

  /** For `percent_of_charge`: the allowed amount as basis points of the provider's charge. */
  @Column({ name: 'out_allowed_percent_bp', type: 'int', nullable: true })
  outAllowedPercentBp!: number | null;

  @Column({ name: 'out_balance_billing_allowed', type: 'boolean', nullable: true })
  outBalanceBillingAllowed!: boolean | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
