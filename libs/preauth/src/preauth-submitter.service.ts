import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PayerEntity } from '@continuum/catalog';
import { Clock } from '@continuum/common';
import { levelOfCare, PreauthStatus } from '@continuum/domain';
import {
  type GatewayOutcome,
  type GatewaySubmission,
  PayerGateway,
  RefusedDestinationError,
  RetryableGatewayError,
} from '@continuum/payer-gateway';
import { type JobContext, OutboxRelay, type PreauthSubmitJob } from '@continuum/queue';
import { PreauthRequestEntity } from './entities/preauth-request.entity';
import { PreauthSubmissionEntity } from './entities/preauth-submission.entity';
import { PreauthDecisionsService } from './preauth-decisions.service';
import { applyTransition, lockRequest, recordEvent } from './preauth-history';
import { queueSubmission } from './preauth-submissions';
import type { PreauthInput } from './preauth.types';

const ERROR_LIMIT = 500;
/** Statuses in which a submission of that kind is still wanted. */
const WAITING_FOR: Record<PreauthSubmissionEntity['kind'], PreauthStatus | null> = {
  initial: PreauthStatus.Queued,
  extension: PreauthStatus.ExtensionQueued,
  // A cancellation is sent whatever the status: the request is already cancelled on our side.
  cancel: null,
};

/**
 * The worker's half of `preauth.submit`: re-loads the submission, skips it when it is no longer wanted,
 * sends it through the payer's gateway adapter with its trace number, and records the outcome. A network
 * error or 5xx is thrown back to BullMQ to retry with backoff; on the last attempt, or at once when the
 * endpoint's address is refused, the request becomes `submission_failed` for staff to retry.
 */
