import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@continuum/catalog';
import { EstimatesService } from './estimates.service';
import { SavedEstimateEntity } from './saved-estimate.entity';
import { SavedEstimatesService } from './saved-estimates.service';

/** Cost estimates: priced from the catalog snapshot by the pure functions of libs/domain. */
@Module({
  imports: [CatalogModule, TypeOrmModule.forFeature([SavedEstimateEntity])],
  providers: [EstimatesService, SavedEstimatesService],
  exports: [EstimatesService, SavedEstimatesService],
})
export class EstimatesModule {}
