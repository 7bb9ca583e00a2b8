import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { stringify } from 'safe-stable-stringify';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { PhiProtection } from '@continuum/access';
import { AuditAction, type AuditContext, AuditService } from '@continuum/audit';
import { CatalogSnapshotService } from '@continuum/catalog';
import { CommonError, type FieldError } from '@continuum/common';
import { daysBetween, decisionDueAt, levelOfCare, PreauthStatus } from '@continuum/domain';
import { OutboxRelay } from '@continuum/queue';
import { PreauthRequestEntity } from './entities/preauth-request.entity';
import { recordEvent } from './preauth-history';
import { queueSubmission } from './preauth-submissions';
import { PreauthError, PreauthErrorCode } from './preauth.errors';
import type { PreauthAcceptedAnswer, PreauthInput } from './preauth.types';
import { newTraceNumber } from './trace-number';

export const PREAUTH_SUBJECT = 'preauth';

export interface IntakeResult {
  answer: PreauthAcceptedAnswer;
  /** True when this was a repeat of an accepted request (same key, same body): nothing new was written. */
  replayed: boolean;
}

/**
 * Accepts pre-auth requests. One transaction writes the request (PHI encrypted), its submission, its first
 * event and the outbox row for `preauth.submit`; the job is relayed after the commit, and the outbox sweep
 * relays it later if Redis is down now. `Idempotency-Key` makes a retried POST safe.
 */
@Injectable()
export class PreauthIntakeService {
  constructor(
    private readonly catalog: CatalogSnapshotService,
    private readonly phi: PhiProtection,
    private readonly outbox: OutboxRelay,
    private readonly audit: AuditService,
  ) {}

  async submit(
    input: PreauthInput,
    idempotencyKey: string,
    context: AuditContext,
    now = new Date(),
  ): Promise<IntakeResult> {
    const scope = idempotencyScopeOf(context);
    const fingerprint = this.phi.fingerprint(stringify(input) ?? '');
    const checked = this.check(input);
    return this.outbox
      .transaction(async (manager): Promise<IntakeResult> => {
        // Held until commit: a concurrent request with the same key is told to wait (409), not raced.
        const [{ locked }] = await manager.query<[{ locked: boolean }]>(
          'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked',
          [`preauth-idempotency:${scope}:${idempotencyKey}`],
        );
        if (!locked) throw inFlight(idempotencyKey);
        const earlier = await manager.getRepository(PreauthRequestEntity).findOne({
          where: { idempotencyScope: scope, idempotencyKey },
          select: { id: true, requestFingerprint: true, acceptedAnswer: true },
        });
        if (earlier !== null) {
          if (earlier.requestFingerprint !== fingerprint) {
            throw new PreauthError(
              PreauthErrorCode.IdempotencyKeyReused,
              'This Idempotency-Key was already used with a different request body; use a new key for a new request',
              { idempotencyKey },
            );
          }
          return { answer: earlier.acceptedAnswer, replayed: true };
        }
        const answer = await this.create(manager, input, checked, { scope, idempotencyKey, fingerprint }, context, now);
        return { answer, replayed: false };
      })
      .catch((error: unknown) => {
        // Two first requests with one key that both missed the lock window: the unique index decides.
        if (error instanceof QueryFailedError && /preauth_requests_idempotency_key/.test(error.message)) {
          throw inFlight(idempotencyKey);
        }
        throw error;
      });
  }

