import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { stringify } from 'safe-stable-stringify';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { PhiProtection } from '@continuum/access';
import { AuditAction, type AuditContext, AuditService } from '@continuum/audit';
import { CatalogSnapshotService } from '@continuum/catalog';
import { Clock, CommonError, type FieldError, GroupCommit, type GroupCommitOutcome } from '@continuum/common';
import { DatabaseBusyError, insertRows, isDatabaseUnavailableError } from '@continuum/database';
import {
  daysBetween,
  decisionDueAt,
  levelOfCare,
  PreauthStatus,
  preauthRequestProblems,
  todayUtc,
} from '@continuum/domain';
import { OutboxRelay } from '@continuum/queue';
import { PreauthRequestEntity } from './entities/preauth-request.entity';
import { recordEvents } from './preauth-history';
import { queueSubmissions } from './preauth-submissions';
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
 * The most requests one intake transaction writes, how many such transactions may run at once, and how long a
 * request may wait for one (as long as the pool lets a query wait for a connection).
 */
const INTAKE_BATCH = {
  maxBatch: 100,
  maxConcurrent: 3,
  maxWaitMs: 5_000,
  tooLong: () => new DatabaseBusyError('the database did not take the pre-auth in time'),
};

/**
 * Accepts pre-auth requests. One transaction writes the request (PHI encrypted), its submission, its first
 * event and the outbox row for `preauth.submit`; the job is relayed after the commit, and the outbox sweep
 * relays it later if Redis is down now. `Idempotency-Key` makes a retried POST safe.
 *
 * Requests that arrive while earlier ones are being written share the next transaction (group commit, see
 * `GroupCommit`): a few multi-row statements and one round trip to Redis for the whole batch. Each request
 * still gets its own answer, and one request's failure never fails another's.
 */
@Injectable()
export class PreauthIntakeService {
  private readonly batches = new GroupCommit<PendingIntake, IntakeResult>(
    (items) => this.writeBatch(items),
    INTAKE_BATCH,
  );

