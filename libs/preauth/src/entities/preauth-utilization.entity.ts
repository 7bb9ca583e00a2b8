import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PreauthRequestEntity } from './preauth-request.entity';

/** Units used on one service date under an authorization. One row per date: a second is a correction, not a sum. */
@Entity('preauth_utilization')
@Index('preauth_utilization_date', ['preauthId', 'serviceDate'], { unique: true })
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
