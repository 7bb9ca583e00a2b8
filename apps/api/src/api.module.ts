import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { AccessModule } from '@continuum/access';
import { AuditModule } from '@continuum/audit';
import { CatalogModule } from '@continuum/catalog';
import { type AppConfig, ConfigModule } from '@continuum/config';
import { DatabaseModule } from '@continuum/database';
import { EstimatesModule } from '@continuum/estimates';
import { GoodFaithEstimatesModule } from '@continuum/good-faith-estimates';
import { PreauthModule } from '@continuum/preauth';
import { WebhooksModule } from '@continuum/webhooks';
import { QueueModule } from '@continuum/queue';
import { ClockModule, LoggingModule, SystemModule } from '@continuum/system';
import { AccessGuard } from './access/access.guard';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { BootstrapAdminKey } from './api-keys/bootstrap-admin-key';
import { MeController } from './api-keys/me.controller';
import { AuditEventsController } from './audit/audit-events.controller';
import { CatalogController } from './catalog/catalog.controller';
import { LevelsOfCareController } from './catalog/levels-of-care.controller';
import { PayersController } from './catalog/payers.controller';
import { PlansController } from './catalog/plans.controller';
import { PricingController } from './catalog/pricing.controller';
import { EstimatesController } from './estimates/estimates.controller';
import { GoodFaithEstimatesController } from './good-faith-estimates/good-faith-estimates.controller';
import { HealthController } from './health/health.controller';
import { RouteInventory } from './http/route-inventory';
import { PayerEventsController } from './preauths/payer-events.controller';
import { PreauthsController, ReportsController } from './preauths/preauths.controller';
import { SystemController } from './system/system.controller';
import { PayerCallbacksController } from './webhooks/payer-callbacks.controller';
import { WebhookSubscriptionsController } from './webhooks/webhook-subscriptions.controller';
import { EstimatePageController } from './estimate-page/estimate-page.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, logger: Logger, routes: RouteInventory): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(),
        LoggingModule.forRoot(logger),
        DatabaseModule,
        QueueModule,
        SystemModule,
        AuditModule,
        AccessModule,
        CatalogModule,
        EstimatesModule,
        GoodFaithEstimatesModule,
        PreauthModule,
        WebhooksModule,
      ],
      controllers: [
        HealthController,
        SystemController,
        ApiKeysController,
        MeController,
        AuditEventsController,
        LevelsOfCareController,
        PayersController,
        PlansController,
        PricingController,
        CatalogController,
        EstimatesController,
        GoodFaithEstimatesController,
        PreauthsController,
        ReportsController,
        PayerEventsController,
        PayerCallbacksController,
        WebhookSubscriptionsController,
        EstimatePageController,
      ],
      providers: [
        // Every route is checked; a route opts out only with @Public().
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: RouteInventory, useValue: routes },
        BootstrapAdminKey,
      ],
    };
  }
}
