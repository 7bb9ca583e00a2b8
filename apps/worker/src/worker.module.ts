import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { PhiModule } from '@continuum/access';
import { type AppConfig, ConfigModule } from '@continuum/config';
import { DatabaseModule } from '@continuum/database';
import { PreauthWorkerModule } from '@continuum/preauth';
import { QueueModule, QueueWorkerModule } from '@continuum/queue';
import { WebhooksWorkerModule } from '@continuum/webhooks';
import { ClockModule, LoggingModule, SystemModule, WORKER_IDENTITY, type WorkerIdentity } from '@continuum/system';
import { HealthProbeServer } from './health-probe.server';
import { PreauthJobsProcessor } from './processors/preauth-jobs.processor';
import { WebhookJobsProcessor } from './processors/webhook-jobs.processor';
import { RepeatingJobsScheduler } from './repeating-jobs.scheduler';
import { SystemJobsProcessor } from './processors/system-jobs.processor';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, identity: WorkerIdentity, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(),
        LoggingModule.forRoot(logger),
        DatabaseModule,
        QueueModule,
        QueueWorkerModule,
        SystemModule,
        // The worker reads PHI (to build payer requests), so it needs the keys, and refuses to start without them.
        PhiModule,
        PreauthWorkerModule,
        WebhooksWorkerModule,
      ],
      providers: [
        { provide: WORKER_IDENTITY, useValue: identity },
        SystemJobsProcessor,
        PreauthJobsProcessor,
        WebhookJobsProcessor,
        RepeatingJobsScheduler,
        HealthProbeServer,
      ],
    };
  }
}
