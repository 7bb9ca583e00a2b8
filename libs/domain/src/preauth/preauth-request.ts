import { daysBetween } from '../date-only';

export type PreauthUrgency = 'standard' | 'expedited';
export const PREAUTH_URGENCIES: readonly PreauthUrgency[] = Object.freeze(['standard', 'expedited']);

/** What an authorized unit is: a day (stays, PHP and IOP session days), a session (outpatient), or a billing unit. */
export type AuthorizationUnitType = 'day' | 'session' | 'unit';
export const AUTHORIZATION_UNIT_TYPES: readonly AuthorizationUnitType[] = Object.freeze(['day', 'session', 'unit']);

/** What a 278 (UM02) or a JSON submission asks for: the first request, more units, or withdrawal. */
export type CertificationType = 'initial' | 'extension' | 'cancel';

/**
 * When to flag an authorization for concurrent review: the extension has to reach the payer before the last
 * covered day, and payers take days to answer, so staff need the warning early.
 */
export interface ConcurrentReviewPolicy {
  /** Flag when this many units or fewer remain… */
  remainingUnits: number;
  /** …or this share of the approved units (basis points of 10,000) or less… */
  remainingShareBp: number;
  /** …or the last covered day is this many days away or fewer. */
  daysBeforeEnd: number;
}

export const DEFAULT_CONCURRENT_REVIEW_POLICY: ConcurrentReviewPolicy = Object.freeze({
  remainingUnits: 3,
  remainingShareBp: 2_000,
  daysBeforeEnd: 5,
});

/**
 * Days before an authorization's last covered day that the provider's systems are told it is expiring
 * (`authorization.expiring`), once per end date: an extension that moves the end date warns again later.
 */
export const AUTHORIZATION_EXPIRING_NOTICE_DAYS = 3;

export interface AuthorizationUsage {
  approvedUnits: number;
  usedUnits: number;
  /** Last covered day, `YYYY-MM-DD`. */
  validTo: string;
}

export type ReviewReason = 'units_running_out' | 'end_date_near';

/** Why an authorization needs concurrent review today, or an empty list when it does not. */
export function concurrentReviewReasons(
  usage: AuthorizationUsage,
  today: string,
  policy: ConcurrentReviewPolicy = DEFAULT_CONCURRENT_REVIEW_POLICY,
): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  const remaining = remainingUnits(usage);
  const shareFloor = Math.floor((usage.approvedUnits * policy.remainingShareBp) / 10_000);
  if (remaining <= Math.max(policy.remainingUnits, shareFloor)) reasons.push('units_running_out');
  if (daysBetween(today, usage.validTo) <= policy.daysBeforeEnd) reasons.push('end_date_near');
  return reasons;
}

export function remainingUnits(usage: Pick<AuthorizationUsage, 'approvedUnits' | 'usedUnits'>): number {
  return Math.max(0, usage.approvedUnits - usage.usedUnits);
}
