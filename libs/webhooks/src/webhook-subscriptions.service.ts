import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { AuditAction, type AuditContext, AuditService } from '@continuum/audit';
import {
  Clock,
  CommonError,
  CommonErrorCode,
  decodeKeysetCursor,
  encodeKeysetCursor,
  type Page,
  pageOf,
} from '@continuum/common';
import { AppConfig } from '@continuum/config';
import { addToOutbox, JobName, OutboxRelay } from '@continuum/queue';
import { WebhookDeliveryAttemptEntity } from './entities/webhook-delivery-attempt.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEventEntity } from './entities/webhook-event.entity';
import { WebhookSecretEntity } from './entities/webhook-secret.entity';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';
import { generateWebhookSecret } from './standard-webhooks';
import { OutboundUrlPolicy } from '@continuum/outbound';
import type {
  WebhookDeliveryFilter,
  WebhookDeliveryPage,
  WebhookDeliveryView,
  WebhookSecretIssued,
  WebhookSubscriptionChanges,
  WebhookSubscriptionInput,
  WebhookSubscriptionView,
} from './webhooks.types';

const SUBJECT = 'webhook_subscription';
const REPLAYABLE = new Set(['failed', 'cancelled']);

/**
 * Webhook subscriptions (admin): where provider systems want notifications, of which events, signed with a
 * secret shown once. Every change is audited; the URL passes the SSRF guard before it is stored.
 */
