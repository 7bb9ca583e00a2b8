import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LevelOfCare } from '@continuum/domain';
import { CENTS } from './cents.transformer';

/** The provider's own prices for one level of care. */
@Entity('provider_rates')
export class ProviderRateEntity {
  @PrimaryColumn({ name: 'level_of_care', type: 'varchar', length: 20 })
  levelOfCare!: LevelOfCare;

  /** Gross charge per unit (the chargemaster price). */
  @Column({ name: 'charge_cents', type: 'bigint', transformer: CENTS })
  chargeCents!: number;

  /** Self-pay cash price per unit, before any sliding-scale discount. */
  @Column({ name: 'self_pay_cents', type: 'bigint', transformer: CENTS })
  selfPayCents!: number;
}
