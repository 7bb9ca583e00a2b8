import { Injectable } from '@nestjs/common';
import { type JobContext, JobName, OnJob, type WebhookDeliverJob } from '@continuum/queue';
import { WebhookDeliverer } from '@continuum/webhooks';

@Injectable()
export class WebhookJobsProcessor {
  constructor(private readonly deliverer: WebhookDeliverer) {}

  @OnJob(JobName.WebhookDeliver)
  deliver(payload: WebhookDeliverJob, context: JobContext): Promise<void> {
    return this.deliverer.deliver(payload, context);
  }
}
