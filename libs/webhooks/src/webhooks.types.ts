import type { Page } from '@continuum/common';
import type { WebhookDeliveryStatus } from './entities/webhook-delivery.entity';
import type { WebhookSubscriptionStatus } from './entities/webhook-subscription.entity';
import type { WebhookEventType } from './webhook-event-types';

export interface WebhookSubscriptionInput {
  url: string;
  eventTypes: WebhookEventType[];
  description?: string | null;
}

export interface WebhookSubscriptionChanges {
  url?: string;
  eventTypes?: WebhookEventType[];
  description?: string | null;
  /** true re-enables a disabled subscription (its failure count starts again); false disables it. */
  enabled?: boolean;
}

export interface WebhookSubscriptionView {
  id: string;
  url: string;
  description: string | null;
  eventTypes: WebhookEventType[];
  status: WebhookSubscriptionStatus;
  disabledReason: string | null;
  disabledAt: Date | null;
  consecutiveFailures: number;
  /** The secrets that sign deliveries now (values never shown again): the current one, and one in its grace period. */
  secrets: { createdAt: Date; expiresAt: Date | null }[];
  createdAt: Date;
  updatedAt: Date;
}

/** Creation and rotation answer with the new secret, once. */
export interface WebhookSecretIssued {
  subscription: WebhookSubscriptionView;
  secret: string;
  /** After a rotation: until when the previous secret also signs deliveries. */
  previousSecretExpiresAt: Date | null;
}

export interface WebhookDeliveryAttemptView {
  round: number;
  attempt: number;
  attemptedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  succeeded: boolean;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: WebhookEventType;
  occurredAt: Date;
  status: WebhookDeliveryStatus;
  round: number;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  completedAt: Date | null;
  attemptLog: WebhookDeliveryAttemptView[];
}

export interface WebhookDeliveryFilter {
  status?: WebhookDeliveryStatus;
  limit: number;
  cursor?: string;
}

export type WebhookDeliveryPage = Page<WebhookDeliveryView>;
