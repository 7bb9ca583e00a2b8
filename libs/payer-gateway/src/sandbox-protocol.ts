/**
 * The sandbox payer's wire contract (JSON over HTTP), shared by the `sandbox` gateway adapter that sends
 * it and `apps/payer-sim` that answers it. A real payer integration would have its own contract; this one
 * mirrors what X12 278 and Da Vinci PAS carry, in JSON.
 */
import type { AuthorizationUnitType } from '@continuum/domain';
import type { ReviewAction } from '@continuum/x12';

export type SandboxCertificationType = 'initial' | 'extension' | 'cancel';

export interface SandboxSubmission {
  /** Continuum's trace number: the payer dedupes on it, so a resend is recognised, never a second request. */
  traceNumber: string;
  certificationType: SandboxCertificationType;
  /** For an extension or a cancellation: the authorization it refers to. */
  authorizationNumber: string | null;
  urgency: 'standard' | 'expedited';
  levelOfCare: string;
  /** X12 service type code (UM03), e.g. `AI` substance abuse, `MH` mental health. */
  serviceTypeCode: string;
  placeOfService: string;
  patient: { firstName: string; lastName: string; dateOfBirth: string; sex: 'M' | 'F' | 'U' };
  member: { memberId: string; planId: string };
  requestingProvider: { name: string; npi: string };
  servicingProvider: { name: string; npi: string };
  /** ICD-10-CM, the first principal. */
  diagnoses: string[];
  serviceLines: {
    procedureCode: string;
    revenueCode: string | null;
    units: number;
    unitType: AuthorizationUnitType;
  }[];
  /** Total units asked for (days or sessions) and their kind. */
  requestedUnits: number;
  unitType: AuthorizationUnitType;
  deliveryPattern: { daysPerWeek: number; weeks: number } | null;
  startDate: string;
  endDate: string;
  clinicalSummary: string;
}

/** A payer's decision, the same fields an HCR segment or a webhook callback carries. */
export interface SandboxDecision {
  action: ReviewAction;
  authorizationNumber: string | null;
  approvedUnits: number | null;
  unitType: AuthorizationUnitType | null;
  validFrom: string | null;
  validTo: string | null;
  reasonCode: string | null;
  reasonText: string | null;
  /** ISO instant, UTC. */
  decidedAt: string;
}

/** 200/202 answer to a submission. */
export interface SandboxReceipt {
  traceNumber: string;
  /** The payer's own reference for the request (stable across resends of the same trace number). */
  payerReference: string;
  /** Present when the payer answered at once (a decision or a pend); null when it will call back. */
  decision: SandboxDecision | null;
  /** True when this trace number was already on file: nothing new was created at the payer. */
  duplicate: boolean;
}

/** 4xx answer: the payer refused the request itself (it will never be decided as sent). */
export interface SandboxRejection {
  code: string;
  message: string;
}

/** What a sandbox payer's callback announces: a decision, a pend (decision to follow) or a cancellation. */
export type SandboxCallbackType = 'preauth.decision' | 'preauth.pended' | 'preauth.cancelled';

/**
 * Body of a JSON callback, POSTed to `/v1/webhooks/payers/<payerCode>` and signed per Standard Webhooks with
 * that payer's secret. (A request that came in as X12 is answered by a signed 278 response instead.)
 */
export interface SandboxCallback {
  type: SandboxCallbackType;
  data: SandboxDecision & { traceNumber: string; payerReference: string };
}
