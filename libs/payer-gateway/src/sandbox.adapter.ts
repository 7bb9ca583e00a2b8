import { DECISION_FOR_ACTION } from '@continuum/x12';
import type { OutboundUrlPolicy } from '@continuum/outbound';
import {
  type GatewayDecision,
  type GatewayOutcome,
  type GatewaySubmission,
  type PayerGatewayAdapter,
  RetryableGatewayError,
} from './payer-gateway.types';
import { isRecord, parseJson, payerEndpoint, postToPayer, rejectionFromAnswer } from './payer-http';
import type { SandboxReceipt } from './sandbox-protocol';

export interface SandboxGatewayOptions {
  /** SANDBOX_PAYER_URL, without a trailing slash. */
  sandboxPayerUrl: string | undefined;
  timeoutMs: number;
  /** Vets the address every request connects to (OUTBOUND_ALLOWED_HOSTS). */
  urlPolicy: OutboundUrlPolicy;
}

const UNIT_TYPES = new Set<unknown>(['day', 'session', 'unit']);

const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

function isDecision(value: unknown): value is GatewayDecision {
  return (
    isRecord(value) &&
    typeof value.action === 'string' &&
    Object.hasOwn(DECISION_FOR_ACTION, value.action) &&
    isStringOrNull(value.authorizationNumber) &&
    (value.approvedUnits === null ||
      (typeof value.approvedUnits === 'number' && Number.isFinite(value.approvedUnits))) &&
    (value.unitType === null || UNIT_TYPES.has(value.unitType)) &&
    isStringOrNull(value.validFrom) &&
    isStringOrNull(value.validTo) &&
    isStringOrNull(value.reasonCode) &&
    isStringOrNull(value.reasonText) &&
    typeof value.decidedAt === 'string'
  );
}

/** A SandboxReceipt, checked field by field: the body comes from outside. */
function readReceipt(body: string): SandboxReceipt | undefined {
  const parsed = parseJson(body);
  if (
    !isRecord(parsed) ||
    typeof parsed.traceNumber !== 'string' ||
    typeof parsed.payerReference !== 'string' ||
    parsed.payerReference === '' ||
    (parsed.decision !== null && !isDecision(parsed.decision))
  ) {
    return undefined;
  }
  return {
    traceNumber: parsed.traceNumber,
    payerReference: parsed.payerReference,
    decision: parsed.decision,
    duplicate: parsed.duplicate === true,
  };
}

/** Copies only the contract's fields, so nothing extra the payer sent is stored. */
const decisionOf = (decision: GatewayDecision): GatewayDecision => ({
  action: decision.action,
  authorizationNumber: decision.authorizationNumber,
  approvedUnits: decision.approvedUnits,
  unitType: decision.unitType,
  validFrom: decision.validFrom,
  validTo: decision.validTo,
  reasonCode: decision.reasonCode,
  reasonText: decision.reasonText,
  decidedAt: decision.decidedAt,
});

/**
 * The sandbox payer (`apps/payer-sim`, or any payer speaking its JSON contract): POSTs the SandboxSubmission
 * to `<endpoint>` or `${SANDBOX_PAYER_URL}/v1/payers/<code>/preauths`.
 */
export class SandboxGatewayAdapter implements PayerGatewayAdapter {
  readonly connection = 'sandbox' as const;

  constructor(private readonly options: SandboxGatewayOptions) {}

  async submit(submission: GatewaySubmission): Promise<GatewayOutcome> {
    const { payer, request } = submission;
    const url = payerEndpoint(
      payer,
      this.options.sandboxPayerUrl,
      `/v1/payers/${encodeURIComponent(payer.code)}/preauths`,
    );
    const answer = await postToPayer(
      {
        url,
        contentType: 'application/json',
        body: JSON.stringify(request),
        timeoutMs: this.options.timeoutMs,
        x12Request: null,
      },
      this.options.urlPolicy,
    );
    if (answer.status >= 400) {
      return { kind: 'rejected', ...rejectionFromAnswer(answer), x12Request: null };
    }
    const receipt = readReceipt(answer.body);
    if (receipt === undefined) {
      throw new RetryableGatewayError(`payer answered ${answer.status} without a valid receipt`);
    }
    if (receipt.traceNumber !== request.traceNumber) {
      throw new RetryableGatewayError(`payer answered ${answer.status} with the receipt of another trace number`);
    }
    return {
      kind: 'delivered',
      payerReference: receipt.payerReference,
      decision: receipt.decision === null ? null : decisionOf(receipt.decision),
      x12Request: null,
    };
  }
}
