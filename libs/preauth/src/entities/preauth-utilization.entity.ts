import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PreauthRequestEntity } from './preauth-request.entity';

/**
 * Units used on one service date under an authorization. One standing row per date; a wrong one is reversed
 * (kept, with who, when and why) and the date can then be recorded again.
 */
@Entity('preauth_utilization')
@Index('preauth_utilization_date', ['preauthId', 'serviceDate'], { unique: true, where: '"reversed_at" IS NULL' })
export class PreauthUtilizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'preauth_id', type: 'uuid' })
  preauthId!: string;

  @ManyToOne(() => PreauthRequestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'preauth_id' })
  preauth?: PreauthRequestEntity;

  @Column({ name: 'service_date', type: 'date' })
  serviceDate!: string;

  @Column({ type: 'int' })
  units!: number;

  @Column({ name: 'recorded_by_key_id', type: 'uuid', nullable: true })
  recordedByKeyId!: string | null;

  /** Recorded beyond the approved units, with staff confirming it (`overAuthorization: true`). */
  @Column({ name: 'over_authorization', type: 'boolean', default: false })
  overAuthorization!: boolean;

  @Column({ name: 'reversed_at', type: 'timestamptz', nullable: true })
  reversedAt!: Date | null;

  @Column({ name: 'reversal_reason', type: 'varchar', length: 500, nullable: true })
  reversalReason!: string | null;

  @Column({ name: 'reversed_by_key_id', type: 'uuid', nullable: true })
  reversedByKeyId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
