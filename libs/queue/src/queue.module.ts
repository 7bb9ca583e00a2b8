import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueue } from './job-queue.service';
import { JobWorkerHost } from './job-worker.host';

/** Producers: lets any module enqueue jobs. */
@Module({
  providers: [JobQueue],
  exports: [JobQueue],
})
export class QueueModule {}

/** Consumers: runs the application's `@OnJob` handlers. Imported by the worker app only. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobWorkerHost],
  exports: [JobWorkerHost],
})
export class QueueWorkerModule {}
