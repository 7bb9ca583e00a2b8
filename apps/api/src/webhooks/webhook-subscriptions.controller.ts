import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type WebhookDeliveryPage,
  type WebhookDeliveryView,
  type WebhookSecretIssued,
  WebhookSubscriptionsService,
  type WebhookSubscriptionView,
} from '@continuum/webhooks';
import { AdminOnly } from '../access/access-policy';
import { type Caller, CurrentCaller } from '../access/caller';
import { PAGE_DEFAULT } from '../http/cursor-page-query.dto';
import { uuidParam } from '../http/uuid-param';
import {
  CreateWebhookSubscriptionDto,
  DeliveryListQueryDto,
  UpdateWebhookSubscriptionDto,
} from './webhook-subscription.dto';

@ApiTags('webhooks')
@AdminOnly()
@Controller('v1/webhook-subscriptions')
export class WebhookSubscriptionsController {
  constructor(private readonly subscriptions: WebhookSubscriptionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe a URL to event types; the answer shows the signing secret, once',
    description:
      'Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) with the secret, retried with backoff for about a day, and carry ids and statuses only, never PHI.',
  })
  create(@Body() body: CreateWebhookSubscriptionDto, @CurrentCaller() caller: Caller): Promise<WebhookSecretIssued> {
    return this.subscriptions.create(
      { url: body.url, eventTypes: body.eventTypes, description: body.description ?? null },
      caller,
    );
  }

  @Get()
  @ApiOperation({ summary: 'Every subscription (secrets never shown)' })
  list(): Promise<WebhookSubscriptionView[]> {
    return this.subscriptions.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription' })
  get(@Param('id', uuidParam('id')) id: string): Promise<WebhookSubscriptionView> {
    return this.subscriptions.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL, event types or description; enable or disable' })
  update(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: UpdateWebhookSubscriptionDto,
    @CurrentCaller() caller: Caller,
  ): Promise<WebhookSubscriptionView> {
    return this.subscriptions.update(id, body, caller);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete the subscription with its delivery history' })
  async remove(@Param('id', uuidParam('id')) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    await this.subscriptions.remove(id, caller);
  }

  @Post(':id/rotate-secret')
  @ApiOperation({
    summary: 'A new signing secret, shown once; the previous one keeps signing for WEBHOOK_SECRET_GRACE_HOURS',
  })
  rotateSecret(
    @Param('id', uuidParam('id')) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<WebhookSecretIssued> {
    return this.subscriptions.rotateSecret(id, caller);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries, newest first, each with every attempt (status code, error, duration)' })
  deliveries(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: DeliveryListQueryDto,
  ): Promise<WebhookDeliveryPage> {
    return this.subscriptions.deliveries(id, {
      status: query.status,
      limit: query.limit ?? PAGE_DEFAULT,
      cursor: query.cursor,
    });
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a failed delivery again (a new round of attempts)' })
  replay(
    @Param('id', uuidParam('id')) id: string,
    @Param('deliveryId', uuidParam('deliveryId')) deliveryId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<WebhookDeliveryView> {
    return this.subscriptions.replay(id, deliveryId, caller);
  }
}
