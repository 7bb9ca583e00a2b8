import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueue } from './job-queue.service';
import { JobWorkerHost } from './job-worker.host';
import { OutboxRelay } from './outbox-relay.service';

/** Producers: lets any module enqueue jobs, directly or through the transactional outbox. */
@Module({
  providers: [JobQueue, OutboxRelay],
  exports: [JobQueue, OutboxRelay],
})
export class QueueModule {}

/** Consumers: runs the application's `@OnJob` handlers. Imported by the worker app only. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobWorkerHost],
  exports: [JobWorkerHost],
})
export class QueueWorkerModule {}
