import { isLevelOfCare, levelOfCare } from '@continuum/domain';
import type { OutboundUrlPolicy } from '@continuum/outbound';
import {
  build278Request,
  type CertificationType,
  parse278Response,
  type Request278,
  type RequestCategory,
  type Response278,
  type ServiceLine,
} from '@continuum/x12';
import {
  type GatewayDecision,
  type GatewayOutcome,
  type GatewaySubmission,
  type PayerGatewayAdapter,
  RetryableGatewayError,
} from './payer-gateway.types';
import { payerEndpoint, postToPayer, rejectionFromAnswer } from './payer-http';
import type { SandboxCertificationType, SandboxSubmission } from './sandbox-protocol';

export interface X12GatewayOptions {
  /** SANDBOX_PAYER_URL, without a trailing slash: where a payer without an endpoint gets its 278s. */
  sandboxPayerUrl: string | undefined;
  timeoutMs: number;
  /** Vets the address every request connects to (OUTBOUND_ALLOWED_HOSTS). */
  urlPolicy: OutboundUrlPolicy;
  /** ISA06 / GS02. */
  senderId: string;
  /** ISA15: `T` test, `P` production. */
  usage: 'T' | 'P';
  /** The next interchange control number (1–999999999). */
  nextControlNumber: () => Promise<number>;
  now?: () => Date;
}

export const X12_CONTENT_TYPE = 'application/edi-x12';

const CERTIFICATION_TYPES: Record<SandboxCertificationType, CertificationType> = {
  initial: 'I',
  extension: '4',
  cancel: '3',
};

const lineUnitType = (unitType: SandboxSubmission['unitType']): ServiceLine['unitType'] =>
  unitType === 'day' ? 'DA' : 'UN';

/** UM01 of a level of care, or undefined for a code that is not one. */
const categoryOf = (code: string): RequestCategory | undefined =>
  isLevelOfCare(code) ? levelOfCare(code).umCategory : undefined;

/** The submission as a 278 request, in X12 terms. */
export function toRequest278(
  submission: GatewaySubmission,
  envelope: { controlNumber: number; senderId: string; usage: 'T' | 'P'; createdAt: Date; category: RequestCategory },
): Request278 {
  const { payer, request } = submission;
  return {
    controlNumber: envelope.controlNumber,
    senderId: envelope.senderId,
    receiverId: payer.x12PayerId ?? payer.code,
    createdAt: envelope.createdAt,
    usage: envelope.usage,
    traceNumber: request.traceNumber,
    payer: { name: payer.name, payerId: payer.x12PayerId ?? payer.code },
    requester: { name: request.requestingProvider.name, npi: request.requestingProvider.npi },
    subscriber: {
      lastName: request.patient.lastName,
      firstName: request.patient.firstName,
      memberId: request.member.memberId,
      dateOfBirth: request.patient.dateOfBirth,
      sex: request.patient.sex,
    },
    servicingProvider: { name: request.servicingProvider.name, npi: request.servicingProvider.npi },
    event: {
      category: envelope.category,
      certificationType: CERTIFICATION_TYPES[request.certificationType],
      serviceTypeCode: request.serviceTypeCode,
      placeOfService: request.placeOfService,
      expedited: request.urgency === 'expedited',
      diagnoses: [...request.diagnoses],
      from: request.startDate,
      to: request.endDate,
      ...(request.deliveryPattern === null
        ? {}
        : { pattern: { daysPerWeek: request.deliveryPattern.daysPerWeek, weeks: request.deliveryPattern.weeks } }),
      ...(request.authorizationNumber === null ? {} : { authorizationNumber: request.authorizationNumber }),
    },
    lines: request.serviceLines.map((line): ServiceLine => ({
      procedureCode: line.procedureCode,
      ...(line.revenueCode === null ? {} : { revenueCode: line.revenueCode }),
      units: line.units,
      unitType: lineUnitType(line.unitType),
    })),
  };
}

/** The payer's review outcome in our terms; null when the response only acknowledges the request. */
export function decisionFromResponse(
  response: Response278,
  requestedUnitType: SandboxSubmission['unitType'],
  decidedAt: Date,
): GatewayDecision | null {
  if (response.action === null) return null;
  return {
    action: response.action,
    authorizationNumber: response.authorizationNumber,
    approvedUnits: response.approvedUnits,
    unitType: response.approvedUnits === null ? null : requestedUnitType,
    validFrom: response.validFrom,
    validTo: response.validTo,
    reasonCode: response.reasonCode,
    reasonText: null,
    decidedAt: decidedAt.toISOString(),
  };
}

/**
 * A payer (or clearinghouse) reached by X12 278 over HTTP: builds the 005010X217 request, POSTs it as
 * `application/edi-x12` to `<endpoint>` or `${SANDBOX_PAYER_URL}/v1/payers/<code>/x12/278`, and reads a
 * synchronous 278 response when there is one. Every outcome carries the 278 sent, to be stored and shown.
 */
export class X12GatewayAdapter implements PayerGatewayAdapter {
  readonly connection = 'x12' as const;
  private readonly now: () => Date;

  constructor(private readonly options: X12GatewayOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async submit(submission: GatewaySubmission): Promise<GatewayOutcome> {
    const { payer, request } = submission;
    const category = categoryOf(request.levelOfCare);
    if (category === undefined) {
      // Not worth a retry: the request names no level of care a 278 can carry.
      return {
        kind: 'rejected',
        code: 'unknown_level_of_care',
        message: `level of care ${request.levelOfCare.slice(0, 40)} has no X12 review category`,
        x12Request: null,
      };
    }
    const url = payerEndpoint(
      payer,
      this.options.sandboxPayerUrl,
      `/v1/payers/${encodeURIComponent(payer.code)}/x12/278`,
    );
    let controlNumber: number;
    try {
      controlNumber = await this.options.nextControlNumber();
    } catch (error) {
      throw new RetryableGatewayError('could not allocate an X12 interchange control number', null, { cause: error });
    }
    const x12Request = build278Request(
      toRequest278(submission, {
        controlNumber,
        senderId: this.options.senderId,
        usage: this.options.usage,
        createdAt: this.now(),
        category,
      }),
    );

    const answer = await postToPayer(
      {
        url,
        contentType: X12_CONTENT_TYPE,
        body: x12Request,
        timeoutMs: this.options.timeoutMs,
        x12Request,
      },
      this.options.urlPolicy,
    );
    if (answer.status >= 400) {
      // An X12 endpoint refusing the HTTP request is named by its status, whatever its body says.
      const { message } = rejectionFromAnswer(answer);
      return { kind: 'rejected', code: `http_${answer.status}`, message, x12Request };
    }
    if (answer.body.trim() === '') {
      return { kind: 'delivered', payerReference: null, decision: null, x12Request };
    }

    let response: Response278;
    try {
      response = parse278Response(answer.body);
    } catch (error) {
      throw new RetryableGatewayError(`payer answered ${answer.status} with an unreadable 278 response`, x12Request, {
        cause: error,
      });
    }
    if (response.traceNumber !== request.traceNumber) {
      throw new RetryableGatewayError(
        `payer answered ${answer.status} with the 278 response of another trace number`,
        x12Request,
      );
    }
    const [rejection] = response.rejections;
    if (rejection !== undefined) {
      const code = rejection.code === '' ? 'unspecified' : rejection.code;
      return { kind: 'rejected', code, message: `payer rejected the 278 (AAA ${code})`, x12Request };
    }
    return {
      kind: 'delivered',
      payerReference: response.payerReference,
      decision: decisionFromResponse(response, request.unitType, this.now()),
      x12Request,
    };
  }
}