  /** Checks what the DTO cannot: the plan exists, dates are in order, units fit the period. */
  private check(input: PreauthInput): CheckedIntake {
    const problems: FieldError[] = [];
    const snapshot = this.catalog.current();
    const plan = snapshot.plan(input.planId);
    const payer = plan === undefined ? undefined : snapshot.payer(plan.payerId);
    if (plan === undefined || !plan.active || payer === undefined || !payer.active) {
      problems.push({ field: 'planId', messages: [`no active plan with id ${input.planId}`] });
    }
    if (input.requestedEndDate < input.requestedStartDate) {
      problems.push({
        field: 'requestedEndDate',
        messages: ['requestedEndDate must not be before requestedStartDate'],
      });
    }
    const unitType = input.serviceLines[0]?.unitType ?? 'day';
    const requestedUnits = input.serviceLines
      .filter((line) => line.unitType === unitType)
      .reduce((sum, line) => sum + line.units, 0);
    const periodDays = daysBetween(input.requestedStartDate, input.requestedEndDate) + 1;
    if (unitType === 'day' && problems.length === 0 && requestedUnits > periodDays) {
      problems.push({
        field: 'serviceLines',
        messages: [`${requestedUnits} days asked for, but the period from start to end has only ${periodDays}`],
      });
    }
    if (problems.length > 0 || plan === undefined || payer === undefined) throw CommonError.validation(problems);
    return { payerId: payer.id, decisionTimes: payer.decisionTimes, requestedUnits, unitType };
  }

  private async create(
    manager: EntityManager,
    input: PreauthInput,
    checked: CheckedIntake,
    idempotency: { scope: string; idempotencyKey: string; fingerprint: string },
    context: AuditContext,
    now: Date,
  ): Promise<PreauthAcceptedAnswer> {
    const requests = manager.getRepository(PreauthRequestEntity);
    const id = randomUUID();
    const traceNumber = newTraceNumber();
    const dueAt = decisionDueAt(now, input.urgency, checked.decisionTimes);
    const answer: PreauthAcceptedAnswer = { id, status: 'queued', traceNumber, decisionDueAt: dueAt.toISOString() };
    const request = requests.create({
      id,
      idempotencyScope: idempotency.scope,
      idempotencyKey: idempotency.idempotencyKey,
      requestFingerprint: idempotency.fingerprint,
      status: PreauthStatus.Queued,
      payerId: checked.payerId,
      planId: input.planId,
      levelOfCare: input.levelOfCare,
      urgency: input.urgency,
      patient: JSON.stringify(input.patient),
      memberId: input.memberId,
      memberIdIndex: this.phi.memberIdIndex(input.memberId),
      diagnoses: JSON.stringify(input.diagnoses),
      clinicalSummary: input.clinicalSummary,
      requestingProvider: input.requestingProvider,
      servicingProvider: input.servicingProvider,
      serviceLines: input.serviceLines,
      requestedUnits: checked.requestedUnits,
      unitType: checked.unitType,
      deliveryPattern: input.deliveryPattern ?? null,
      placeOfService: input.placeOfService ?? levelOfCare(input.levelOfCare).placesOfService[0] ?? '11',
      requestedStart: input.requestedStartDate,
      requestedEnd: input.requestedEndDate,
      receivedAt: now,
      decisionDueAt: dueAt,
      createdByKeyId: context.actor.type === 'api_key' ? context.actor.keyId : null,
      acceptedAnswer: answer,
    });
    // insert, not save: save would first look the new row up to decide between INSERT and UPDATE.
    await requests.insert(request);

    await recordEvent(manager, request, 'status_changed', { source: 'api', reason: 'accepted' }, null);
    await queueSubmission(
      manager,
      request,
      'initial',
      {
        requestedUnits: checked.requestedUnits,
        periodStart: input.requestedStartDate,
        periodEnd: input.requestedEndDate,
      },
      context.requestId ?? id,
      traceNumber,
    );
    await this.audit.record(
      context,
      {
        action: AuditAction.PreauthWritePhi,
        subjectType: PREAUTH_SUBJECT,
        subjectId: id,
        details: { traceNumber },
      },
      manager,
    );
    return answer;
  }
}

interface CheckedIntake {
  payerId: string;
  decisionTimes: { expeditedHours: number; standardDays: number };
  requestedUnits: number;
  unitType: PreauthInput['serviceLines'][number]['unitType'];
}

/** Idempotency keys belong to the caller: two API keys may use the same value without colliding. */
const idempotencyScopeOf = (context: AuditContext): string =>
  context.actor.type === 'api_key' ? `key:${context.actor.keyId}` : context.actor.type;

const inFlight = (idempotencyKey: string): PreauthError =>
  new PreauthError(
    PreauthErrorCode.IdempotencyInFlight,
    'A request with this Idempotency-Key is still being processed; retry shortly',
    { idempotencyKey },
  );
