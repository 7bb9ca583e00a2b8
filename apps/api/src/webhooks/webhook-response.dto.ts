import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@continuum/webhooks';
import { PageDto } from '../http/page.dto';

/* Response schemas of the webhook subscription routes. Secrets are shown only by create and rotate. */

export class WebhookSigningSecretDto {
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set during a grace period.' })
  expiresAt!: string | null;
}

export class WebhookSubscriptionResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uri' })
  url!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  eventTypes!: WebhookEventType[];

  @ApiProperty({ enum: ['active', 'disabled'] })
  status!: 'active' | 'disabled';

  @ApiProperty({ type: String, nullable: true })
  disabledReason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt!: string | null;

  @ApiProperty()
  consecutiveFailures!: number;

  @ApiProperty({
    type: [WebhookSigningSecretDto],
    description: 'The secrets signing deliveries now (values never shown again).',
  })
  secrets!: WebhookSigningSecretDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const WebhookSubscriptionPageDto = PageDto(WebhookSubscriptionResponseDto);

export class WebhookSecretIssuedDto {
  @ApiProperty({ type: WebhookSubscriptionResponseDto })
  subscription!: WebhookSubscriptionResponseDto;

  @ApiProperty({ description: 'The signing secret (whsec_…), shown this once.' })
  secret!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'After a rotation: until when the previous secret also signs deliveries.',
  })
  previousSecretExpiresAt!: string | null;
}

export class WebhookDeliveryAttemptDto {
  @ApiProperty()
  round!: number;

  @ApiProperty()
  attempt!: number;

  @ApiProperty({ format: 'date-time' })
  attemptedAt!: string;

  @ApiProperty()
  durationMs!: number;

  @ApiProperty({ type: Number, nullable: true })
  statusCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty()
  succeeded!: boolean;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  eventId!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES })
  eventType!: WebhookEventType;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ enum: ['pending', 'succeeded', 'failed', 'cancelled'] })
  status!: string;

  @ApiProperty()
  round!: number;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: Number, nullable: true })
  lastStatusCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;

  @ApiProperty({ type: [WebhookDeliveryAttemptDto] })
  attemptLog!: WebhookDeliveryAttemptDto[];
}

export const WebhookDeliveryPageDto = PageDto(WebhookDeliveryDto);

/** The answer to a payer's signed callback. */
export class PayerCallbackReceiptDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'True when this webhook-id was already received: acknowledged, nothing changed.' })
  duplicate!: boolean;
}
