import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { addToOutbox, JobName } from '@continuum/queue';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEventEntity } from './entities/webhook-event.entity';
import type { WebhookEventData, WebhookEventType } from './webhook-event-types';

/**
 * Announces an event to every active subscription that asked for its type, in the caller's transaction: the
 * event, one delivery per subscriber and their `webhook.deliver` jobs commit (or roll back) with the change
 * they describe. With no subscriber it costs one indexed query and writes nothing.
 */
export async function publishWebhookEvent<T extends WebhookEventType>(
  manager: EntityManager,
  type: T,
  data: WebhookEventData[T],
  occurredAt = new Date(),
): Promise<void> {
  // KEY SHARE (what the deliveries' foreign key takes anyway) holds off a concurrent delete until this commits,
  // and skips a subscription deleted meanwhile instead of failing the caller's transaction on the foreign key.
  const subscriptions = await manager.query<{ id: string }[]>(
    `SELECT id FROM webhook_subscriptions WHERE status = 'active' AND $1 = ANY(event_types) FOR KEY SHARE`,
    [type],
  );
  if (subscriptions.length === 0) return;
  const eventId = `msg_${randomUUID()}`;
  await manager.getRepository(WebhookEventEntity).insert({ id: eventId, type, data, occurredAt });
  const deliveries = await manager
    .getRepository(WebhookDeliveryEntity)
    .createQueryBuilder()
    .insert()
    .values(subscriptions.map(({ id }) => ({ eventId, subscriptionId: id })))
    .returning(['id'])
    .execute();
  for (const { id } of deliveries.raw as { id: string }[]) {
    await addToOutbox(manager, JobName.WebhookDeliver, { deliveryId: id, round: 1, correlationId: eventId });
  }
}
