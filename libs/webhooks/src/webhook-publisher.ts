import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { insertRows } from '@continuum/database';
import { addManyToOutbox, JobName } from '@continuum/queue';
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
  occurredAt: Date,
): Promise<void> {
  await publishWebhookEvents(manager, type, [{ data, occurredAt }]);
}

/** `publishWebhookEvent` for several events of one type, in one statement per table. */
export async function publishWebhookEvents<T extends WebhookEventType>(
  manager: EntityManager,
  type: T,
  events: readonly { data: WebhookEventData[T]; occurredAt: Date }[],
): Promise<void> {
  if (events.length === 0) return;
  const subscriptions = await subscribersOf(manager, type);
  if (subscriptions.length === 0) return;
  const rows = events.map(({ data, occurredAt }) => ({ id: `msg_${randomUUID()}`, type, data, occurredAt }));
  await insertRows(manager, WebhookEventEntity, rows);
  const deliveries = rows.flatMap((event) =>
    subscriptions.map(({ id }) => ({ id: randomUUID(), eventId: event.id, subscriptionId: id })),
  );
  await insertRows(manager, WebhookDeliveryEntity, deliveries);
  await addManyToOutbox(
    manager,
    JobName.WebhookDeliver,
    deliveries.map((delivery) => ({ deliveryId: delivery.id, round: 1, correlationId: delivery.eventId })),
  );
}

/** The subscribers each open transaction has looked up, by event type (see `subscribersOf`). */
const subscribersByTransaction = new WeakMap<EntityManager, Map<WebhookEventType, readonly { id: string }[]>>();

/**
 * The active subscriptions to `type`. KEY SHARE (what the deliveries' foreign key takes anyway) holds off a
 * concurrent delete until the caller's transaction commits, and skips a subscription deleted meanwhile
 * instead of failing that transaction on the foreign key. Within one transaction the answer is looked up
 * once per type (a submission answered at once announces two status changes): what was subscribed when the
 * transaction first asked is what it announces to.
 */
async function subscribersOf(manager: EntityManager, type: WebhookEventType): Promise<readonly { id: string }[]> {
  const inTransaction = manager.queryRunner?.isTransactionActive === true;
  const known = inTransaction ? subscribersByTransaction.get(manager)?.get(type) : undefined;
  if (known !== undefined) return known;
  const subscriptions = await manager.query<{ id: string }[]>(
    `SELECT id FROM webhook_subscriptions WHERE status = 'active' AND $1 = ANY(event_types) FOR KEY SHARE`,
    [type],
  );
  if (inTransaction) {
    const byType = subscribersByTransaction.get(manager) ?? new Map<WebhookEventType, readonly { id: string }[]>();
    byType.set(type, subscriptions);
    subscribersByTransaction.set(manager, byType);
  }
  return subscriptions;
}
