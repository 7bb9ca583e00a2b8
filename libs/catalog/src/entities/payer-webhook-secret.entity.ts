import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PayerEntity } from './payer.entity';
import { PhiColumn } from '@continuum/access';

/**
 * A payer's webhook signing secret. Several may be active at once so a payer can rotate without downtime.
 * Write-only through the API, and encrypted at rest with the same keys as PHI.
 */
@Entity('payer_webhook_secrets')
@Index('payer_webhook_secrets_payer_idx', ['payerId'])
export class PayerWebhookSecretEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'payer_id', type: 'uuid' })
  payerId!: string;

  @ManyToOne(() => PayerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'payer_id' })
  payer?: PayerEntity;

  @PhiColumn('payer_webhook_secrets.secret')
  secret!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
