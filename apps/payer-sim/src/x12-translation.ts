import { levelOfCareForRevenueCode } from '@continuum/domain';
import type { SandboxDecision, SandboxRejection, SandboxSubmission } from '@continuum/payer-gateway';
import {
  build278Response,
  type Certification278,
  type QuantityQualifier,
  type Rejection278,
  type Request278,
} from '@continuum/x12';

const CERTIFICATION_TYPES = { I: 'initial', '4': 'extension', '3': 'cancel' } as const;

/** Professional lines (SV1, no revenue code) are outpatient sessions; institutional ones name their level. */
const levelOfCareOf = (request: Request278): string => {
  const revenueCode = request.lines.find((line) => line.revenueCode !== undefined)?.revenueCode;
  if (revenueCode === undefined) return request.lines.length > 0 ? 'outpatient' : 'unknown';
  // The levels' own revenue codes (docs/domain.md), so rules on `levelOfCare` also apply to X12 requests.
  return levelOfCareForRevenueCode(revenueCode) ?? 'unknown';
};

const unitTypeOf = (unit: 'DA' | 'UN'): SandboxSubmission['unitType'] => (unit === 'DA' ? 'day' : 'unit');

/** The JSON submission an X12 278 request amounts to, so both formats go through the same rules. */
export function submissionFrom278(request: Request278): SandboxSubmission {
  const { event, subscriber, lines } = request;
  const unitType = unitTypeOf(lines[0]?.unitType ?? 'DA');
  const patternUnits = event.pattern === undefined ? 0 : event.pattern.daysPerWeek * event.pattern.weeks;
  return {
    traceNumber: request.traceNumber,
    certificationType: CERTIFICATION_TYPES[event.certificationType],
    authorizationNumber: event.authorizationNumber ?? null,
    urgency: event.expedited ? 'expedited' : 'standard',
    levelOfCare: levelOfCareOf(request),
    serviceTypeCode: event.serviceTypeCode,
    placeOfService: event.placeOfService,
    patient: {
      firstName: subscriber.firstName,
      lastName: subscriber.lastName,
      dateOfBirth: subscriber.dateOfBirth,
      sex: subscriber.sex,
    },
    // A 278 names no plan: the payer finds it from the member.
    member: { memberId: subscriber.memberId, planId: '' },
    requestingProvider: { ...request.requester },
    servicingProvider: { ...request.servicingProvider },
    diagnoses: [...event.diagnoses],
    serviceLines: lines.map((line) => ({
      procedureCode: line.procedureCode,
      revenueCode: line.revenueCode ?? null,
      units: line.units,
      unitType: unitTypeOf(line.unitType),
    })),
    requestedUnits: lines.length > 0 ? lines.reduce((sum, line) => sum + line.units, 0) : patternUnits,
    unitType,
    deliveryPattern: event.pattern ?? null,
    startDate: event.from,
    endDate: event.to,
    clinicalSummary: '',
  };
}

const QUANTITY_QUALIFIERS: Record<NonNullable<SandboxDecision['unitType']>, QuantityQualifier> = {
  day: 'DY',
  session: 'VS',
  unit: 'FL',
};

const certificationOf = (decision: SandboxDecision): Certification278 => ({
  action: decision.action,
  authorizationNumber: decision.authorizationNumber,
  reasonCode: decision.reasonCode,
  approvedUnits: decision.approvedUnits,
  quantityQualifier: QUANTITY_QUALIFIERS[decision.unitType ?? 'day'],
  validFrom: decision.validFrom,
  validTo: decision.validTo,
});

/** AAA03 reject reasons (and AAA04 follow-ups) for the sandbox's rejection codes; 33 "input errors" otherwise. */
const AAA_FOR_REJECTION: Record<string, Rejection278> = {
  member_not_found: { code: '75', followUp: 'C' },
  invalid_member_id: { code: '72', followUp: 'C' },
  provider_not_found: { code: '51', followUp: 'C' },
};
const rejectionOf = (rejection: SandboxRejection): Rejection278 =>
  AAA_FOR_REJECTION[rejection.code] ?? { code: '33', followUp: 'C' };

/** What an X12 answer says: a decision, a rejection, or (neither) an acknowledgement of receipt. */
export type X12Answer =
  | { decision: SandboxDecision; rejection?: never }
  | { decision?: never; rejection: SandboxRejection }
  | { decision?: never; rejection?: never };

/** Writes the payer's 278 responses, numbering its interchanges. */
export class X12Responder {
  private lastControlNumber = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  respond(request: Request278, payerReference: string | null, answer: X12Answer): string {
    // ISA13 is nine digits: wrap around rather than overflow in a very long-running sandbox.
    this.lastControlNumber = (this.lastControlNumber % 999_999_999) + 1;
    return build278Response({
      controlNumber: this.lastControlNumber,
      senderId: request.receiverId,
      receiverId: request.senderId,
      createdAt: this.clock(),
      usage: request.usage,
      traceNumber: request.traceNumber,
      payerReference,
      payer: request.payer,
      requester: request.requester,
      subscriber: request.subscriber,
      event: request.event,
      certification: answer.decision === undefined ? null : certificationOf(answer.decision),
      rejections: answer.rejection === undefined ? [] : [rejectionOf(answer.rejection)],
    });
  }
}
