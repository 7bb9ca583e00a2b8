import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PovertyRegion } from '@continuum/domain';
import { CENTS } from './cents.transformer';

/** One year's HHS poverty guideline for one region: base + (household size − 1) × increment. */
@Entity('poverty_guidelines')
export class PovertyGuidelineEntity {
  @PrimaryColumn({ type: 'smallint' })
  year!: number;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  region!: PovertyRegion;

  /** The day the year's table takes effect (mid-January); service dates pick the table in force. */
  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate!: string;

  @Column({ name: 'base_cents', type: 'bigint', transformer: CENTS })
  baseCents!: number;

  @Column({ name: 'increment_cents', type: 'bigint', transformer: CENTS })
  incrementCents!: number;
}
