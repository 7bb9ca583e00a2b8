import type { PreauthUrgency } from './preauth-request';

/** CMS-0057-F decision timeframes for impacted payers (from 1 January 2026); a payer may promise less. */
export const DEFAULT_DECISION_TIMES = Object.freeze({ expeditedHours: 72, standardDays: 7 });

export interface DecisionTimes {
  expeditedHours: number;
  standardDays: number;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * When the payer's decision is due: 72 hours after receipt for expedited requests, 7 calendar days for
 * standard ones (or the payer's own, shorter promise). Calendar time, not business days, as the rule says.
 */
export function decisionDueAt(
  receivedAt: Date,
  urgency: PreauthUrgency,
  times: DecisionTimes = DEFAULT_DECISION_TIMES,
): Date {
  const hours = urgency === 'expedited' ? times.expeditedHours : times.standardDays * 24;
  return new Date(receivedAt.getTime() + hours * HOUR_MS);
}

/** Decision time in hours, for turnaround reports. */
export function decisionHours(receivedAt: Date, decidedAt: Date): number {
  return (decidedAt.getTime() - receivedAt.getTime()) / HOUR_MS;
}
