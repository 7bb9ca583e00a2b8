import type {
  AuthorizationUnitType,
  CertificationType,
  LevelOfCare,
  PreauthEventSource,
  PreauthStatus,
  PreauthUrgency,
  ReviewReason,
} from '@continuum/domain';
import type { Page } from '@continuum/common';
import type { ReviewAction } from '@continuum/x12';

export interface ProviderRef {
  name: string;
  npi: string;
}

export interface RequestedServiceLine {
  procedureCode: string;
  /** Institutional lines carry a UB-04 revenue code. */
  revenueCode: string | null;
  units: number;
  unitType: AuthorizationUnitType;
}

/** A pre-auth request as billing staff submit it (validated by the API's DTO). */
export interface PreauthInput {
  patient: { firstName: string; lastName: string; dateOfBirth: string; sex: 'M' | 'F' | 'U' };
  memberId: string;
  planId: string;
  requestingProvider: ProviderRef;
  servicingProvider: ProviderRef;
  levelOfCare: LevelOfCare;
  /** ICD-10-CM, the first principal. */
  diagnoses: string[];
  serviceLines: RequestedServiceLine[];
  deliveryPattern?: { daysPerWeek: number; weeks: number } | null;
  /** Defaults to the level of care's usual place of service. */
  placeOfService?: string | null;
  requestedStartDate: string;
  requestedEndDate: string;
  urgency: PreauthUrgency;
  clinicalSummary: string;
  /** Staff confirm procedure codes that are not usual for the level of care. */
  procedureCodesConfirmed?: boolean | null;
}

/** The 202 answer to an accepted request, given again to a repeat with the same key and body. */
export interface PreauthAcceptedAnswer {
  id: string;
  status: 'queued';
  traceNumber: string;
  decisionDueAt: string;
}

/** A payer's answer, from a gateway response, a payer callback, or staff recording a phone or portal answer. */
export interface PayerDecisionInput {
  action: ReviewAction;
  authorizationNumber?: string | null;
  approvedUnits?: number | null;
  unitType?: AuthorizationUnitType | null;
  validFrom?: string | null;
  validTo?: string | null;
  reasonCode?: string | null;
  reasonText?: string | null;
  payerReference?: string | null;
  /** When the payer decided; defaults to now. */
  decidedAt?: Date;
  /** How precisely `decidedAt` is known, in ms (1000 for a whole-second webhook timestamp); default 1. */
  decidedAtPrecisionMs?: number;
  /** Staff confirm the payer granted more units than were asked. */
  exceedsRequested?: boolean;
}

export interface ExtensionInput {
  /** Units asked for beyond those already approved. */
  additionalUnits: number;
  /** The new last day asked for. */
  endDate: string;
  clinicalSummary?: string | null;
}

export interface PreauthEventView {
  sequence: number;
  occurredAt: Date;
  type: string;
  fromStatus: PreauthStatus | null;
  toStatus: PreauthStatus;
  source: PreauthEventSource;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
}

export interface SubmissionView {
  id: string;
  kind: CertificationType;
  traceNumber: string;
  state: string;
  requestedUnits: number;
  periodStart: string;
  periodEnd: string;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

export interface AuthorizationView {
  authorizationNumber: string | null;
  approvedUnits: number;
  unitType: AuthorizationUnitType;
  validFrom: string | null;
  validTo: string | null;
  usedUnits: number;
  remainingUnits: number;
  /** Units used beyond the approved ones (recorded with `overAuthorization: true`); 0 normally. */
  unitsOverAuthorization: number;
}

/** One row of the staff work list: no PHI, so listing needs no decryption and leaves no PHI audit rows. */
export interface PreauthSummary {
  id: string;
  status: PreauthStatus;
  payer: { id: string; code: string; name: string };
  planId: string;
  levelOfCare: LevelOfCare;
  urgency: PreauthUrgency;
  traceNumber: string;
  requestedUnits: number;
  unitType: AuthorizationUnitType;
  requestedStartDate: string;
  requestedEndDate: string;
  receivedAt: Date;
  decisionDueAt: Date;
  overdue: boolean;
  overdueSince: Date | null;
  decidedAt: Date | null;
  needsReview: boolean;
  reviewReasons: ReviewReason[];
  authorization: AuthorizationView | null;
  statusReason: { code: string | null; text: string | null } | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The whole request, PHI included (reading it is audited), with its submissions and events. */
export interface PreauthDetail extends PreauthSummary {
  patient: PreauthInput['patient'];
  memberId: string;
  diagnoses: string[];
  clinicalSummary: string;
  requestingProvider: ProviderRef;
  servicingProvider: ProviderRef;
  serviceLines: RequestedServiceLine[];
  deliveryPattern: { daysPerWeek: number; weeks: number } | null;
  placeOfService: string;
  payerReference: string | null;
  submissions: SubmissionView[];
  /** Every entry, reversed ones included (they no longer count). */
  utilization: UtilizationEntryView[];
  events: PreauthEventView[];
}

export interface UtilizationEntryView {
  id: string;
  serviceDate: string;
  units: number;
  recordedAt: Date;
  /** Recorded beyond the approved units, confirmed by staff. */
  overAuthorization: boolean;
  /** Set when the entry was corrected away. */
  reversal: { reversedAt: Date; reason: string | null } | null;
}

export interface PreauthListFilter {
  status?: PreauthStatus[];
  payer?: string;
  levelOfCare?: LevelOfCare;
  dueBefore?: Date;
  overdue?: boolean;
  needsReview?: boolean;
  limit: number;
  cursor?: string;
}

export type PreauthPage = Page<PreauthSummary>;

export interface TurnaroundRow {
  payer: { id: string; code: string; name: string };
  urgency: PreauthUrgency;
  requests: number;
  decided: number;
  approved: number;
  partiallyApproved: number;
  denied: number;
  noAuthRequired: number;
  approvedAfterExtension: number;
  /** Shares of decided requests, in percent with one decimal; null when nothing was decided. */
  approvedPercent: number | null;
  deniedPercent: number | null;
  approvedAfterExtensionPercent: number | null;
  averageDecisionHours: number | null;
  medianDecisionHours: number | null;
  /** Requests decided after their first due time, or flagged overdue by the sweep now (cancelled ones are not). */
  overdue: number;
}

/** One page holding every row (the report is never paginated), with the period it covers. */
export interface TurnaroundReport extends Page<TurnaroundRow> {
  from: string;
  to: string;
}