@Injectable()
export class PreauthSubmitter {
  private readonly logger = new Logger(PreauthSubmitter.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateway: PayerGateway,
    private readonly decisions: PreauthDecisionsService,
    private readonly outbox: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async submit(job: PreauthSubmitJob, context: JobContext): Promise<void> {
    const loaded = await this.loadSubmission(job);
    if (loaded === null || loaded.submission.round !== job.round || loaded.submission.state !== 'pending') {
      // Already done (a re-run after a crash, a re-driven duplicate) or superseded by a staff retry.
      await this.outbox.transaction((manager) => this.outbox.complete(manager, context.jobId));
      return;
    }
    const { submission, request, payer } = loaded;
    const wanted = WAITING_FOR[submission.kind];
    if (wanted !== null && request.status !== wanted) {
      await this.outbox.transaction(async (manager) => {
        await manager.getRepository(PreauthSubmissionEntity).update({ id: submission.id }, { state: 'withdrawn' });
        await this.outbox.complete(manager, context.jobId);
      });
      this.logger.log({ preauthId: request.id, status: request.status }, 'submission no longer wanted; not sent');
      return;
    }
    let outcome: GatewayOutcome;
    const started = Date.now();
    try {
      outcome = await this.gateway.submit(toGatewaySubmission(request, submission, payer));
    } catch (error) {
      await this.recordFailedAttempt(request.id, submission.id, error, context);
      return;
    }
    this.logger.log(
      {
        preauthId: request.id,
        traceNumber: submission.traceNumber,
        outcome: outcome.kind,
        durationMs: Date.now() - started,
      },
      'submission delivered',
    );
    await this.outbox.transaction((manager) => this.recordOutcome(manager, submission.id, outcome, context));
  }

  /** The submission with its request (PHI decrypted) and the request's payer, in one query; null when gone. */
  private async loadSubmission(job: PreauthSubmitJob): Promise<LoadedSubmission | null> {
    const submission = (await this.dataSource
      .getRepository(PreauthSubmissionEntity)
      .createQueryBuilder('submission')
      .innerJoinAndMapOne(
        'submission.request',
        PreauthRequestEntity,
        'request',
        'request.id = submission.preauthId AND request.id = :preauthId',
        { preauthId: job.preauthId },
      )
      .innerJoinAndMapOne('submission.payer', PayerEntity, 'payer', 'payer.id = request.payerId')
      .where('submission.id = :id', { id: job.submissionId })
      .getOne()) as (PreauthSubmissionEntity & Omit<LoadedSubmission, 'submission'>) | null;
    if (submission === null) return null;
    // Taken off again: the submission must not carry decrypted PHI to wherever it is passed or logged next.
    const { request, payer, ...columns } = submission;
    return { submission: Object.assign(new PreauthSubmissionEntity(), columns), request, payer };
  }

  private async recordOutcome(
    manager: EntityManager,
    submissionId: string,
    outcome: GatewayOutcome,
    context: JobContext,
  ): Promise<void> {
    const submissions = manager.getRepository(PreauthSubmissionEntity);
    const submission = await submissions.findOne({ where: { id: submissionId }, lock: { mode: 'pessimistic_write' } });
    if (submission === null || submission.state !== 'pending') return;
    const request = await lockRequest(manager, submission.preauthId);
    const now = this.clock.now();
    const sent: Partial<PreauthSubmissionEntity> = {
      attempts: submission.attempts + 1,
      state: outcome.kind === 'rejected' ? 'rejected' : 'sent',
      sentAt: now,
      lastError: outcome.kind === 'rejected' ? `${outcome.code}: ${outcome.message}`.slice(0, ERROR_LIMIT) : null,
    };
    if (outcome.kind !== 'manual' && outcome.x12Request !== null) {
      sent.x12Request = outcome.x12Request;
      sent.x12SentAt = now;
    }
    await submissions.update({ id: submission.id }, sent);
    Object.assign(submission, sent);
    await this.outbox.complete(manager, context.jobId);

    if (submission.kind === 'cancel') {
      await recordEvent(manager, request, 'cancellation_sent', {
        source: 'worker',
        at: now,
        reason: outcome.kind === 'rejected' ? `payer refused the cancellation: ${outcome.code}` : null,
        details: { traceNumber: submission.traceNumber },
      });
      return;
    }
    if (request.status !== WAITING_FOR[submission.kind]) {
      // Cancelled while the payer was being called: the payer has it now, so tell it.
      if (request.status === PreauthStatus.Cancelled && outcome.kind === 'delivered') {
        await queueSubmission(manager, request, 'cancel', submission, request.id);
      }
      return;
    }
    const facts = { source: 'worker' as const, at: now, details: { traceNumber: submission.traceNumber } };
    switch (outcome.kind) {
      case 'rejected':
        await applyTransition(
          manager,
          request,
          { kind: 'rejected' },
          { ...facts, reason: outcome.message },
          {
            statusReasonCode: outcome.code.slice(0, 40),
            statusReason: outcome.message.slice(0, ERROR_LIMIT),
          },
        );
        return;
      case 'manual':
        await applyTransition(
          manager,
          request,
          { kind: 'sent' },
          {
            ...facts,
            reason: 'manual payer: staff send the request and record the answer',
          },
        );
        return;
      case 'delivered': {
        const sent = await applyTransition(manager, request, { kind: 'sent' }, facts, {
          payerReference: outcome.payerReference ?? request.payerReference,
          statusReasonCode: null,
          statusReason: null,
        });
        if (outcome.decision !== null) {
          await this.decisions.apply(
            manager,
            sent,
            {
              ...outcome.decision,
              decidedAt: new Date(outcome.decision.decidedAt),
              payerReference: outcome.payerReference,
            },
            'payer',
          );
        }
        return;
      }
    }
  }

  private async recordFailedAttempt(
    preauthId: string,
    submissionId: string,
    error: unknown,
    context: JobContext,
  ): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_LIMIT);
    // A refused destination stays refused until the catalog changes: no further attempts.
    const refused = error instanceof RefusedDestinationError;
    const lastAttempt = refused || context.attempt >= context.maxAttempts;
    if (refused) {
      this.logger.warn({ preauthId, err: message, attempt: context.attempt }, 'payer endpoint refused; not retried');
    } else if (!(error instanceof RetryableGatewayError)) {
      this.logger.error({ preauthId, err: message, attempt: context.attempt }, 'gateway adapter failed unexpectedly');
    }
    await this.outbox.transaction(async (manager) => {
      const request = await lockRequest(manager, preauthId);
      const submissions = manager.getRepository(PreauthSubmissionEntity);
      const submission = await submissions.findOneByOrFail({ id: submissionId });
      if (submission.state !== 'pending') return;
      const attempt: Partial<PreauthSubmissionEntity> = { attempts: submission.attempts + 1, lastError: message };
      const now = this.clock.now();
      if ((error instanceof RetryableGatewayError || refused) && error.x12Request !== null) {
        attempt.x12Request = error.x12Request;
        attempt.x12SentAt = now;
      }
      if (lastAttempt) attempt.state = 'failed';
      await submissions.update({ id: submission.id }, attempt);
      const details = { traceNumber: submission.traceNumber, attempt: context.attempt, of: context.maxAttempts };
      const facts = { source: 'worker' as const, at: now, reason: message, details };
      if (!lastAttempt) {
        await recordEvent(manager, request, 'delivery_attempt_failed', facts);
        return;
      }
      await this.outbox.complete(manager, context.jobId);
      if (submission.kind === 'cancel') {
        await recordEvent(manager, request, 'delivery_attempt_failed', facts);
      } else if (request.status === WAITING_FOR[submission.kind]) {
        await applyTransition(manager, request, { kind: 'delivery_failed' }, facts, {
          statusReasonCode: 'delivery_failed',
          statusReason: message,
        });
      }
    });
    // Thrown back so BullMQ schedules the next attempt (with backoff and jitter).
    if (!lastAttempt) throw error;
  }
}

