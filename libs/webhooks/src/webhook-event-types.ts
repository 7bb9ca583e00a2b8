import type { PreauthStatus } from '@continuum/domain';

/** Every event a subscription can ask for. Bodies are thin (ids, statuses, times), never PHI. */
export const WEBHOOK_EVENT_TYPES = [
  'preauth.status_changed',
  'preauth.decision_overdue',
  'preauth.review_needed',
  'authorization.expiring',
  'authorization.revoked',
  'good_faith_estimate.issued',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The `data` of each event type. */
export interface WebhookEventData {
  'preauth.status_changed': {
    preauthId: string;
    previousStatus: PreauthStatus | null;
    status: PreauthStatus;
    /** Who caused it: api, staff, worker, payer or sweep. */
    source: string;
  };
  'preauth.decision_overdue': { preauthId: string; status: PreauthStatus; decisionDueAt: string };
  'preauth.review_needed': {
    preauthId: string;
    status: PreauthStatus;
    reasons: string[];
    remainingUnits: number;
    validTo: string | null;
  };
  'authorization.expiring': { preauthId: string; status: PreauthStatus; validTo: string; remainingUnits: number };
  /** The payer withdrew the authorization: nothing is covered from `effectiveDate` on; units used before it stand. */
  'authorization.revoked': {
    preauthId: string;
    status: PreauthStatus;
    effectiveDate: string;
    validTo: string | null;
    usedUnits: number;
  };
  'good_faith_estimate.issued': { goodFaithEstimateId: string; version: number };
}

/** The JSON body every delivery carries (the Standard Webhooks shape). */
export interface WebhookEnvelope<T extends WebhookEventType = WebhookEventType> {
  type: T;
  /** When it happened, ISO 8601 UTC. */
  timestamp: string;
  data: WebhookEventData[T];
}
