import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessError, AccessErrorCode } from '@continuum/access';
import { AuditAction, type AuditContext, AuditOutcome, AuditService } from '@continuum/audit';
import { PayerEntity, PayerWebhookSecretEntity } from '@continuum/catalog';
import { Clock, CommonError, decodeKeysetCursor, encodeKeysetCursor, type Page } from '@continuum/common';
import { addToOutbox, JobName, OutboxRelay } from '@continuum/queue';
import { decisionProblems, describeDecisionProblems } from '@continuum/domain';
import { verifyWebhook, type WebhookVerificationFailure } from '@continuum/webhooks';
import { payerIdForFilter } from '../payer-filter';
import { PayerEventEntity, type PayerEventStatus } from '../entities/payer-event.entity';
import { PreauthError, PreauthErrorCode } from '../preauth.errors';
import {
  type PayerEventContent,
  PayerEventContentError,
  parsePayerEventContent,
  payerEventMediaType,
} from './payer-event-content';

export interface PayerCallback {
  payerCode: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as it arrived: the signature covers these bytes. */
  rawBody: Buffer;
  contentType: string | undefined;
}

export interface PayerCallbackReceipt {
  id: string;
  /** True when this `webhook-id` was already received from this payer: acknowledged, nothing changed. */
  duplicate: boolean;
}

export interface PayerEventFilter {
  status?: PayerEventStatus;
  payerCode?: string;
  limit: number;
  cursor?: string;
}

/** A stored callback as staff see it: what it said and what became of it, without the body (it may hold PHI). */
export interface PayerEventView {
  id: string;
  payerCode: string;
  webhookId: string;
  receivedAt: Date;
  signedAt: Date;
  mediaType: 'json' | 'x12';
  eventType: string;
  traceNumber: string;
  status: PayerEventStatus;
  preauthId: string | null;
  outcome: string | null;
  processedAt: Date | null;
}

export type PayerEventPage = Page<PayerEventView>;

const PAYER_CODE_LIMIT = 80;

/**
 * The front door for payer callbacks: verifies the Standard Webhooks signature over the raw bytes against
 * each of the payer's secrets, checks the body says something we understand, stores it once per
 * `webhook-id`, and owes a `payer.event` job to apply it. Anything unauthenticated is a 401 that leaves only
 * a security audit row. Staff list what arrived, unmatched trace numbers first among what needs a look.
 */
@Injectable()
export class PayerEventsService {
  private readonly logger = new Logger(PayerEventsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRelay,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async receive(callback: PayerCallback, context: AuditContext, now = this.clock.now()): Promise<PayerCallbackReceipt> {
    const payer = await this.dataSource
      .getRepository(PayerEntity)
      .findOne({ select: { id: true, code: true, active: true }, where: { code: callback.payerCode } });
    const secrets =
      payer === null || !payer.active
        ? []
        : await this.dataSource.getRepository(PayerWebhookSecretEntity).find({ where: { payerId: payer.id } });
    if (payer === null || !payer.active || secrets.length === 0) {
      return this.deny(
        callback.payerCode,
        payer,
        'unknown_payer',
        'No active payer with this code takes callbacks',
        context,
      );
    }
    const verification = verifyWebhook(
      callback.headers,
      callback.rawBody,
      secrets.map((s) => s.secret),
      now,
    );
    if (!verification.ok)
      return this.deny(callback.payerCode, payer, verification.reason, verification.message, context);

    const mediaType = payerEventMediaType(callback.contentType);
    let content: PayerEventContent;
    try {
      content = parsePayerEventContent(callback.contentType, callback.rawBody);
    } catch (error) {
      if (!(error instanceof PayerEventContentError)) throw error;
      this.logger.warn(
        { payerCode: payer.code, webhookId: verification.webhookId, fields: error.problems.map((p) => p.field) },
        'payer callback refused: not a payer event we understand',
      );
      throw CommonError.validation(error.problems);
    }
    // What the answer alone shows to be wrong is refused now (422), so the payer hears of it; what needs the
    // request (more units than asked, …) is refused by the worker and recorded as a `refused` payer event.
    const problems =
      content.kind === 'decision'
        ? decisionProblems({ ...content, decidedAt: content.decidedAt ?? verification.timestamp }, now)
        : [];
    if (problems.length > 0) {
      this.logger.warn(
        { payerCode: payer.code, webhookId: verification.webhookId, fields: problems.map((p) => p.field) },
        'payer callback refused: the decision breaks the decision checks',
      );
      throw new PreauthError(
        PreauthErrorCode.DecisionRefused,
        `Payer decision refused: ${describeDecisionProblems(problems)}`,
        { fields: problems },
      );
    }
    return this.outbox.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PayerEventEntity)
        .values({
          payerId: payer.id,
          webhookId: verification.webhookId,
          signedAt: verification.timestamp,
          receivedAt: now,
          mediaType: mediaType ?? 'json',
          body: callback.rawBody.toString('base64'),
          eventType: content.kind === 'decision' ? content.type : 'rejection',
          traceNumber: content.traceNumber,
          status: 'received',
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const created = (inserted.raw as { id: string }[])[0];
      if (created === undefined) {
        const earlier = await manager
          .getRepository(PayerEventEntity)
          .findOneOrFail({ select: { id: true }, where: { payerId: payer.id, webhookId: verification.webhookId } });
        return { id: earlier.id, duplicate: true };
      }
      await addToOutbox(manager, JobName.PayerEvent, {
        eventId: created.id,
        correlationId: context.requestId ?? created.id,
      });
      return { id: created.id, duplicate: false };
    });
  }

