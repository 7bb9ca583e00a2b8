import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Page } from '@continuum/common';
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
import {
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookSecretIssuedDto,
  WebhookSubscriptionPageDto,
  WebhookSubscriptionResponseDto,
} from './webhook-response.dto';

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
  @ApiCreatedResponse({ type: WebhookSecretIssuedDto })
  create(@Body() body: CreateWebhookSubscriptionDto, @CurrentCaller() caller: Caller): Promise<WebhookSecretIssued> {
    return this.subscriptions.create(
      { url: body.url, eventTypes: body.eventTypes, description: body.description ?? null },
      caller,
    );
  }

  @Get()
  @ApiOperation({ summary: 'Every subscription (secrets never shown)' })
  @ApiOkResponse({ type: WebhookSubscriptionPageDto })
  list(): Promise<Page<WebhookSubscriptionView>> {
    return this.subscriptions.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription' })
  @ApiOkResponse({ type: WebhookSubscriptionResponseDto })
  get(@Param('id', uuidParam('id')) id: string): Promise<WebhookSubscriptionView> {
    return this.subscriptions.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL, event types or description; enable or disable' })
  @ApiOkResponse({ type: WebhookSubscriptionResponseDto })
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
  @ApiNoContentResponse({ description: 'Deleted.' })
  async remove(@Param('id', uuidParam('id')) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    await this.subscriptions.remove(id, caller);
  }

  @Post(':id/rotate-secret')
  @ApiOperation({
    summary: 'A new signing secret, shown once; the previous one keeps signing for WEBHOOK_SECRET_GRACE_HOURS',
  })
  @ApiCreatedResponse({ type: WebhookSecretIssuedDto })
  rotateSecret(
    @Param('id', uuidParam('id')) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<WebhookSecretIssued> {
    return this.subscriptions.rotateSecret(id, caller);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries, newest first, each with every attempt (status code, error, duration)' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
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
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  replay(
    @Param('id', uuidParam('id')) id: string,
    @Param('deliveryId', uuidParam('deliveryId')) deliveryId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<WebhookDeliveryView> {
    return this.subscriptions.replay(id, deliveryId, caller);
  }
}
