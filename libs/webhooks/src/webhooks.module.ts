import { Module } from '@nestjs/common';
import { PhiModule } from '@continuum/access';
import { AuditModule } from '@continuum/audit';
import { AppConfig } from '@continuum/config';
import { QueueModule } from '@continuum/queue';
import { WebhookDeliverer } from './webhook-deliverer.service';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';
import { WebhookUrlPolicy } from './webhook-url-policy';

/** One SSRF guard, configured by WEBHOOK_ALLOWED_HOSTS, for saving subscriptions and for delivering. */
const urlPolicyProvider = {
  provide: WebhookUrlPolicy,
  useFactory: (config: AppConfig) => new WebhookUrlPolicy({ allowedHosts: config.webhooks.allowedHosts }),
  inject: [AppConfig],
};

/** The API's side: subscriptions, their secrets and delivery history. (Secrets are encrypted with the PHI keys.) */
@Module({
  imports: [PhiModule, AuditModule, QueueModule],
  providers: [WebhookSubscriptionsService, urlPolicyProvider],
  exports: [WebhookSubscriptionsService],
})
export class WebhooksModule {}

/** The worker's side: delivering. */
@Module({
  imports: [PhiModule, AuditModule, QueueModule],
  providers: [WebhookDeliverer, urlPolicyProvider],
  exports: [WebhookDeliverer],
})
export class WebhooksWorkerModule {}
