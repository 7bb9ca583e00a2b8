import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  addDays,
  AUTHORIZATION_IN_FORCE,
  concurrentReviewReasons,
  decisionProblems,
  describeDecisionProblems,
  isNewerPayerEvent,
  type PreauthEventSource,
  PreauthStatus,
  todayUtc,
  transitionFor,
} from '@continuum/domain';
import { Clock, CommonError } from '@continuum/common';
import { publishWebhookEvent } from '@continuum/webhooks';
import { DECISION_FOR_ACTION } from '@continuum/x12';
import { PreauthRequestEntity } from './entities/preauth-request.entity';
import { PreauthSubmissionEntity } from './entities/preauth-submission.entity';
import { remainingUnitsOf } from './preauth-views';
import { applyTransition, recordEvent } from './preauth-history';
import { PreauthError, PreauthErrorCode } from './preauth.errors';
import type { PayerDecisionInput } from './preauth.types';

const EXTENSION_STATUSES = new Set([PreauthStatus.ExtensionSubmitted, PreauthStatus.ExtensionPended]);
/** Outcomes that answer the question for good (a pend does not). */
const FINAL_OUTCOMES = new Set(['approved', 'partially_approved', 'denied', 'cancelled', 'no_auth_required']);

export interface DecisionResult {
  /** `refused`: the answer breaks the decision checks (a time in the future, more units than asked, …). */
  outcome: 'applied' | 'ignored' | 'refused';
  /** Why an answer was ignored. */
  reason: string | null;
}

/**
 * Applies a payer's answer to a request, whoever brings it: the gateway's synchronous response, a payer
 * callback, or staff recording a phone or portal answer. The state machine decides what is legal, and an
 * answer older than the last one applied changes nothing (a late "pended" after the approval). An answer that
 * breaks the decision checks (`decisionProblems`) is a 400 for staff; from a payer it is refused and recorded.
 */
@Injectable()
export class PreauthDecisionsService {
  private readonly logger = new Logger(PreauthDecisionsService.name);

  constructor(private readonly clock: Clock) {}

  /** In the caller's transaction, on a request it has locked. Staff get a 409 for an illegal change; payers are ignored with an event. */
  async apply(
    manager: EntityManager,
    request: PreauthRequestEntity,
    decision: PayerDecisionInput,
    source: PreauthEventSource,
    /** Carried into the event rows (e.g. which stored payer callback this was). */
    provenance: Record<string, string> = {},
    now = this.clock.now(),
  ): Promise<DecisionResult> {
    const decidedAt = decision.decidedAt ?? now;
    const outcome = DECISION_FOR_ACTION[decision.action];
    const details = { ...provenance, action: decision.action, decidedAt: decidedAt.toISOString() };
    if (source === 'payer' && !isNewerPayerEvent(decidedAt, request.lastPayerEventAt, decision.decidedAtPrecisionMs)) {
      return this.setAside(manager, request, 'ignored', 'an older payer answer arrived after a newer one', details);
    }
    const extension = EXTENSION_STATUSES.has(request.status);
    const askedExtension = extension ? await this.lastExtension(manager, request) : null;
    const problems = decisionProblems({ ...decision, decidedAt }, now, {
      receivedAt: request.receivedAt,
      requestedUnits: extension ? (askedExtension?.requestedUnits ?? 0) : request.requestedUnits,
      requestedStart: request.requestedStart,
      authorizationNumber: request.authorizationNumber,
    });
    if (problems.length > 0) {
      if (source === 'staff') throw CommonError.validation(problems);
      return this.setAside(manager, request, 'refused', describeDecisionProblems(problems), {
        ...details,
        fields: problems.map((p) => p.field).join(', '),
      });
    }
    const transition = transitionFor(request.status, { kind: 'decided', outcome });
    if (!transition.legal) {
      if (source === 'staff') {
        throw new PreauthError(PreauthErrorCode.IllegalTransition, transition.reason, {
          id: request.id,
          status: request.status,
        });
      }
      return this.setAside(manager, request, 'ignored', transition.reason, details);
    }
    const changes: Partial<PreauthRequestEntity> = {
      lastPayerEventAt: decidedAt,
      payerReference: decision.payerReference ?? request.payerReference,
    };
    if (FINAL_OUTCOMES.has(outcome)) {
      changes.overdueSince = null;
      if (!extension && request.decidedAt === null) {
        changes.decidedAt = decidedAt;
        changes.decisionOutcome = outcome;
      }
    }
    const revoked = transition.to === PreauthStatus.Revoked;
    if (revoked) Object.assign(changes, revocationChanges(request, decision, decidedAt));
    else if (outcome === 'denied' || outcome === 'pended' || outcome === 'cancelled') {
      changes.statusReasonCode = decision.reasonCode ?? null;
      changes.statusReason = decision.reasonText ?? null;
    }
    if (outcome === 'approved' || outcome === 'partially_approved' || (extension && outcome === 'no_auth_required')) {
      Object.assign(changes, this.authorizationChanges(request, decision, extension ? askedExtension : undefined));
      changes.statusReasonCode = decision.reasonCode ?? null;
      changes.statusReason = decision.reasonText ?? null;
    }
    const saved = await applyTransition(
      manager,
      request,
      { kind: 'decided', outcome },
      {
        source,
        at: now,
        reason: decision.reasonText ?? null,
        details: { ...details, reasonCode: decision.reasonCode ?? null },
      },
      changes,
    );
    if (revoked) {
      await publishWebhookEvent(
        manager,
        'authorization.revoked',
        {
          preauthId: saved.id,
          status: saved.status,
          effectiveDate: addDays(saved.validTo ?? todayUtc(decidedAt), 1),
          validTo: saved.validTo,
          usedUnits: saved.usedUnits,
        },
        now,
      );
    }
    await refreshReviewFlags(manager, saved, source, now);
    return { outcome: 'applied', reason: null };
  }

