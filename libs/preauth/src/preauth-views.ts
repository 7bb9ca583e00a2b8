import { remainingUnits } from '@continuum/domain';
import type { PayerEntity } from '@continuum/catalog';
import type { PreauthEventEntity } from './entities/preauth-event.entity';
import type { PreauthRequestEntity } from './entities/preauth-request.entity';
import type { PreauthSubmissionEntity } from './entities/preauth-submission.entity';
import type { PreauthUtilizationEntity } from './entities/preauth-utilization.entity';
import type { PreauthDetail, PreauthEventView, PreauthInput, PreauthSummary, SubmissionView } from './preauth.types';

/** Units of the request's authorization not used yet (0 without one). */
export const remainingUnitsOf = (request: Pick<PreauthRequestEntity, 'approvedUnits' | 'usedUnits'>): number =>
  remainingUnits({ approvedUnits: request.approvedUnits ?? 0, usedUnits: request.usedUnits });

/** The work-list view: no PHI. */
export function toPreauthSummary(
  request: PreauthRequestEntity,
  payer: Pick<PayerEntity, 'id' | 'code' | 'name'>,
): PreauthSummary {
  const authorized = request.approvedUnits !== null;
  return {
    id: request.id,
    status: request.status,
    payer: { id: payer.id, code: payer.code, name: payer.name },
    planId: request.planId,
    levelOfCare: request.levelOfCare,
    urgency: request.urgency,
    traceNumber: request.acceptedAnswer.traceNumber,
    requestedUnits: request.requestedUnits,
    unitType: request.unitType,
    requestedStartDate: request.requestedStart,
    requestedEndDate: request.requestedEnd,
    receivedAt: request.receivedAt,
    decisionDueAt: request.decisionDueAt,
    overdue: request.overdueSince !== null,
    overdueSince: request.overdueSince,
    decidedAt: request.decidedAt,
    needsReview: request.reviewReasons.length > 0,
    reviewReasons: request.reviewReasons,
    authorization: authorized
      ? {
          authorizationNumber: request.authorizationNumber,
          approvedUnits: request.approvedUnits ?? 0,
          unitType: request.approvedUnitType ?? request.unitType,
          validFrom: request.validFrom,
          validTo: request.validTo,
          usedUnits: request.usedUnits,
          remainingUnits: remainingUnitsOf(request),
          unitsOverAuthorization: Math.max(0, request.usedUnits - (request.approvedUnits ?? 0)),
        }
      : null,
    statusReason:
      request.statusReasonCode === null && request.statusReason === null
        ? null
        : { code: request.statusReasonCode, text: request.statusReason },
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
  };
}

/** The full view, PHI included: only for an audited read. */
export function toPreauthDetail(
  request: PreauthRequestEntity,
  payer: Pick<PayerEntity, 'id' | 'code' | 'name'>,
  submissions: PreauthSubmissionEntity[],
  utilization: PreauthUtilizationEntity[],
  events: PreauthEventEntity[],
): PreauthDetail {
  return {
    ...toPreauthSummary(request, payer),
    patient: JSON.parse(request.patient) as PreauthInput['patient'],
    memberId: request.memberId,
    diagnoses: JSON.parse(request.diagnoses) as string[],
    clinicalSummary: request.clinicalSummary,
    requestingProvider: request.requestingProvider,
    servicingProvider: request.servicingProvider,
    serviceLines: request.serviceLines,
    deliveryPattern: request.deliveryPattern,
    placeOfService: request.placeOfService,
    payerReference: request.payerReference,
    submissions: submissions.map(toSubmissionView),
    utilization: utilization.map((u) => ({
      id: u.id,
      serviceDate: u.serviceDate,
      units: u.units,
      recordedAt: u.createdAt,
      overAuthorization: u.overAuthorization,
      reversal: u.reversedAt === null ? null : { reversedAt: u.reversedAt, reason: u.reversalReason },
    })),
    events: events.map(toEventView),
  };
}

const toSubmissionView = (s: PreauthSubmissionEntity): SubmissionView => ({
  id: s.id,
  kind: s.kind,
  traceNumber: s.traceNumber,
  state: s.state,
  requestedUnits: s.requestedUnits,
  periodStart: s.periodStart,
  periodEnd: s.periodEnd,
  attempts: s.attempts,
  lastError: s.lastError,
  sentAt: s.sentAt,
  createdAt: s.createdAt,
});

const toEventView = (e: PreauthEventEntity): PreauthEventView => ({
  sequence: Number(e.sequence),
  occurredAt: e.occurredAt,
  type: e.type,
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
  source: e.source,
  reason: e.reason,
  details: e.details,
});
