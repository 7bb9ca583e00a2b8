import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type CareUnit, LEVEL_OF_CARE_CODES, type LevelOfCare } from '@continuum/domain';
import { CatalogPayerDto } from './catalog-document.dto';
import { PovertyGuidelineTableDto, ProviderRatesDto, SlidingScalePolicyDto } from './pricing.dto';

/* Response schemas of the catalog routes that have no request twin. */

export class TypicalCourseDto {
  @ApiProperty({ enum: ['units', 'weeks'], description: 'Stays count units; programs count weeks and days a week.' })
  kind!: 'units' | 'weeks';

  @ApiPropertyOptional()
  minUnits?: number;

  @ApiPropertyOptional()
  maxUnits?: number;

  @ApiPropertyOptional()
  minWeeks?: number;

  @ApiPropertyOptional()
  maxWeeks?: number;

  @ApiPropertyOptional()
  minDaysPerWeek?: number;

  @ApiPropertyOptional()
  maxDaysPerWeek?: number;
}

export class ServiceCodesDto {
  @ApiProperty({ type: [String], description: 'HCPCS/CPT codes typically billed.' })
  procedureCodes!: string[];

  @ApiProperty({ type: [String], description: 'UB-04 revenue codes.' })
  revenueCodes!: string[];
}

export class LevelOfCareDto {
  @ApiProperty({ enum: LEVEL_OF_CARE_CODES })
  code!: LevelOfCare;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['day', 'session'] })
  unit!: CareUnit;

  @ApiProperty({ type: TypicalCourseDto })
  typicalCourse!: TypicalCourseDto;

  @ApiProperty({ example: '2.1', description: 'ASAM Criteria level or range.' })
  asamLevel!: string;

  @ApiProperty({ type: ServiceCodesDto })
  serviceCodes!: ServiceCodesDto;

  @ApiProperty({ type: [String], description: 'CMS place-of-service codes, the usual one first.' })
  placesOfService!: string[];

  @ApiProperty({ type: [String], description: 'X12 service type codes, the most specific first.' })
  x12ServiceTypeCodes!: string[];

  @ApiProperty({ enum: ['AR', 'HS'], description: 'X12 278 UM01: admission review or health services review.' })
  umCategory!: 'AR' | 'HS';
}

/** `GET /v1/catalog`: the document `PUT /v1/catalog` takes, at a version; parts never set yet are null. */
export class CatalogExportDto {
  @ApiProperty({ description: 'The catalog version the export was taken at.' })
  version!: number;

  @ApiProperty({ type: ProviderRatesDto, nullable: true })
  rates!: ProviderRatesDto | null;

  @ApiProperty({ type: [CatalogPayerDto] })
  payers!: CatalogPayerDto[];

  @ApiProperty({ type: SlidingScalePolicyDto, nullable: true })
  slidingScalePolicy!: SlidingScalePolicyDto | null;

  @ApiProperty({ type: [PovertyGuidelineTableDto] })
  povertyGuidelines!: PovertyGuidelineTableDto[];
}

export class CatalogVersionDto {
  @ApiProperty({ description: 'The catalog version after the import.' })
  version!: number;
}

export class CatalogSnapshotInfoDto {
  @ApiProperty({ description: "The catalog version this replica's in-memory snapshot holds." })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  builtAt!: string;

  @ApiProperty()
  payers!: number;

  @ApiProperty()
  plans!: number;
}
