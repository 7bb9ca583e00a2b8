import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WebhookEventData, WebhookEventType } from '../webhook-event-types';

/** One outbound event, kept once however many subscribers get it. Its id is the `webhook-id` they dedupe on. */
@Entity('webhook_events')
export class WebhookEventEntity {
  /** `msg_` and a UUID. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  type!: WebhookEventType;

  @Column({ type: 'jsonb' })
  data!: WebhookEventData[WebhookEventType];

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