  constructor(
    private readonly catalog: CatalogSnapshotService,
    private readonly phi: PhiProtection,
    private readonly outbox: OutboxRelay,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async submit(
    input: PreauthInput,
    idempotencyKey: string,
    context: AuditContext,
    now = this.clock.now(),
  ): Promise<IntakeResult> {
    const scope = idempotencyScopeOf(context);
    return this.batches.submit({
      input,
      checked: this.check(input, todayUtc(now)),
      idempotencyKey,
      claim: claimOf(scope, idempotencyKey),
      scope,
      fingerprint: this.phi.fingerprint(stringify(input) ?? ''),
      context,
      receivedAt: now,
    });
  }

  /**
   * Writes the batch in one transaction. When a statement fails, the transaction is lost for all: each half is
   * then written on its own, and so on down, so only the request at fault fails (a key that raced in from
   * another process since the lock, say) and the rest still share transactions. A database that is down or
   * gone fails them all at once, with no retry (503: they may retry).
   */
  private async writeBatch(items: readonly PendingIntake[]): Promise<GroupCommitOutcome<IntakeResult>[]> {
    try {
      return await this.outbox.transaction((manager) => this.writeTogether(manager, items));
    } catch (error) {
      if (items.length > 1 && error instanceof QueryFailedError && !isDatabaseUnavailableError(error)) {
        const half = Math.ceil(items.length / 2);
        return [...(await this.writeBatch(items.slice(0, half))), ...(await this.writeBatch(items.slice(half)))];
      }
      return items.map((item) => ({ ok: false, error: intakeFailure(error, item) }));
    }
  }

  private async writeTogether(
    manager: EntityManager,
    items: readonly PendingIntake[],
  ): Promise<GroupCommitOutcome<IntakeResult>[]> {
    // The first request with a key leads; a repeat of it in the same batch is answered as if it came just after.
    const seen = new Set<string>();
    const leaders = items.filter((item) => !seen.has(item.claim) && seen.add(item.claim));
    // A key whose request was committed long ago is replayed without a lock: only a key that is being written
    // right now (another transaction holds its lock) is in flight.
    const known = await this.acceptedEarlier(manager, leaders);
    const unknown = leaders.filter((item) => !known.has(item.claim));
    // Held until commit: a concurrent request with the same new key is told to wait (409), not raced.
    const locks = await manager.query<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended(claim, 0)) AS locked
         FROM unnest($1::text[]) WITH ORDINALITY AS claims(claim, n) ORDER BY n`,
      [unknown.map((item) => item.claim)],
    );
    const claimed = unknown.filter((_, index) => locks[index]?.locked === true);
    // Committed by another transaction between the first look and the lock: replay it too.
    for (const [claim, accepted] of await this.acceptedEarlier(manager, claimed)) known.set(claim, accepted);
    const created = await this.create(
      manager,
      claimed.filter((item) => !known.has(item.claim)),
    );
    for (const { item, answer } of created) {
      known.set(item.claim, { fingerprint: item.fingerprint, answer, writtenFor: item });
    }
    return items.map((item): GroupCommitOutcome<IntakeResult> => {
      const accepted = known.get(item.claim);
      // Its key's leader did not get the lock: another transaction is writing that key right now.
      if (accepted === undefined) return { ok: false, error: inFlight(item.idempotencyKey) };
      if (accepted.fingerprint !== item.fingerprint) return { ok: false, error: keyReused(item.idempotencyKey) };
      return { ok: true, value: { answer: accepted.answer, replayed: accepted.writtenFor !== item } };
    });
  }

  /** The requests already accepted under the batch's keys, by claim. */
  private async acceptedEarlier(
    manager: EntityManager,
    items: readonly PendingIntake[],
  ): Promise<Map<string, AcceptedKey>> {
    const rows =
      items.length === 0
        ? []
        : await manager.query<{ scope: string; key: string; fingerprint: string; answer: PreauthAcceptedAnswer }[]>(
            `SELECT r.idempotency_scope AS scope, r.idempotency_key AS key,
                    r.request_fingerprint AS fingerprint, r.accepted_answer AS answer
               FROM preauth_requests r
               JOIN unnest($1::text[], $2::text[]) AS wanted(scope, key)
                 ON r.idempotency_scope = wanted.scope AND r.idempotency_key = wanted.key`,
            [items.map((item) => item.scope), items.map((item) => item.idempotencyKey)],
          );
    return new Map(
      rows.map((row) => [
        claimOf(row.scope, row.key),
        { fingerprint: row.fingerprint, answer: row.answer, writtenFor: null },
      ]),
    );
  }

  /**
   * Checks what the DTO cannot: the plan exists, dates are in order and near `today`, units fit the period and
   * the delivery pattern, procedure codes suit the level of care (or are confirmed).
   */
  private check(input: PreauthInput, today: string): CheckedIntake {
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
    const plausible = preauthRequestProblems(
      { ...input, dateOfBirth: input.patient.dateOfBirth, procedureCodesConfirmed: input.procedureCodesConfirmed },
      today,
    );
    problems.push(...plausible.invalid);
    if (problems.length > 0 || plan === undefined || payer === undefined) throw CommonError.validation(problems);
    if (plausible.unusualCodes.length > 0) {
      throw new PreauthError(
        PreauthErrorCode.ProcedureCodeNotForLevel,
        `Procedure code not usual for ${input.levelOfCare}: ${plausible.unusualCodes.map((p) => p.field).join(', ')}`,
        { fields: plausible.unusualCodes },
      );
    }
    return { payerId: payer.id, decisionTimes: payer.decisionTimes, requestedUnits, unitType };
  }

  private async create(
    manager: EntityManager,
    items: readonly PendingIntake[],
  ): Promise<{ item: PendingIntake; answer: PreauthAcceptedAnswer }[]> {
    if (items.length === 0) return [];
    const created = items.map((item) => {
      const { input, checked } = item;
      const id = randomUUID();
      const traceNumber = newTraceNumber();
      const dueAt = decisionDueAt(item.receivedAt, input.urgency, checked.decisionTimes);
      const answer: PreauthAcceptedAnswer = { id, status: 'queued', traceNumber, decisionDueAt: dueAt.toISOString() };
      const request: Partial<PreauthRequestEntity> & Pick<PreauthRequestEntity, 'id' | 'status'> = {
        id,
        idempotencyScope: item.scope,
        idempotencyKey: item.idempotencyKey,
        requestFingerprint: item.fingerprint,
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
        receivedAt: item.receivedAt,
        decisionDueAt: dueAt,
        createdByKeyId: item.context.actor.type === 'api_key' ? item.context.actor.keyId : null,
        acceptedAnswer: answer,
      };
      return { item, request, answer };
    });
    await insertRows(
      manager,
      PreauthRequestEntity,
      created.map(({ request }) => request),
    );
    await recordEvents(
      manager,
      created.map(({ request, item }) => ({
        request,
        type: 'status_changed',
        facts: { source: 'api', at: item.receivedAt, reason: 'accepted' },
        fromStatus: null,
      })),
    );
    await queueSubmissions(
      manager,
      created.map(({ item, request, answer }) => ({
        request,
        kind: 'initial',
        period: {
          requestedUnits: item.checked.requestedUnits,
          periodStart: item.input.requestedStartDate,
          periodEnd: item.input.requestedEndDate,
        },
        correlationId: item.context.requestId ?? request.id,
        traceNumber: answer.traceNumber,
      })),
    );
    await this.audit.recordMany(
      created.map(({ item, answer }) => ({
        context: item.context,
        event: {
          action: AuditAction.PreauthWritePhi,
          subjectType: PREAUTH_SUBJECT,
          subjectId: answer.id,
          details: { traceNumber: answer.traceNumber },
        },
      })),
      manager,
    );
    return created.map(({ item, answer }) => ({ item, answer }));
  }
}

/** A checked request waiting for its transaction. */
interface PendingIntake {
  input: PreauthInput;
  checked: CheckedIntake;
  scope: string;
  idempotencyKey: string;
  /** What the advisory lock is taken on: the key within its scope. */
  claim: string;
  fingerprint: string;
  context: AuditContext;
  receivedAt: Date;
}

/** What a key already stands for; `writtenFor` is the request that wrote it in this batch, if one did. */
interface AcceptedKey {
  fingerprint: string;
  answer: PreauthAcceptedAnswer;
  writtenFor: PendingIntake | null;
}

interface CheckedIntake {
  payerId: string;
  decisionTimes: { expeditedHours: number; standardDays: number };
  requestedUnits: number;
  unitType: PreauthInput['serviceLines'][number]['unitType'];
}

const claimOf = (scope: string, idempotencyKey: string): string => `preauth-idempotency:${scope}:${idempotencyKey}`;

/** Idempotency keys belong to the caller: two API keys may use the same value without colliding. */
const idempotencyScopeOf = (context: AuditContext): string =>
  context.actor.type === 'api_key' ? `key:${context.actor.keyId}` : context.actor.type;

/** The request's own error; two first requests with one key that both missed the lock window: the unique index decides. */
const intakeFailure = (error: unknown, item: PendingIntake): unknown =>
  error instanceof QueryFailedError && /preauth_requests_idempotency_key/.test(error.message)
    ? inFlight(item.idempotencyKey)
    : error;

const keyReused = (idempotencyKey: string): PreauthError =>
  new PreauthError(
    PreauthErrorCode.IdempotencyKeyReused,
    'This Idempotency-Key was already used with a different request body; use a new key for a new request',
    { idempotencyKey },
  );

const inFlight = (idempotencyKey: string): PreauthError =>
  new PreauthError(
    PreauthErrorCode.IdempotencyInFlight,
    'A request with this Idempotency-Key is still being processed; retry shortly',
    { idempotencyKey },
  );
