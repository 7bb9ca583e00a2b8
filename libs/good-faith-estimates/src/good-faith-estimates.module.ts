import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@continuum/audit';
import { QueueModule } from '@continuum/queue';
import { GoodFaithEstimateEntity, GoodFaithEstimateVersionEntity } from './good-faith-estimate.entity';
import { GoodFaithEstimatesService } from './good-faith-estimates.service';

/** No Surprises Act Good Faith Estimates, versioned, PHI encrypted and every access audited. */
@Module({
  imports: [
    TypeOrmModule.forFeature([GoodFaithEstimateEntity, GoodFaithEstimateVersionEntity]),
    AuditModule,
    QueueModule,
  ],
  providers: [GoodFaithEstimatesService],
  exports: [GoodFaithEstimatesService],
})
export class GoodFaithEstimatesModule {}
