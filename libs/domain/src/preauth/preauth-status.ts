import { withArticle } from '../text/grammar';
/**
 * The pre-authorization state machine: every status a request can be in, and which changes are legal.
 * The API, the worker and payer callbacks all ask `transitionFor` before they write; anything else is a 409.
 */
export enum PreauthStatus {
  /** Accepted and waiting for the worker to send it. */
  Queued = 'queued',
  /** The payer has it; no decision yet. */
  Submitted = 'submitted',
  /** The payer wants more information (HCR A4) or asks the provider to call (CT). */
  Pended = 'pended',
  Approved = 'approved',
  /** Certified with fewer units or a shorter period than asked (A2), or modified (A6). */
  PartiallyApproved = 'partially_approved',
  Denied = 'denied',
  /** The payer refused the request itself (a 4xx or an AAA rejection): it will never be decided as sent. */
  Rejected = 'rejected',
  /** Every attempt to deliver it failed (network or 5xx); staff may retry. */
  SubmissionFailed = 'submission_failed',
  Cancelled = 'cancelled',
  NoAuthRequired = 'no_auth_required',
  /** The authorization's last covered day has passed. */
  Expired = 'expired',
  /**
   * The payer withdrew an authorization it had granted (a cancellation, HCR01 `C`, after approval): nothing is
   * covered from the effective date on; units used before it stay valid.
   */
  Revoked = 'revoked',
  /** More units asked for an authorization (concurrent review): waiting for the worker to send it. */
  ExtensionQueued = 'extension_queued',
  ExtensionSubmitted = 'extension_submitted',
  ExtensionPended = 'extension_pended',
  /** The extension was refused; the authorization stands as it was until its end. */
  ExtensionDenied = 'extension_denied',
  /** Every attempt to deliver the extension failed; the authorization stands, and staff may retry. */
  ExtensionSubmissionFailed = 'extension_submission_failed',
}

export const PREAUTH_STATUSES: readonly PreauthStatus[] = Object.freeze(Object.values(PreauthStatus));

/** Who caused a change: recorded on every event row. */
export type PreauthEventSource = 'api' | 'staff' | 'worker' | 'payer' | 'sweep';

/** A payer's answer, as the state machine sees it (from HCR01 through DECISION_FOR_ACTION). */
export type PayerOutcome = 'approved' | 'partially_approved' | 'denied' | 'pended' | 'cancelled' | 'no_auth_required';

export type PreauthTrigger =
  /** The gateway delivered the request (initial or extension) to the payer. */
  | { kind: 'sent' }
  | { kind: 'decided'; outcome: PayerOutcome }
  | { kind: 'rejected' }
  | { kind: 'delivery_failed' }
  | { kind: 'retry' }
  | { kind: 'extension_requested' }
  | { kind: 'cancel' }
  | { kind: 'expire' };

/**
 * Statuses in which an authorization is in force and no extension is with the payer: units can be used, it
 * can be extended, it expires after its last day, and it is watched for concurrent review.
 */
export const AUTHORIZATION_IN_FORCE: ReadonlySet<PreauthStatus> = new Set([
  PreauthStatus.Approved,
  PreauthStatus.PartiallyApproved,
  PreauthStatus.ExtensionDenied,
  PreauthStatus.ExtensionSubmissionFailed,
]);

/** Statuses in which the payer holds an extension request. */
const EXTENSION_IN_PROGRESS: ReadonlySet<PreauthStatus> = new Set([
  PreauthStatus.ExtensionQueued,
  PreauthStatus.ExtensionSubmitted,
  PreauthStatus.ExtensionPended,
]);

/** Statuses that end a request: nothing but reading it is possible afterwards. */
export const TERMINAL_STATUSES: ReadonlySet<PreauthStatus> = new Set([
  PreauthStatus.Denied,
  PreauthStatus.Rejected,
  PreauthStatus.Cancelled,
  PreauthStatus.NoAuthRequired,
  PreauthStatus.Expired,
  PreauthStatus.Revoked,
]);

/** Statuses that wait on the payer's decision, so a decision deadline runs. */
export const AWAITING_DECISION: ReadonlySet<PreauthStatus> = new Set([
  PreauthStatus.Queued,
  PreauthStatus.Submitted,
  PreauthStatus.Pended,
  PreauthStatus.SubmissionFailed,
  PreauthStatus.ExtensionQueued,
  PreauthStatus.ExtensionSubmitted,
  PreauthStatus.ExtensionPended,
  PreauthStatus.ExtensionSubmissionFailed,
]);

export function isAuthorized(status: PreauthStatus): boolean {
  return AUTHORIZATION_IN_FORCE.has(status) || EXTENSION_IN_PROGRESS.has(status);
}

/** Whether units can be recorded as used: an authorization is (or was, while an extension is pending) in force. */
export const canRecordUtilization = isAuthorized;

