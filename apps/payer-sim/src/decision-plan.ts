import type {
  SandboxCallbackType,
  SandboxDecision,
  SandboxRejection,
  SandboxSubmission,
} from '@continuum/payer-gateway';
import { DEFAULT_PARTIAL_FRACTION, DEFAULT_PEND_MS, type DecisionRule } from './decision-rules';

/** A decision without its instant: `decidedAt` is stamped when it is issued. */
export type DecisionDraft = Omit<SandboxDecision, 'decidedAt'>;

/** One decision the payer issues, `afterMs` after it received the submission. */
export interface PlannedDecision {
  afterMs: number;
  type: SandboxCallbackType;
  decision: DecisionDraft;
}

/**
 * How the payer answers one delivery. For `decide`, the steps are in time order; the first is answered in
 * the HTTP response when its `afterMs` is 0, every other one by callback.
 */
export type DecisionPlan =
  { kind: 'fail' } | { kind: 'reject'; rejection: SandboxRejection } | { kind: 'decide'; steps: PlannedDecision[] };

export interface PlanContext {
  /** `PAYER_SIM_DECISION_DELAY_MS`, for rules that set no `delayMs`. */
  defaultDelayMs: number;
  /** Issues a new authorization number (for approvals of an initial request). */
  newAuthorizationNumber: () => string;
  /** Whether the authorization an extension or a cancellation names is on file at this payer. */
  authorizationKnown: boolean;
}

export const DEFAULT_DENIAL = { reasonCode: 'MN', reasonText: 'Medical necessity criteria not met (sandbox rule)' };
export const DEFAULT_REJECTION: SandboxRejection = {
  code: 'member_not_found',
  message: 'The payer has no member with this member id (sandbox rule).',
};
const UNKNOWN_AUTHORIZATION: SandboxRejection = {
  code: 'authorization_not_found',
  message: 'The payer has no authorization with this number to extend or cancel.',
};

const DAY_MS = 86_400_000;
const toDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Days from `startDate` to `endDate`, both included. */
export const daysIncluded = (startDate: string, endDate: string): number => toDay(endDate) - toDay(startDate) + 1;
export const addDays = (date: string, days: number): string => fromDay(toDay(date) + days);

const noDecisionFields = {
  authorizationNumber: null,
  approvedUnits: null,
  unitType: null,
  validFrom: null,
  validTo: null,
  reasonCode: null,
  reasonText: null,
} satisfies Omit<DecisionDraft, 'action'>;

/** A2: a share or a fixed number of the units, with the validity cut to match (or to `validDays`). */
function partialApproval(
  submission: SandboxSubmission,
  rule: DecisionRule,
): { approvedUnits: number; validTo: string } {
  const requested = submission.requestedUnits;
  const approvedUnits =
    rule.approvedUnits !== undefined
      ? Math.min(rule.approvedUnits, requested)
      : Math.max(Math.min(1, requested), Math.floor(requested * (rule.approvedFraction ?? DEFAULT_PARTIAL_FRACTION)));
  const period = daysIncluded(submission.startDate, submission.endDate);
  const validDays =
    rule.validDays !== undefined
      ? Math.min(rule.validDays, period)
      : Math.max(1, Math.ceil((period * approvedUnits) / Math.max(requested, 1)));
  return { approvedUnits, validTo: addDays(submission.startDate, validDays - 1) };
}

/** The final (non-pend) decision of an outcome, for an initial request or an extension. */
function finalDecision(
  submission: SandboxSubmission,
  rule: DecisionRule,
  outcome: 'approve' | 'partial' | 'deny' | 'no_auth_required',
  context: PlanContext,
): DecisionDraft {
  // An extension adds units to the authorization it names; an initial approval opens a new one.
  const existing = submission.certificationType === 'extension' ? submission.authorizationNumber : null;
  const certified = (): Omit<DecisionDraft, 'action'> => ({
    ...noDecisionFields,
    authorizationNumber: existing ?? context.newAuthorizationNumber(),
    approvedUnits: submission.requestedUnits,
    unitType: submission.unitType,
    validFrom: submission.startDate,
    validTo: submission.endDate,
  });
  switch (outcome) {
    case 'approve':
      return { action: 'A1', ...certified() };
    case 'partial':
      return { action: 'A2', ...certified(), ...partialApproval(submission, rule) };
    case 'deny':
      return {
        action: 'A3',
        ...noDecisionFields,
        authorizationNumber: existing,
        reasonCode: rule.reasonCode ?? DEFAULT_DENIAL.reasonCode,
        reasonText: rule.reasonText ?? DEFAULT_DENIAL.reasonText,
      };
    case 'no_auth_required':
      return { action: 'NA', ...noDecisionFields, reasonText: 'No authorization is required for this service' };
  }
}

const PEND: DecisionDraft = { action: 'A4', ...noDecisionFields, reasonText: 'Pended for clinical review' };

/** What the payer does with one delivery of a submission, by the rule that matched it. Pure. */
export function planDecision(submission: SandboxSubmission, rule: DecisionRule, context: PlanContext): DecisionPlan {
  if (rule.outcome === 'fail') return { kind: 'fail' };
  if (rule.outcome === 'reject') {
    return {
      kind: 'reject',
      rejection: {
        code: rule.rejectionCode ?? DEFAULT_REJECTION.code,
        message: rule.rejectionMessage ?? DEFAULT_REJECTION.message,
      },
    };
  }
  if (submission.certificationType !== 'initial' && !context.authorizationKnown) {
    return { kind: 'reject', rejection: UNKNOWN_AUTHORIZATION };
  }
  const delayMs = rule.delayMs ?? context.defaultDelayMs;
  if (submission.certificationType === 'cancel') {
    const cancellation = {
      action: 'C',
      ...noDecisionFields,
      authorizationNumber: submission.authorizationNumber,
    } as const;
    return { kind: 'decide', steps: [{ afterMs: delayMs, type: 'preauth.cancelled', decision: cancellation }] };
  }
  switch (rule.outcome) {
    case 'pend_then_approve':
    case 'pend_then_deny': {
      const final = finalDecision(submission, rule, rule.outcome === 'pend_then_approve' ? 'approve' : 'deny', context);
      return {
        kind: 'decide',
        steps: [
          { afterMs: delayMs, type: 'preauth.pended', decision: PEND },
          { afterMs: delayMs + (rule.pendForMs ?? DEFAULT_PEND_MS), type: 'preauth.decision', decision: final },
        ],
      };
    }
    default:
      return {
        kind: 'decide',
        steps: [
          {
            afterMs: delayMs,
            type: 'preauth.decision',
            decision: finalDecision(submission, rule, rule.outcome, context),
          },
        ],
      };
  }
}
