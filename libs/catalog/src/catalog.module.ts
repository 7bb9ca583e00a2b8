import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@continuum/audit';
import { AppConfig } from '@continuum/config';
import { outboundUrlPolicyProvider } from '@continuum/outbound';
import { CatalogChanges } from './catalog-changes';
import { CatalogSnapshotService } from './catalog-snapshot.service';
import { CatalogTransferService } from './catalog-transfer.service';
import { CatalogChangeEntity } from './entities/catalog-change.entity';
import { ContractedRateEntity } from './entities/contracted-rate.entity';
import { PayerWebhookSecretEntity } from './entities/payer-webhook-secret.entity';
import { PayerEntity } from './entities/payer.entity';
import { PlanBenefitEntity } from './entities/plan-benefit.entity';
import { PlanEntity } from './entities/plan.entity';
import { PovertyGuidelineEntity } from './entities/poverty-guideline.entity';
import { ProviderPricingEntity } from './entities/provider-pricing.entity';
import { ProviderRateEntity } from './entities/provider-rate.entity';
import { SlidingScalePolicyEntity } from './entities/sliding-scale-policy.entity';
import { PayersService } from './payers.service';
import { PlansService } from './plans.service';
import { PovertyGuidelinesService } from './poverty-guidelines.service';
import { RatesService } from './rates.service';
import { SlidingScaleService } from './sliding-scale.service';

const SERVICES = [
  CatalogChanges,
  CatalogSnapshotService,
  CatalogTransferService,
  PayersService,
  PlansService,
  PovertyGuidelinesService,
  RatesService,
  SlidingScaleService,
];

/** Levels of care, payers, plans and benefits, rates, sliding-scale policies and poverty guidelines. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      CatalogChangeEntity,
      ContractedRateEntity,
      PayerEntity,
      PayerWebhookSecretEntity,
      PlanBenefitEntity,
      PlanEntity,
      PovertyGuidelineEntity,
      ProviderPricingEntity,
      ProviderRateEntity,
      SlidingScalePolicyEntity,
    ]),
    AuditModule,
  ],
  providers: [...SERVICES, outboundUrlPolicyProvider(AppConfig)],
  exports: SERVICES,
})
export class CatalogModule {}
