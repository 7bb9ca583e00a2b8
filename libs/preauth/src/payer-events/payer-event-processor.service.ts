import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@continuum/common';
import { type JobContext, OutboxRelay, type PayerEventJob } from '@continuum/queue';
import { PayerEventEntity } from '../entities/payer-event.entity';
import { PreauthSubmissionEntity } from '../entities/preauth-submission.entity';
import { PreauthDecisionsService } from '../preauth-decisions.service';
import { lockRequest, recordEvent } from '../preauth-history';
import {
  PAYER_EVENT_CONTENT_TYPES,
  type PayerEventContent,
  PayerEventContentError,
  parsePayerEventContent,
} from './payer-event-content';

const OUTCOME_LIMIT = 500;

/** The callback outran our own record of sending the request; BullMQ tries again shortly. */
export class SubmissionNotYetSentError extends Error {}

/**
 * The worker's half of `payer.event`: applies one stored callback to the request its trace number names,
 * through the same decision rules as every other answer (the state machine, and `decidedAt` against the last
 * answer applied, so a late "pended" never undoes an approval). Runs at most once per event.
 */
@Injectable()
export class PayerEventProcessor {
  private readonly logger = new Logger(PayerEventProcessor.name);

  constructor(
    private readonly outbox: OutboxRelay,
    private readonly decisions: PreauthDecisionsService,
    private readonly clock: Clock,
  ) {}

  async process(job: PayerEventJob, context: JobContext): Promise<void> {
    await this.outbox.transaction(async (manager) => {
      const event = await manager
        .getRepository(PayerEventEntity)
        .findOne({ where: { id: job.eventId }, lock: { mode: 'pessimistic_write' } });
      if (event !== null && event.status === 'received') await this.apply(manager, event);
      await this.outbox.complete(manager, context.jobId);
    });
  }

  private async apply(manager: EntityManager, event: PayerEventEntity): Promise<void> {
    let content: PayerEventContent;
    try {
      content = parsePayerEventContent(PAYER_EVENT_CONTENT_TYPES[event.mediaType], Buffer.from(event.body, 'base64'));
    } catch (error) {
      // Checked before it was stored, so only a change of the parser gets here: keep it, say why, move on.
      if (!(error instanceof PayerEventContentError)) throw error;
      await manager
        .getRepository(PayerEventEntity)
        .update(
          { id: event.id },
          { status: 'ignored', outcome: error.message.slice(0, OUTCOME_LIMIT), processedAt: this.clock.now() },
        );
      return;
    }
    const submission = await manager
      .getRepository(PreauthSubmissionEntity)
      .createQueryBuilder('s')
      .innerJoin('preauth_requests', 'r', 'r.id = s.preauth_id')
      .where('s.trace_number = :trace AND r.payer_id = :payerId', {
        trace: content.traceNumber,
        payerId: event.payerId,
      })
      .getOne();
    const finish = (status: PayerEventEntity['status'], outcome: string | null, preauthId: string | null) =>
      manager
        .getRepository(PayerEventEntity)
        .update(
          { id: event.id },
          { status, outcome: outcome?.slice(0, OUTCOME_LIMIT) ?? null, preauthId, processedAt: this.clock.now() },
        );
    if (submission === null) {
      this.logger.warn(
        { payerEventId: event.id, payerId: event.payerId, traceNumber: content.traceNumber },
        'payer callback for an unknown trace number; kept as unmatched',
      );
      await finish('unmatched', `no request sent to this payer has trace number ${content.traceNumber}`, null);
      return;
    }
    if (submission.state === 'pending') {
      throw new SubmissionNotYetSentError(`submission ${submission.id} is not recorded as sent yet`);
    }
    const request = await lockRequest(manager, submission.preauthId);
    if (content.kind === 'rejection') {
      const codes = content.rejections.map((r) => r.code).join(', ');
      const reason = `the payer reported rejection codes ${codes} after accepting the request`;
      await recordEvent(manager, request, 'payer_event_ignored', {
        source: 'payer',
        at: this.clock.now(),
        reason,
        details: { payerEventId: event.id, traceNumber: content.traceNumber },
      });
      await finish('ignored', reason, request.id);
      return;
    }
    const result = await this.decisions.apply(
      manager,
      request,
      {
        action: content.action,
        authorizationNumber: content.authorizationNumber,
        approvedUnits: content.approvedUnits,
        unitType: content.unitType,
        validFrom: content.validFrom,
        validTo: content.validTo,
        reasonCode: content.reasonCode,
        reasonText: content.reasonText,
        payerReference: content.payerReference,
        ...decisionTimeOf(event, content.decidedAt),
      },
      'payer',
      { payerEventId: event.id },
    );
    await finish(result.outcome, result.reason, request.id);
  }
}

/**
 * When the payer decided, for ordering its answers. A JSON callback says so (`decidedAt`); one that does not
 * is taken at its signed send time. An X12 278 dates itself only to the minute (BHT04/05), too coarse to
 * order a pend and the decision that follows it, so its exact signed send time is used, as an X12 answer
 * received synchronously is dated by its arrival. The signed time is whole seconds (webhook-timestamp): it
 * is ordered at that precision, so it is not taken for older than an answer from earlier in the same second.
 */
function decisionTimeOf(
  event: PayerEventEntity,
  stated: Date | null,
): { decidedAt: Date; decidedAtPrecisionMs: number } {
  if (event.mediaType === 'x12' || stated === null) return { decidedAt: event.signedAt, decidedAtPrecisionMs: 1000 };
  return { decidedAt: stated, decidedAtPrecisionMs: 1 };
}
