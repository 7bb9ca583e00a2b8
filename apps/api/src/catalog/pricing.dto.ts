import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { ContractedRateInput, ProviderRatesInput, SlidingScalePolicyInput } from '@continuum/catalog';
import { LevelOfCare, type PovertyGuidelineTable, type SlidingScaleBand } from '@continuum/domain';
import { IsCents, NullableOr } from './catalog-validators';
import { NestedObject, NestedObjects } from '../http/validators';

export class LevelRateDto {
  @ApiProperty({ enum: LevelOfCare, enumName: 'LevelOfCare' })
  @IsEnum(LevelOfCare)
  levelOfCare!: LevelOfCare;

  @ApiProperty({ example: 45_000, description: 'Gross charge per unit (chargemaster).' })
  @IsCents()
  chargeCents!: number;

  @ApiProperty({ example: 15_000, description: 'Self-pay cash price per unit, before any sliding-scale discount.' })
  @IsCents()
  selfPayCents!: number;
}

export class IopProgramRuleDto {
  @ApiProperty({ example: 15_000 })
  @IsCents()
  perSessionDayCents!: number;

  @ApiProperty({ example: 300_000, description: 'The least a full self-pay IOP course costs.' })
  @IsCents()
  programMinimumCents!: number;

  @ApiProperty({ example: 900_000, description: 'The most a self-pay IOP course costs, however long.' })
  @IsCents()
  programMaximumCents!: number;
}

export class PriceBandDto {
  @ApiProperty({ example: 300_000 })
  @IsCents()
  minCents!: number;

  @ApiProperty({ example: 1_000_000 })
  @IsCents()
  maxCents!: number;
}

export class ProviderRatesDto implements ProviderRatesInput {
  @ApiProperty({ type: [LevelRateDto], description: 'One per level of care.' })
  @ArrayMaxSize(6)
  @NestedObjects(() => LevelRateDto)
  levels!: LevelRateDto[];

  @ApiProperty({ type: IopProgramRuleDto, description: 'Self-pay IOP price: session days × per day, clamped.' })
  @NestedObject(() => IopProgramRuleDto)
  iopProgram!: IopProgramRuleDto;

  @ApiProperty({
    type: PriceBandDto,
    description: 'Every full IOP course (8–12 weeks, 3–5 days) must price inside it.',
  })
  @NestedObject(() => PriceBandDto)
  iopProgramBand!: PriceBandDto;
}

export class ContractedRateDto implements ContractedRateInput {
  @ApiPropertyOptional({ type: String, nullable: true, description: "A plan's name; absent for the payer-wide rate." })
  @IsOptional()
  @NullableOr()
  @IsString()
  @Length(1, 200)
  plan?: string | null;

  @ApiProperty({ enum: LevelOfCare, enumName: 'LevelOfCare' })
  @IsEnum(LevelOfCare)
  levelOfCare!: LevelOfCare;

  @ApiProperty({ example: 42_000 })
  @IsCents()
  allowedCentsPerUnit!: number;
}

export class ContractedRatesDto {
  @ApiProperty({ type: [ContractedRateDto] })
  @ArrayMaxSize(10_000)
  @NestedObjects(() => ContractedRateDto)
  rates!: ContractedRateDto[];
}

export class SlidingScaleBandDto implements SlidingScaleBand {
  @ApiProperty({ example: 100, description: 'Percent of poverty the band starts above (the first band starts at 0).' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  minPercent!: number;

  @ApiProperty({ type: Number, nullable: true, example: 133, description: 'Up to and including; null: no upper end.' })
  @NullableOr()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  maxPercent!: number | null;

  @ApiPropertyOptional({ example: 75 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  discountPercent?: number;

  @ApiPropertyOptional({ example: 2_500, description: 'A nominal fee per unit instead of a discount.' })
  @IsOptional()
  @IsCents()
  nominalFeeCents?: number;
}

export class SlidingScalePolicyDto implements SlidingScalePolicyInput {
  @ApiProperty({ example: 'HRSA-style schedule 2026' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ type: [SlidingScaleBandDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @NestedObjects(() => SlidingScaleBandDto)
  bands!: SlidingScaleBandDto[];
}

export class SlidingScalePolicyResponseDto extends SlidingScalePolicyDto {
  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class GuidelineAmountsDto {
  @ApiProperty({ example: 1_565_000, description: 'The 100% guideline for a household of one.' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  baseCents!: number;

  @ApiProperty({ example: 550_000, description: 'Added per additional household member.' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  incrementCents!: number;
}

export class GuidelineRegionsDto {
  @ApiProperty({ type: GuidelineAmountsDto, description: '48 contiguous states and DC.' })
  @NestedObject(() => GuidelineAmountsDto)
  contiguous!: GuidelineAmountsDto;

  @ApiProperty({ type: GuidelineAmountsDto })
  @NestedObject(() => GuidelineAmountsDto)
  alaska!: GuidelineAmountsDto;

  @ApiProperty({ type: GuidelineAmountsDto })
  @NestedObject(() => GuidelineAmountsDto)
  hawaii!: GuidelineAmountsDto;
}

export class PovertyGuidelineTableDto implements PovertyGuidelineTable {
  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: '2026-01-15', description: 'The day this table takes effect (YYYY-MM-DD).' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveDate must be a date as YYYY-MM-DD' })
  effectiveDate!: string;

  @ApiProperty({ type: GuidelineRegionsDto })
  @NestedObject(() => GuidelineRegionsDto)
  regions!: GuidelineRegionsDto;
}
