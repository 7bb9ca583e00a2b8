import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, MoreThan } from 'typeorm';
import { AuditAction, AuditService, SYSTEM_CONTEXT } from '@continuum/audit';
import { Clock } from '@continuum/common';
import { AppConfig } from '@continuum/config';
import { type JobContext, OutboxRelay, type WebhookDeliverJob } from '@continuum/queue';
import { WebhookDeliveryAttemptEntity } from './entities/webhook-delivery-attempt.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEventEntity } from './entities/webhook-event.entity';
import { WebhookSecretEntity } from './entities/webhook-secret.entity';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';
import { signWebhook } from './standard-webhooks';
import type { WebhookEnvelope } from './webhook-event-types';
import { postWebhook, WebhookPostError } from './webhook-http';
import { OutboundUrlPolicy } from '@continuum/outbound';

const ERROR_LIMIT = 500;

/** How one attempt went. */
interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** No point trying again (the address is refused): the delivery fails now. */
  final: boolean;
}

class SubscriberFailedError extends Error {}

/**
 * The worker's half of `webhook.deliver`: signs the event with the subscription's secrets (two during a
 * rotation's grace period), POSTs it through the SSRF guard with a timeout, and records the attempt. A 2xx
 * ends the delivery; anything else is thrown back to BullMQ to retry with backoff, and after the last attempt
 * the delivery fails. A subscriber whose deliveries keep failing for good is disabled, with an audit row.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger(WebhookDeliverer.name);
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRelay,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly urlPolicy: OutboundUrlPolicy,
    private readonly clock: Clock,
  ) {}

  async deliver(job: WebhookDeliverJob, context: JobContext): Promise<void> {
    const delivery = await this.dataSource.getRepository(WebhookDeliveryEntity).findOneBy({ id: job.deliveryId });
    if (delivery === null || delivery.round !== job.round || delivery.status !== 'pending') {
      // Done already (a re-run after a crash), replayed as a newer round, or deleted with its subscription.
      await this.outbox.transaction((manager) => this.outbox.complete(manager, context.jobId));
      return;
    }
    const subscription = await this.dataSource
      .getRepository(WebhookSubscriptionEntity)
      .findOneBy({ id: delivery.subscriptionId });
    if (subscription === null || subscription.status !== 'active') {
      await this.outbox.transaction(async (manager) => {
        await manager
          .getRepository(WebhookDeliveryEntity)
          .update(
            { id: delivery.id, round: job.round, status: 'pending' },
            { status: 'cancelled', lastError: 'the subscription is disabled', completedAt: this.clock.now() },
          );
        await this.outbox.complete(manager, context.jobId);
      });
      return;
    }
    const outcome = await this.attempt(subscription, delivery);
    const succeeded = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const lastAttempt = succeeded || outcome.final || context.attempt >= context.maxAttempts;
    await this.outbox.transaction(async (manager) => {
      // The subscription's row before the delivery's: the order a DELETE of the subscription (cascading to its
      // deliveries) and a replay take them in, so none of them can deadlock another.
      const owner = await manager
        .getRepository(WebhookSubscriptionEntity)
        .findOne({ select: { id: true }, where: { id: subscription.id }, lock: { mode: 'pessimistic_write' } });
      if (owner === null) return;
      const current = await manager
        .getRepository(WebhookDeliveryEntity)
        .findOne({ where: { id: delivery.id }, lock: { mode: 'pessimistic_write' } });
      if (current === null || current.round !== job.round || current.status !== 'pending') return;
      await manager.getRepository(WebhookDeliveryAttemptEntity).insert({
        deliveryId: current.id,
        round: current.round,
        attempt: context.attempt,
        attemptedAt: new Date(this.clock.now().getTime() - outcome.durationMs),
        durationMs: outcome.durationMs,
        statusCode: outcome.statusCode,
        error: outcome.error,
        succeeded,
      });
      current.attempts += 1;
      current.lastStatusCode = outcome.statusCode;
      current.lastError = outcome.error;
      if (lastAttempt) {
        current.status = succeeded ? 'succeeded' : 'failed';
        current.completedAt = this.clock.now();
        await this.outbox.complete(manager, context.jobId);
        await this.recordSubscriberHealth(manager, subscription.id, succeeded);
      }
      await manager.getRepository(WebhookDeliveryEntity).save(current);
    });
    this.logger.log(
      {
        deliveryId: delivery.id,
        subscriptionId: subscription.id,
        attempt: context.attempt,
        statusCode: outcome.statusCode,
        durationMs: outcome.durationMs,
        succeeded,
      },
      'webhook delivery attempt',
    );
    // Thrown back so BullMQ schedules the next attempt (exponential backoff with jitter).
    if (!lastAttempt) throw new SubscriberFailedError(outcome.error ?? 'the subscriber did not answer 2xx');
  }

  private async attempt(
    subscription: WebhookSubscriptionEntity,
    delivery: WebhookDeliveryEntity,
  ): Promise<AttemptOutcome> {
    const event = await this.dataSource.getRepository(WebhookEventEntity).findOneByOrFail({ id: delivery.eventId });
    const now = this.clock.now();
    const secrets = await this.dataSource.getRepository(WebhookSecretEntity).find({
      where: [
        { subscriptionId: subscription.id, expiresAt: IsNull() },
        { subscriptionId: subscription.id, expiresAt: MoreThan(now) },
      ],
      order: { createdAt: 'DESC' },
    });
    const envelope: WebhookEnvelope = { type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data };
    const body = JSON.stringify(envelope);
    const url = new URL(subscription.url);
    const started = Date.now();
    try {
      const answer = await postWebhook(
        url,
        body,
        {
          'webhook-id': event.id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signWebhook(
            secrets.map((s) => s.secret),
            event.id,
            now,
            body,
          ),
        },
        { timeoutMs: this.config.webhooks.deliveryTimeoutMs, agent: this.urlPolicy.agentFor(url) },
      );
      const ok = answer.statusCode >= 200 && answer.statusCode < 300;
      return {
        statusCode: answer.statusCode,
        error: ok ? null : `HTTP ${answer.statusCode}`,
        durationMs: answer.durationMs,
        final: false,
      };
    } catch (error) {
      const kind = error instanceof WebhookPostError ? error.kind : 'network';
      const message = error instanceof Error ? error.message : String(error);
      return {
        statusCode: null,
        error: `${kind}: ${message}`.slice(0, ERROR_LIMIT),
        durationMs: Date.now() - started,
        final: kind === 'refused',
      };
    }
  }

  /** A success resets the count; a delivery failed for good adds one, and at the threshold disables the subscriber. */
  private async recordSubscriberHealth(
    manager: EntityManager,
    subscriptionId: string,
    succeeded: boolean,
  ): Promise<void> {
    const subscriptions = manager.getRepository(WebhookSubscriptionEntity);
    if (succeeded) {
      await subscriptions.update({ id: subscriptionId }, { consecutiveFailures: 0 });
      return;
    }
    const [rows] = await manager.query<[{ consecutive_failures: number; status: string }[], number]>(
      `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1
        WHERE id = $1 RETURNING consecutive_failures, status`,
      [subscriptionId],
    );
    const row = rows[0];
    const threshold = this.config.webhooks.disableAfterFailures;
    if (row === undefined || row.status !== 'active' || row.consecutive_failures < threshold) return;
    const reason = `${row.consecutive_failures} deliveries in a row failed after every retry`;
    await subscriptions.update(
      { id: subscriptionId },
      { status: 'disabled', disabledReason: reason, disabledAt: this.clock.now() },
    );
    await this.audit.record(
      SYSTEM_CONTEXT,
      {
        action: AuditAction.WebhookSubscriptionDisable,
        subjectType: 'webhook_subscription',
        subjectId: subscriptionId,
        details: { reason, consecutiveFailures: row.consecutive_failures, threshold },
      },
      manager,
    );
    this.logger.warn(
      { subscriptionId, consecutiveFailures: row.consecutive_failures },
      'webhook subscription disabled',
    );
  }
}
