import { Module } from '@nestjs/common';
import { CatalogModule } from '@continuum/catalog';
import { EstimatesService } from './estimates.service';

/** Cost estimates: priced from the catalog snapshot by the pure functions of libs/domain. */
@Module({
  imports: [CatalogModule],
  providers: [EstimatesService],
  exports: [EstimatesService],
})
export class EstimatesModule {}