  /** What the authorization becomes; `asked` is the extension being decided (null: none found), if one is. */
  private authorizationChanges(
    request: PreauthRequestEntity,
    decision: PayerDecisionInput,
    asked: PreauthSubmissionEntity | null | undefined,
  ): Partial<PreauthRequestEntity> {
    if (asked === undefined) {
      const approvedUnits = decision.approvedUnits ?? request.requestedUnits;
      return {
        authorizationNumber: decision.authorizationNumber ?? request.authorizationNumber,
        approvedUnits,
        approvedUnitType: decision.unitType ?? request.unitType,
        validFrom: decision.validFrom ?? request.requestedStart,
        validTo: decision.validTo ?? request.requestedEnd,
      };
    }
    const granted = decision.approvedUnits ?? asked?.requestedUnits ?? 0;
    const newEnd = decision.validTo ?? asked?.periodEnd ?? request.validTo;
    return {
      authorizationNumber: decision.authorizationNumber ?? request.authorizationNumber,
      approvedUnits: (request.approvedUnits ?? 0) + granted,
      validTo: newEnd !== null && (request.validTo === null || newEnd > request.validTo) ? newEnd : request.validTo,
    };
  }

  private lastExtension(
    manager: EntityManager,
    request: PreauthRequestEntity,
  ): Promise<PreauthSubmissionEntity | null> {
    return manager
      .getRepository(PreauthSubmissionEntity)
      .findOne({ where: { preauthId: request.id, kind: 'extension' }, order: { createdAt: 'DESC' } });
  }

  /**
   * A payer answer that changes nothing, logged and recorded on the request's history with why: `refused`
   * when we cannot believe it (the decision checks), `ignored` when it is stale or not legal now.
   */
  private async setAside(
    manager: EntityManager,
    request: PreauthRequestEntity,
    outcome: 'refused' | 'ignored',
    reason: string,
    details: Record<string, string>,
  ): Promise<DecisionResult> {
    this.logger.warn({ preauthId: request.id, status: request.status, ...details }, `payer answer ${outcome}`);
    const type = outcome === 'refused' ? 'payer_answer_refused' : 'payer_event_ignored';
    await recordEvent(manager, request, type, { source: 'payer', at: this.clock.now(), reason, details });
    return { outcome, reason };
  }
}

/**
 * A payer's withdrawal of an authorization: coverage ends the day before it takes effect. The payer may say
 * the last covered day (`validTo`); otherwise it takes effect on the day it was decided. Never extends the
 * period; units already recorded are kept. Review flags are cleared (nothing is left to review).
 */
function revocationChanges(
  request: PreauthRequestEntity,
  decision: PayerDecisionInput,
  decidedAt: Date,
): Partial<PreauthRequestEntity> {
  const lastCovered = decision.validTo ?? addDays(todayUtc(decidedAt), -1);
  const validTo = request.validTo === null || lastCovered < request.validTo ? lastCovered : request.validTo;
  return {
    validTo,
    statusReasonCode: decision.reasonCode ?? 'revoked_by_payer',
    statusReason: decision.reasonText ?? null,
    reviewReasons: [],
  };
}

/**
 * Recomputes why an authorization needs concurrent review; a newly raised flag leaves a `review_needed`
 * event and notifies webhook subscribers.
 */
export async function refreshReviewFlags(
  manager: EntityManager,
  request: PreauthRequestEntity,
  source: PreauthEventSource,
  now: Date,
): Promise<void> {
  const today = todayUtc(now);
  const inForce =
    request.approvedUnits !== null && request.validTo !== null && AUTHORIZATION_IN_FORCE.has(request.status);
  const reasons = inForce
    ? concurrentReviewReasons(
        { approvedUnits: request.approvedUnits ?? 0, usedUnits: request.usedUnits, validTo: request.validTo ?? today },
        today,
      )
    : [];
  const raised = reasons.filter((reason) => !request.reviewReasons.includes(reason));
  if (raised.length === 0 && reasons.length === request.reviewReasons.length) return;
  request.reviewReasons = reasons;
  await manager.getRepository(PreauthRequestEntity).update({ id: request.id }, { reviewReasons: reasons });
  if (raised.length > 0) {
    const remainingUnits = remainingUnitsOf(request);
    await recordEvent(manager, request, 'review_needed', {
      source,
      at: now,
      reason: raised.join(', '),
      details: { remainingUnits, validTo: request.validTo },
    });
    await publishWebhookEvent(
      manager,
      'preauth.review_needed',
      {
        preauthId: request.id,
        status: request.status,
        reasons,
        remainingUnits,
        validTo: request.validTo,
      },
      now,
    );
  }
}
