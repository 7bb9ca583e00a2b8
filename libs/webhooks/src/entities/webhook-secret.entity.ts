import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PhiColumn } from '@continuum/access';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

/**
 * A subscription's signing secret, encrypted at rest with the PHI keys. After a rotation the previous one
 * keeps signing (a second signature) until `expiresAt`, so the subscriber can switch without a gap.
 */
@Entity('webhook_subscription_secrets')
@Index('webhook_subscription_secrets_subscription', ['subscriptionId'])
export class WebhookSecretEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: WebhookSubscriptionEntity;

  @PhiColumn('webhook_subscription_secrets.secret')
  secret!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Null for the current secret; set when a rotation replaced it. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
