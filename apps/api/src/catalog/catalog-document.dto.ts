import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsInt, IsOptional } from 'class-validator';
import type { CatalogDocument } from '@continuum/catalog';
import { PayerDto } from './payer.dto';
import { PlanContentDto } from './plan.dto';
import { ContractedRateDto, PovertyGuidelineTableDto, ProviderRatesDto, SlidingScalePolicyDto } from './pricing.dto';
import { NestedObject, NestedObjects } from '../http/validators';

export class CatalogPayerDto extends PayerDto {
  @ApiProperty({ type: [PlanContentDto] })
  @ArrayMaxSize(20_000)
  @NestedObjects(() => PlanContentDto)
  plans!: PlanContentDto[];

  @ApiProperty({ type: [ContractedRateDto] })
  @NestedObjects(() => ContractedRateDto)
  contractedRates!: ContractedRateDto[];
}

/** The whole catalog, for `PUT /v1/catalog` (and as `GET /v1/catalog` returns it, with `version`). */
export class CatalogDocumentDto implements CatalogDocument {
  @ApiPropertyOptional({ description: 'Set by export; ignored on import, so an export can be imported as it is.' })
  @IsOptional()
  @IsInt()
  version?: number;

  @ApiProperty({ type: ProviderRatesDto })
  @NestedObject(() => ProviderRatesDto)
  rates!: ProviderRatesDto;

  @ApiProperty({ type: [CatalogPayerDto] })
  @ArrayMaxSize(1_000)
  @NestedObjects(() => CatalogPayerDto)
  payers!: CatalogPayerDto[];

  @ApiProperty({ type: SlidingScalePolicyDto })
  @NestedObject(() => SlidingScalePolicyDto)
  slidingScalePolicy!: SlidingScalePolicyDto;

  @ApiProperty({ type: [PovertyGuidelineTableDto] })
  @ArrayMaxSize(100)
  @NestedObjects(() => PovertyGuidelineTableDto)
  povertyGuidelines!: PovertyGuidelineTableDto[];
}
