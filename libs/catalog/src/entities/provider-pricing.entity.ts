import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { CENTS } from './cents.transformer';

/** The one row of provider-wide pricing rules: the self-pay IOP program rule and the band that bounds it. */
@Entity('provider_pricing')
@Check('provider_pricing_single_row', `"id" = 1`)
export class ProviderPricingEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ name: 'iop_per_session_day_cents', type: 'bigint', transformer: CENTS })
  iopPerSessionDayCents!: number;

  @Column({ name: 'iop_program_minimum_cents', type: 'bigint', transformer: CENTS })
  iopProgramMinimumCents!: number;

  @Column({ name: 'iop_program_maximum_cents', type: 'bigint', transformer: CENTS })
  iopProgramMaximumCents!: number;

  /** The range every full IOP course (8–12 weeks, 3–5 days a week) must be priced within. */
  @Column({ name: 'iop_band_min_cents', type: 'bigint', transformer: CENTS })
  iopBandMinCents!: number;

  @Column({ name: 'iop_band_max_cents', type: 'bigint', transformer: CENTS })
  iopBandMaxCents!: number;
}