  /** Newest first. `status=unmatched` is the report of callbacks no request claimed. */
  async list(filter: PayerEventFilter): Promise<PayerEventPage> {
    const query = this.dataSource
      .getRepository(PayerEventEntity)
      .createQueryBuilder('e')
      .innerJoin(PayerEntity, 'p', 'p.id = e.payer_id')
      .select(['e.id', 'e.webhookId', 'e.receivedAt', 'e.signedAt', 'e.mediaType', 'e.eventType'])
      .addSelect(['e.traceNumber', 'e.status', 'e.preauthId', 'e.outcome', 'e.processedAt', 'e.payerId'])
      .addSelect('p.code', 'payer_code')
      .orderBy('e.received_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(filter.limit + 1);
    if (filter.status !== undefined) query.andWhere('e.status = :status', { status: filter.status });
    if (filter.payerCode !== undefined) {
      query.andWhere('p.id = :payerId', { payerId: await payerIdForFilter(this.dataSource, filter.payerCode) });
    }
    if (filter.cursor !== undefined) {
      const before = decodeKeysetCursor(filter.cursor);
      query.andWhere('(e.received_at, e.id) < (:at, :lastId)', { at: before.at, lastId: before.id });
    }
    const { entities, raw } = await query.getRawAndEntities<{ payer_code: string }>();
    const codeByPayer = new Map(entities.map((e, i) => [e.payerId, raw[i]?.payer_code ?? '']));
    const page = entities.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      data: page.map((e) => ({
        id: e.id,
        payerCode: codeByPayer.get(e.payerId) ?? '',
        webhookId: e.webhookId,
        receivedAt: e.receivedAt,
        signedAt: e.signedAt,
        mediaType: e.mediaType,
        eventType: e.eventType,
        traceNumber: e.traceNumber,
        status: e.status,
        preauthId: e.preauthId,
        outcome: e.outcome,
        processedAt: e.processedAt,
      })),
      nextCursor:
        entities.length > filter.limit && last !== undefined
          ? encodeKeysetCursor({ at: last.receivedAt, id: last.id })
          : null,
    };
  }

  private async deny(
    payerCode: string,
    payer: Pick<PayerEntity, 'id' | 'code'> | null,
    reason: WebhookVerificationFailure | 'unknown_payer',
    message: string,
    context: AuditContext,
  ): Promise<never> {
    try {
      await this.audit.record(
        { ...context, actor: payer === null ? { type: 'anonymous' } : { type: 'payer', payerCode: payer.code } },
        {
          action: AuditAction.PayerWebhookDeny,
          subjectType: 'payer',
          subjectId: payer?.id ?? null,
          outcome: AuditOutcome.Denied,
          details: { payerCode: payerCode.slice(0, PAYER_CODE_LIMIT), reason },
        },
      );
    } catch (error) {
      // The refusal stands even when it cannot be written down.
      this.logger.error({ err: (error as Error).message }, 'could not audit a refused payer callback');
    }
    throw new AccessError(AccessErrorCode.Unauthorized, message, { reason });
  }
}