interface LoadedSubmission {
  submission: PreauthSubmissionEntity;
  request: PreauthRequestEntity;
  payer: PayerEntity;
}

/** The payer-facing view of one submission: PHI decrypted, in memory only. */
function toGatewaySubmission(
  request: PreauthRequestEntity,
  submission: PreauthSubmissionEntity,
  payer: PayerEntity,
): GatewaySubmission {
  const definition = levelOfCare(request.levelOfCare);
  const patient = JSON.parse(request.patient) as PreauthInput['patient'];
  return {
    payer: {
      id: payer.id,
      code: payer.code,
      name: payer.name,
      x12PayerId: payer.x12PayerId,
      connectionType: payer.connectionType,
      endpointUrl: payer.endpointUrl,
    },
    request: {
      traceNumber: submission.traceNumber,
      certificationType: submission.kind,
      authorizationNumber: submission.kind === 'initial' ? null : request.authorizationNumber,
      urgency: request.urgency,
      levelOfCare: request.levelOfCare,
      serviceTypeCode: definition.x12ServiceTypeCodes[0] ?? 'MH',
      placeOfService: request.placeOfService,
      patient,
      member: { memberId: request.memberId, planId: request.planId },
      requestingProvider: request.requestingProvider,
      servicingProvider: request.servicingProvider,
      diagnoses: JSON.parse(request.diagnoses) as string[],
      serviceLines:
        submission.kind === 'initial'
          ? request.serviceLines
          : request.serviceLines.slice(0, 1).map((line) => ({ ...line, units: submission.requestedUnits })),
      requestedUnits: submission.requestedUnits,
      unitType: request.unitType,
      deliveryPattern: submission.kind === 'initial' ? request.deliveryPattern : null,
      startDate: submission.periodStart,
      endDate: submission.periodEnd,
      clinicalSummary: request.clinicalSummary,
    },
  };
}
