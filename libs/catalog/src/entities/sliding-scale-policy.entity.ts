import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SlidingScaleBand } from '@continuum/domain';

/**
 * One version of the sliding-scale policy. Versions are never changed: a new policy is a new row, and the
 * newest is in force. Bands are validated as a whole (0 to infinity, no gaps, no overlaps) before saving.
 */
@Entity('sliding_scale_policies')
export class SlidingScalePolicyEntity {
  @PrimaryGeneratedColumn('identity', { type: 'int', generatedIdentity: 'ALWAYS' })
  version!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Percent-of-poverty bands; nominal fees are integer cents. */
  @Column({ type: 'jsonb' })
  bands!: SlidingScaleBand[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
