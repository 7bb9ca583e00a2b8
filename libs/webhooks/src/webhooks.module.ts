import { Module } from '@nestjs/common';
import { PhiModule } from '@continuum/access';
import { AuditModule } from '@continuum/audit';
import { AppConfig } from '@continuum/config';
import { outboundUrlPolicyProvider } from '@continuum/outbound';
import { QueueModule } from '@continuum/queue';
import { WebhookDeliverer } from './webhook-deliverer.service';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';

/** The API's side: subscriptions, their secrets and delivery history. (Secrets are encrypted with the PHI keys.) */
@Module({
  imports: [PhiModule, AuditModule, QueueModule],
  providers: [WebhookSubscriptionsService, outboundUrlPolicyProvider(AppConfig)],
  exports: [WebhookSubscriptionsService],
})
export class WebhooksModule {}

/** The worker's side: delivering. */
@Module({
  imports: [PhiModule, AuditModule, QueueModule],
  providers: [WebhookDeliverer, outboundUrlPolicyProvider(AppConfig)],
  exports: [WebhookDeliverer],
})
export class WebhooksWorkerModule {}
