import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, ValidateNested } from 'class-validator';
import type { CatalogDocument } from '@continuum/catalog';
import { PayerDto } from './payer.dto';
import { PlanContentDto } from './plan.dto';
import { ContractedRateDto, PovertyGuidelineTableDto, ProviderRatesDto, SlidingScalePolicyDto } from './pricing.dto';
import { NestedObject } from '../http/validators';

export class CatalogPayerDto extends PayerDto {
  @ApiProperty({ type: [PlanContentDto] })
  @IsArray()
  @ArrayMaxSize(20_000)
  @ValidateNested({ each: true })
  @Type(() => PlanContentDto)
  plans!: PlanContentDto[];

  @ApiProperty({ type: [ContractedRateDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ContractedRateDto)
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
  @IsArray()
  @ArrayMaxSize(1_000)
  @ValidateNested({ each: true })
  @Type(() => CatalogPayerDto)
  payers!: CatalogPayerDto[];

  @ApiProperty({ type: SlidingScalePolicyDto })
  @NestedObject(() => SlidingScalePolicyDto)
  slidingScalePolicy!: SlidingScalePolicyDto;

  @ApiProperty({ type: [PovertyGuidelineTableDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PovertyGuidelineTableDto)
  povertyGuidelines!: PovertyGuidelineTableDto[];
}