@Injectable()
export class WebhookSubscriptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRelay,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly urlPolicy: OutboundUrlPolicy,
    private readonly clock: Clock,
  ) {}

  async create(input: WebhookSubscriptionInput, context: AuditContext): Promise<WebhookSecretIssued> {
    await this.checkUrl(input.url);
    const secret = generateWebhookSecret();
    const id = await this.dataSource.transaction(async (manager) => {
      const subscriptions = manager.getRepository(WebhookSubscriptionEntity);
      const saved = await subscriptions.save(
        subscriptions.create({
          url: input.url,
          eventTypes: unique(input.eventTypes),
          description: input.description ?? null,
          status: 'active',
          createdByKeyId: context.actor.type === 'api_key' ? context.actor.keyId : null,
        }),
      );
      await manager.getRepository(WebhookSecretEntity).insert({ subscriptionId: saved.id, secret, expiresAt: null });
      await this.record(manager, context, AuditAction.WebhookSubscriptionCreate, saved.id, {
        eventTypes: saved.eventTypes.join(','),
      });
      return saved.id;
    });
    return { subscription: await this.get(id), secret, previousSecretExpiresAt: null };
  }

  async list(): Promise<Page<WebhookSubscriptionView>> {
    const subscriptions = await this.dataSource
      .getRepository(WebhookSubscriptionEntity)
      .find({ order: { createdAt: 'ASC', id: 'ASC' } });
    const secrets = await this.signingSecrets(subscriptions.map((s) => s.id));
    return pageOf(subscriptions.map((s) => toView(s, secrets.get(s.id) ?? [])));
  }

  async get(id: string): Promise<WebhookSubscriptionView> {
    const subscription = await this.find(this.dataSource.manager, id);
    return toView(subscription, (await this.signingSecrets([id])).get(id) ?? []);
  }

  async update(
    id: string,
    changes: WebhookSubscriptionChanges,
    context: AuditContext,
  ): Promise<WebhookSubscriptionView> {
    if (changes.url !== undefined) await this.checkUrl(changes.url);
    await this.dataSource.transaction(async (manager) => {
      const subscription = await this.find(manager, id, true);
      if (changes.url !== undefined) subscription.url = changes.url;
      if (changes.eventTypes !== undefined) subscription.eventTypes = unique(changes.eventTypes);
      if (changes.description !== undefined) subscription.description = changes.description;
      if (changes.enabled === true && subscription.status !== 'active') {
        Object.assign(subscription, {
          status: 'active',
          disabledReason: null,
          disabledAt: null,
          consecutiveFailures: 0,
        });
      } else if (changes.enabled === false && subscription.status !== 'disabled') {
        Object.assign(subscription, {
          status: 'disabled',
          disabledReason: 'disabled by an administrator',
          disabledAt: this.clock.now(),
        });
      }
      await manager.getRepository(WebhookSubscriptionEntity).save(subscription);
      await this.record(manager, context, AuditAction.WebhookSubscriptionUpdate, id, {
        fields: Object.keys(changes).sort().join(','),
        status: subscription.status,
      });
    });
    return this.get(id);
  }

  /** Deletes the subscription with its secrets and delivery history; deliveries still queued are dropped. */
  async remove(id: string, context: AuditContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.find(manager, id, true);
      await manager.getRepository(WebhookSubscriptionEntity).delete({ id });
      await this.record(manager, context, AuditAction.WebhookSubscriptionDelete, id, {});
    });
  }

  /**
   * A new secret, shown once. The current one keeps signing (a second signature on every delivery) for the
   * grace period, so the subscriber can switch without missing or rejecting anything.
   */
  async rotateSecret(id: string, context: AuditContext, now = this.clock.now()): Promise<WebhookSecretIssued> {
    const secret = generateWebhookSecret();
    const previousSecretExpiresAt = new Date(now.getTime() + this.config.webhooks.secretGraceMs);
    await this.dataSource.transaction(async (manager) => {
      await this.find(manager, id, true);
      const secrets = manager.getRepository(WebhookSecretEntity);
      await secrets.delete({ subscriptionId: id, expiresAt: LessThanOrEqual(now) });
      // Only the current secret gets a grace period; one still in an earlier grace period keeps its own end.
      await secrets.update({ subscriptionId: id, expiresAt: IsNull() }, { expiresAt: previousSecretExpiresAt });
      await secrets.insert({ subscriptionId: id, secret, expiresAt: null });
      await this.record(manager, context, AuditAction.WebhookSubscriptionRotateSecret, id, {
        previousSecretExpiresAt: previousSecretExpiresAt.toISOString(),
      });
    });
    return { subscription: await this.get(id), secret, previousSecretExpiresAt };
  }

  /** Newest first, with every attempt. */
  async deliveries(id: string, filter: WebhookDeliveryFilter): Promise<WebhookDeliveryPage> {
    await this.find(this.dataSource.manager, id);
    const query = this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .where('d.subscription_id = :id', { id })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .take(filter.limit + 1);
    if (filter.status !== undefined) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.cursor !== undefined) {
      const before = decodeKeysetCursor(filter.cursor);
      query.andWhere('(d.created_at, d.id) < (:at, :lastId)', { at: before.at, lastId: before.id });
    }
    const rows = await query.getMany();
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      data: await this.deliveryViews(page),
      nextCursor:
        rows.length > filter.limit && last !== undefined
          ? encodeKeysetCursor({ at: last.createdAt, id: last.id })
          : null,
    };
  }

  /** Sends a failed (or cancelled) delivery again, as a new round with the full retry schedule. */
  async replay(id: string, deliveryId: string, context: AuditContext): Promise<WebhookDeliveryView> {
    await this.outbox.transaction(async (manager) => {
      // Locked before the delivery, as a delete and the deliverer do: one lock order, no deadlock.
      const subscription = await this.find(manager, id, true);
      const deliveries = manager.getRepository(WebhookDeliveryEntity);
      const delivery = await deliveries.findOne({
        where: { id: deliveryId, subscriptionId: id },
        lock: { mode: 'pessimistic_write' },
      });
      if (delivery === null) {
        throw new CommonError(CommonErrorCode.NotFound, `No delivery ${deliveryId} for subscription ${id}`, {
          id,
          deliveryId,
        });
      }
      if (!REPLAYABLE.has(delivery.status)) {
        throw new CommonError(
          CommonErrorCode.Conflict,
          `Only a failed or cancelled delivery can be replayed; this one is ${delivery.status}`,
          {
            deliveryId,
            status: delivery.status,
          },
        );
      }
      if (subscription.status !== 'active') {
        throw new CommonError(CommonErrorCode.Conflict, 'The subscription is disabled; enable it before replaying', {
          id,
          status: subscription.status,
        });
      }
      delivery.round += 1;
      delivery.status = 'pending';
      delivery.completedAt = null;
      await deliveries.save(delivery);
      await addToOutbox(manager, JobName.WebhookDeliver, {
        deliveryId,
        round: delivery.round,
        correlationId: context.requestId ?? deliveryId,
      });
      await this.record(manager, context, AuditAction.WebhookDeliveryReplay, id, { deliveryId, round: delivery.round });
    });
    const delivery = await this.dataSource.getRepository(WebhookDeliveryEntity).findOneByOrFail({ id: deliveryId });
    const [view] = await this.deliveryViews([delivery]);
    return view;
  }

  private async checkUrl(url: string): Promise<void> {
    const refusal = await this.urlPolicy.check(url);
    if (refusal !== null) throw CommonError.validation([{ field: 'url', messages: [refusal] }]);
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<WebhookSubscriptionEntity> {
    const subscription = await manager
      .getRepository(WebhookSubscriptionEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (subscription === null) {
      throw new CommonError(CommonErrorCode.NotFound, `No webhook subscription with id ${id}`, { id });
    }
    return subscription;
  }

  /** Secrets still signing, without their values. */
  private async signingSecrets(ids: string[]): Promise<Map<string, { createdAt: Date; expiresAt: Date | null }[]>> {
    const bySubscription = new Map<string, { createdAt: Date; expiresAt: Date | null }[]>();
    if (ids.length === 0) return bySubscription;
    const now = this.clock.now();
    const rows = await this.dataSource.getRepository(WebhookSecretEntity).find({
      select: { subscriptionId: true, createdAt: true, expiresAt: true },
      where: [
        { subscriptionId: In(ids), expiresAt: IsNull() },
        { subscriptionId: In(ids), expiresAt: MoreThan(now) },
      ],
      order: { createdAt: 'DESC' },
    });
    for (const row of rows) {
      const list = bySubscription.get(row.subscriptionId) ?? [];
      list.push({ createdAt: row.createdAt, expiresAt: row.expiresAt });
      bySubscription.set(row.subscriptionId, list);
    }
    return bySubscription;
  }

  private async deliveryViews(deliveries: WebhookDeliveryEntity[]): Promise<WebhookDeliveryView[]> {
    if (deliveries.length === 0) return [];
    const ids = deliveries.map((d) => d.id);
    const [events, attempts] = await Promise.all([
      this.dataSource.getRepository(WebhookEventEntity).find({
        select: { id: true, type: true, occurredAt: true },
        where: { id: In([...new Set(deliveries.map((d) => d.eventId))]) },
      }),
      this.dataSource
        .getRepository(WebhookDeliveryAttemptEntity)
        .find({ where: { deliveryId: In(ids) }, order: { id: 'ASC' } }),
    ]);
    const eventById = new Map(events.map((e) => [e.id, e]));
    return deliveries.map((d) => {
      const event = eventById.get(d.eventId) as WebhookEventEntity;
      return {
        id: d.id,
        eventId: d.eventId,
        eventType: event.type,
        occurredAt: event.occurredAt,
        status: d.status,
        round: d.round,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        createdAt: d.createdAt,
        completedAt: d.completedAt,
        attemptLog: attempts
          .filter((a) => a.deliveryId === d.id)
          .map(({ round, attempt, attemptedAt, durationMs, statusCode, error, succeeded }) => ({
            round,
            attempt,
            attemptedAt,
            durationMs,
            statusCode,
            error,
            succeeded,
          })),
      };
    });
  }

  private record(
    manager: EntityManager,
    context: AuditContext,
    action: AuditAction,
    subjectId: string,
    details: Record<string, string | number>,
  ): Promise<void> {
    return this.audit.record(context, { action, subjectType: SUBJECT, subjectId, details }, manager);
  }
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

function toView(
  s: WebhookSubscriptionEntity,
  secrets: { createdAt: Date; expiresAt: Date | null }[],
): WebhookSubscriptionView {
  return {
    id: s.id,
    url: s.url,
    description: s.description,
    eventTypes: s.eventTypes,
    status: s.status,
    disabledReason: s.disabledReason,
    disabledAt: s.disabledAt,
    consecutiveFailures: s.consecutiveFailures,
    secrets,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