export type TransitionResult = { legal: true; to: PreauthStatus } | { legal: false; reason: string };

/** The status `trigger` moves a request from `from` to, or why it cannot. */
export function transitionFor(from: PreauthStatus, trigger: PreauthTrigger): TransitionResult {
  const to = nextStatus(from, trigger);
  if (to === undefined) return { legal: false, reason: `${withArticle(from)} request cannot ${describe(trigger)}` };
  return { legal: true, to };
}

function nextStatus(from: PreauthStatus, trigger: PreauthTrigger): PreauthStatus | undefined {
  switch (trigger.kind) {
    case 'sent':
      if (from === PreauthStatus.Queued) return PreauthStatus.Submitted;
      if (from === PreauthStatus.ExtensionQueued) return PreauthStatus.ExtensionSubmitted;
      return undefined;
    case 'decided':
      return decided(from, trigger.outcome);
    case 'rejected':
      if (from === PreauthStatus.Queued) return PreauthStatus.Rejected;
      // The authorization itself still stands; only the extension was refused.
      if (from === PreauthStatus.ExtensionQueued) return PreauthStatus.ExtensionDenied;
      return undefined;
    case 'delivery_failed':
      if (from === PreauthStatus.Queued) return PreauthStatus.SubmissionFailed;
      if (from === PreauthStatus.ExtensionQueued) return PreauthStatus.ExtensionSubmissionFailed;
      return undefined;
    case 'retry':
      if (from === PreauthStatus.SubmissionFailed) return PreauthStatus.Queued;
      if (from === PreauthStatus.ExtensionSubmissionFailed) return PreauthStatus.ExtensionQueued;
      return undefined;
    case 'extension_requested':
      // A failed extension is retried, not asked again.
      return AUTHORIZATION_IN_FORCE.has(from) && from !== PreauthStatus.ExtensionSubmissionFailed
        ? PreauthStatus.ExtensionQueued
        : undefined;
    case 'cancel':
      return TERMINAL_STATUSES.has(from) ? undefined : PreauthStatus.Cancelled;
    case 'expire':
      return AUTHORIZATION_IN_FORCE.has(from) || EXTENSION_IN_PROGRESS.has(from) ? PreauthStatus.Expired : undefined;
  }
}

function decided(from: PreauthStatus, outcome: PayerOutcome): PreauthStatus | undefined {
  // A cancellation once an authorization exists withdraws it (revocation), extension pending or not.
  if (outcome === 'cancelled' && isAuthorized(from)) return PreauthStatus.Revoked;
  const initial = from === PreauthStatus.Submitted || from === PreauthStatus.Pended;
  const extension = from === PreauthStatus.ExtensionSubmitted || from === PreauthStatus.ExtensionPended;
  if (!initial && !extension) return undefined;
  switch (outcome) {
    case 'pended':
      return extension ? PreauthStatus.ExtensionPended : PreauthStatus.Pended;
    case 'approved':
      return PreauthStatus.Approved;
    case 'partially_approved':
      // More units granted than none, fewer than asked: on an extension the authorization is still in force.
      return extension ? PreauthStatus.Approved : PreauthStatus.PartiallyApproved;
    case 'denied':
      return extension ? PreauthStatus.ExtensionDenied : PreauthStatus.Denied;
    case 'cancelled':
      return PreauthStatus.Cancelled;
    case 'no_auth_required':
      return extension ? PreauthStatus.Approved : PreauthStatus.NoAuthRequired;
  }
}

function describe(trigger: PreauthTrigger): string {
  switch (trigger.kind) {
    case 'sent':
      return 'be sent to the payer';
    case 'decided':
      return `take a payer decision (${trigger.outcome})`;
    case 'rejected':
      return 'be rejected by the payer';
    case 'delivery_failed':
      return 'fail delivery';
    case 'retry':
      return 'be retried (only a request or extension whose delivery failed can)';
    case 'extension_requested':
      return 'be extended (only an approved authorization can)';
    case 'cancel':
      return 'be cancelled';
    case 'expire':
      return 'expire';
  }
}

/**
 * Whether a payer event dated `decidedAt` may still change a request last changed by the payer at
 * `lastPayerEventAt`: an older notice that arrives late (a pend after the approval) must not move it back.
 * Answers are ordered by (decision time, arrival): one dated the same as the last, compared at the coarser
 * of the two precisions (`precisionMs`: 1000 for a time known only to the second, such as a webhook
 * timestamp), arrived later and so is newer.
 */
export function isNewerPayerEvent(decidedAt: Date, lastPayerEventAt: Date | null, precisionMs = 1): boolean {
  if (lastPayerEventAt === null) return true;
  return Math.floor(decidedAt.getTime() / precisionMs) >= Math.floor(lastPayerEventAt.getTime() / precisionMs);
}
