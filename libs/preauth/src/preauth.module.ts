import { Module } from '@nestjs/common';
import { PhiModule } from '@continuum/access';
import { AuditModule } from '@continuum/audit';
import { CatalogModule } from '@continuum/catalog';
import { PayerGatewayModule } from '@continuum/payer-gateway';
import { QueueModule } from '@continuum/queue';
import { PayerEventProcessor } from './payer-events/payer-event-processor.service';
import { PayerEventsService } from './payer-events/payer-events.service';
import { PreauthDecisionsService } from './preauth-decisions.service';
import { PreauthIntakeService } from './preauth-intake.service';
import { PreauthReportsService } from './preauth-reports.service';
import { PreauthSubmitter } from './preauth-submitter.service';
import { PreauthSweepService } from './preauth-sweep.service';
import { PreauthTrackingService } from './preauth-tracking.service';

/** Pre-authorization: intake and tracking for the API, plus what the worker needs (see PreauthWorkerModule). */
@Module({
  imports: [PhiModule, AuditModule, CatalogModule, QueueModule],
  providers: [
    PreauthIntakeService,
    PreauthTrackingService,
    PreauthDecisionsService,
    PreauthReportsService,
    PayerEventsService,
  ],
  exports: [
    PreauthIntakeService,
    PreauthTrackingService,
    PreauthDecisionsService,
    PreauthReportsService,
    PayerEventsService,
  ],
})
export class PreauthModule {}

/** The worker's side: submitting through the payer gateway, applying payer callbacks, and the sweep. It needs no catalog snapshot. */
@Module({
  imports: [PayerGatewayModule, QueueModule],
  providers: [PreauthDecisionsService, PreauthSubmitter, PreauthSweepService, PayerEventProcessor],
  exports: [PreauthSubmitter, PreauthSweepService, PayerEventProcessor],
})
export class PreauthWorkerModule {}
