import type { CertificationType, RequestCategory } from './build-278-request';
import type { ReviewAction } from './parse-278-response';
import {
  type Interchange278,
  organizationSegment,
  subscriberSegment,
  traceSegment,
  write278Interchange,
  x12DateTime,
} from './transaction-278';
import { cleanValue, type Segment, x12Date } from './x12-syntax';

/** HSD01 of the certified quantity: days, visits (sessions) or units. */
export type QuantityQualifier = 'DY' | 'VS' | 'FL';

/** The payer's review outcome (HCR and what goes with it). */
export interface Certification278 {
  action: ReviewAction;
  authorizationNumber: string | null;
  /** HCR03, the decision reason (required with a denial). */
  reasonCode: string | null;
  approvedUnits: number | null;
  quantityQualifier: QuantityQualifier;
  validFrom: string | null;
  validTo: string | null;
}

/** An AAA segment: the request itself was refused (AAA03 reject reason, AAA04 follow-up action). */
export interface Rejection278 {
  code: string;
  followUp: string | null;
}

export interface Response278Draft extends Interchange278 {
  /** The requester's trace number, echoed in BHT03 and TRN02. */
  traceNumber: string;
  /** The payer's own reference for the request (REF*NT). */
  payerReference: string | null;
  payer: { name: string; payerId: string };
  requester: { name: string; npi: string };
  subscriber: { lastName: string; firstName: string; memberId: string };
  /** Echoed in UM. */
  event: { category: RequestCategory; certificationType: CertificationType; serviceTypeCode: string };
  /**
   * The review outcome. A request refused outright has `rejections` and no certification; with neither,
   * the response only acknowledges the request (the decision follows later).
   */
  certification: Certification278 | null;
  rejections: Rejection278[];
}

/** DTP*007 with an RD8 range when both ends are known, else the ends that are (007 from, 036 to). */
const validitySegments = ({ validFrom, validTo }: Certification278): Segment[] => {
  if (validFrom !== null && validTo !== null)
    return [['DTP', '007', 'RD8', `${x12Date(validFrom)}-${x12Date(validTo)}`]];
  return [
    ...(validFrom === null ? [] : [['DTP', '007', 'D8', x12Date(validFrom)]]),
    ...(validTo === null ? [] : [['DTP', '036', 'D8', x12Date(validTo)]]),
  ];
};

/** The patient event's review outcome, in the X217 order: HCR, REF (BB authorization, NT payer reference), DTP, HSD. */
const outcomeSegments = (certification: Certification278 | null, payerReference: string | null): Segment[] => {
  const payerReferenceSegments: Segment[] = payerReference === null ? [] : [['REF', 'NT', cleanValue(payerReference)]];
  if (certification === null) return payerReferenceSegments;
  const authorization = cleanValue(certification.authorizationNumber ?? '');
  return [
    ['HCR', certification.action, authorization, cleanValue(certification.reasonCode ?? '')],
    ...(authorization === '' ? [] : [['REF', 'BB', authorization]]),
    ...payerReferenceSegments,
    ...validitySegments(certification),
    ...(certification.approvedUnits === null
      ? []
      : [['HSD', certification.quantityQualifier, String(certification.approvedUnits)]]),
  ];
};

/**
 * A 005010X217 278 response, the payer's side: BHT (11, response) with the requester's trace number, the HL
 * chain payer → requester → subscriber, and then either AAA rejections in the subscriber loop, or the patient
 * event (TRN echoing the trace, UM, HCR*action*authorization*reason, REF*BB, DTP*007 validity, HSD approved
 * quantity). `parse278Response` reads it back.
 */
export function build278Response(response: Response278Draft): string {
  const { date, time } = x12DateTime(response.createdAt);
  const rejected = response.rejections.length > 0;
  const body: Segment[] = [
    ['BHT', '0007', '11', cleanValue(response.traceNumber), date, time],
    ['HL', '1', '', '20', '1'],
    organizationSegment('X3', response.payer.name, 'PI', response.payer.payerId),
    ['HL', '2', '1', '21', '1'],
    organizationSegment('1P', response.requester.name, 'XX', response.requester.npi),
    ['HL', '3', '2', '22', rejected ? '0' : '1'],
    subscriberSegment(response.subscriber),
    ...response.rejections.map((rejection): Segment => ['AAA', 'N', '', rejection.code, rejection.followUp ?? '']),
    ...(rejected
      ? []
      : [
          ['HL', '4', '3', 'EV', '0'],
          traceSegment('2', response.traceNumber, response.requester.npi),
          ['UM', response.event.category, response.event.certificationType, cleanValue(response.event.serviceTypeCode)],
          ...outcomeSegments(response.certification, response.payerReference),
        ]),
  ];
  return write278Interchange(response, body);
}
