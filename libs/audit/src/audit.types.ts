import type { Page } from '@continuum/common';
/** Who did something. An API key is named by its id and role, never by its secret. */
export type AuditActor =
  | { type: 'api_key'; keyId: string; role: string }
  | { type: 'payer'; payerCode: string }
  | { type: 'system' }
  | { type: 'anonymous' };

/** Where an audited action came from: the caller and, for HTTP, the request. */
export interface AuditContext {
  actor: AuditActor;
  requestId?: string;
  clientAddress?: string;
}

export const SYSTEM_CONTEXT: AuditContext = { actor: { type: 'system' } };

export enum AuditOutcome {
  Success = 'success',
  /** Refused by access control (401, 403). */
  Denied = 'denied',
  Failure = 'failure',
}

/**
 * The actions the trail records, as `<subject>.<verb>`. Features add theirs here, so the list of what is
 * audited can be read in one place. PHI reads and writes use the `.read_phi` / `.write_phi` verbs of their
 * subject (a later pre-auth records `preauth.read_phi`).
 */
export enum AuditAction {
  ApiKeyCreate = 'api_key.create',
  ApiKeyRevoke = 'api_key.revoke',
  /** ADMIN_API_KEY created or restored the bootstrap admin key at start. */
  ApiKeyBootstrap = 'api_key.bootstrap',
  /** A request refused by access control: unknown or revoked key, wrong role, wrong origin. */
  AccessDeny = 'access.deny',
  /** `npm run phi:reencrypt` moved a table's values to the current key. */
  PhiReencrypt = 'phi.reencrypt',
  /** Catalog changes: each also bumps the catalog version (`details.catalogVersion`). */
  PayerCreate = 'payer.create',
  PayerUpdate = 'payer.update',
  PlanCreate = 'plan.create',
  PlanUpdate = 'plan.update',
  RatesUpdate = 'rates.update',
  ContractedRatesUpdate = 'contracted_rates.update',
  SlidingScalePolicyCreate = 'sliding_scale_policy.create',
  PovertyGuidelinesCreate = 'poverty_guidelines.create',
  CatalogImport = 'catalog.import',
  /** Good Faith Estimates hold a patient's name, date of birth and diagnoses. */
  GoodFaithEstimateWritePhi = 'good_faith_estimate.write_phi',
  GoodFaithEstimateReadPhi = 'good_faith_estimate.read_phi',
  /** Pre-auth requests hold the patient's identity, member id, diagnoses and clinical summary. */
  PreauthWritePhi = 'preauth.write_phi',
  PreauthReadPhi = 'preauth.read_phi',
  /** Webhook subscriptions (admin): their secrets are shown once, at creation and rotation. */
  WebhookSubscriptionCreate = 'webhook_subscription.create',
  WebhookSubscriptionUpdate = 'webhook_subscription.update',
  WebhookSubscriptionDelete = 'webhook_subscription.delete',
  WebhookSubscriptionRotateSecret = 'webhook_subscription.rotate_secret',
  /** The worker disabled a subscriber that kept failing (`details.reason`). */
  WebhookSubscriptionDisable = 'webhook_subscription.disable',
  WebhookDeliveryReplay = 'webhook_delivery.replay',
  /** A payer callback refused: bad or missing signature, stale timestamp, unknown payer (`details.reason`). */
  PayerWebhookDeny = 'payer_webhook.deny',
}

export interface AuditEventInput {
  action: AuditAction;
  subjectType: string;
  subjectId?: string | null;
  outcome?: AuditOutcome;
  details?: Record<string, string | number | boolean | null>;
}

/** An audit row as the API shows it. */
export interface AuditEventView {
  id: string;
  occurredAt: Date;
  actor: { type: string; id: string | null; role: string | null };
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId: string | null;
  clientAddress: string | null;
  outcome: string;
  details: Record<string, string | number | boolean | null>;
}

export interface AuditEventFilter {
  actorId?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

/** `nextCursor`: pass back as `cursor` for the next (older) page; null on the last page. */
export type AuditEventPage = Page<AuditEventView>;
