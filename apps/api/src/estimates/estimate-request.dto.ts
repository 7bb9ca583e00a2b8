import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { CommonError } from '@continuum/common';
import { ESTIMATE_INPUT_LIMITS, LevelOfCare, US_STATE_CODES } from '@continuum/domain';
import type { Coverage, EstimateRequest, Schedule } from '@continuum/estimates';
import { IsCents } from '../catalog/catalog-validators';
import { IsDateOnly, NestedObject, NestedObjects, OptionalNestedObject, OptionalNotNull } from '../http/validators';

export class AccumulatorsDto {
  @ApiProperty({ example: 50_000, description: 'Paid toward the individual deductible this plan year.' })
  @IsCents()
  deductibleMetCents!: number;

  @ApiProperty({ example: 80_000, description: 'Paid toward the individual out-of-pocket maximum this plan year.' })
  @IsCents()
  outOfPocketMetCents!: number;

  @ApiPropertyOptional({ description: 'Family coverage: paid toward the family deductible.' })
  @OptionalNotNull()
  @IsCents()
  familyDeductibleMetCents?: number;

  @ApiPropertyOptional({ description: 'Family coverage: paid toward the family out-of-pocket maximum.' })
  @OptionalNotNull()
  @IsCents()
  familyOutOfPocketMetCents?: number;
}

export class HouseholdDto {
  @ApiProperty({
    minimum: ESTIMATE_INPUT_LIMITS.householdSize.min,
    maximum: ESTIMATE_INPUT_LIMITS.householdSize.max,
    example: 3,
  })
  @IsInt()
  @Min(ESTIMATE_INPUT_LIMITS.householdSize.min)
  @Max(ESTIMATE_INPUT_LIMITS.householdSize.max)
  size!: number;

  @ApiProperty({ example: 4_000_000, description: 'Yearly household income in cents.' })
  @IsInt()
  @Min(0)
  @Max(ESTIMATE_INPUT_LIMITS.maxAnnualIncomeCents)
  annualIncomeCents!: number;

  @ApiProperty({ example: 'NY', description: 'Two-letter state (or DC); picks the poverty guideline region.' })
  @IsIn(US_STATE_CODES, { message: 'state must be a US state code such as NY, or DC' })
  state!: string;
}

/** `insured` (planId, network, accumulators) or `self_pay` (household). */
export class CoverageDto {
  @ApiProperty({ enum: ['insured', 'self_pay'] })
  @IsIn(['insured', 'self_pay'])
  type!: 'insured' | 'self_pay';

  @ApiPropertyOptional({ format: 'uuid', description: 'Insured: the plan.' })
  @ValidateIf((o: CoverageDto) => o.type === 'insured')
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ enum: ['in', 'out'], description: 'Insured: the network tier.' })
  @ValidateIf((o: CoverageDto) => o.type === 'insured')
  @IsIn(['in', 'out'])
  network?: 'in' | 'out';

  @ApiPropertyOptional({ type: AccumulatorsDto, description: 'Insured: amounts already met; absent means none.' })
  @ValidateIf((o: CoverageDto) => o.type === 'insured')
  @OptionalNestedObject(() => AccumulatorsDto)
  accumulators?: AccumulatorsDto;

  @ApiPropertyOptional({ type: HouseholdDto, description: 'Self-pay: the household, for the sliding scale.' })
  @ValidateIf((o: CoverageDto) => o.type === 'self_pay')
  @NestedObject(() => HouseholdDto, 'household is required for self_pay coverage')
  household?: HouseholdDto;
}

/** `{ daysPerWeek, weeks }` or `{ units }`. */
export class ScheduleDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 7, example: 3 })
  @ValidateIf((o: ScheduleDto) => o.units === undefined)
  @IsInt()
  @Min(1)
  @Max(7)
  daysPerWeek?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 104, example: 12 })
  @ValidateIf((o: ScheduleDto) => o.units === undefined)
  @IsInt()
  @Min(1)
  @Max(104)
  weeks?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 366, description: 'Instead of daysPerWeek and weeks.' })
  @ValidateIf((o: ScheduleDto) => o.units !== undefined || (o.daysPerWeek === undefined && o.weeks === undefined))
  @IsInt()
  @Min(1)
  @Max(366)
  units?: number;
}

export class EstimateRequestDto {
  @ApiProperty({ enum: LevelOfCare, enumName: 'LevelOfCare' })
  @IsEnum(LevelOfCare)
  levelOfCare!: LevelOfCare;

  @ApiProperty({ type: CoverageDto })
  @NestedObject(() => CoverageDto)
  coverage!: CoverageDto;

  @ApiPropertyOptional({ type: ScheduleDto, description: 'Without one, the typical course gives a range.' })
  @OptionalNestedObject(() => ScheduleDto)
  schedule?: ScheduleDto;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'YYYY-MM-DD; today when absent.' })
  @OptionalNotNull()
  @IsDateOnly()
  serviceStartDate?: string;
}

export class EstimateQueryDto {
  @ApiPropertyOptional({ description: 'Billing keys: keep the estimate (GET /v1/estimates/:id returns it later).' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  save?: boolean;
}

export class LevelsEstimateRequestDto {
  @ApiProperty({ type: CoverageDto })
  @NestedObject(() => CoverageDto)
  coverage!: CoverageDto;

  @ApiPropertyOptional({ example: '2026-12-01' })
  @OptionalNotNull()
  @IsDateOnly()
  serviceStartDate?: string;
}

export class EpisodeStepDto {
  @ApiProperty({ enum: LevelOfCare, enumName: 'LevelOfCare' })
  @IsEnum(LevelOfCare)
  levelOfCare!: LevelOfCare;

  @ApiProperty({ type: ScheduleDto })
  @NestedObject(() => ScheduleDto)
  schedule!: ScheduleDto;
}

export class EpisodeEstimateRequestDto extends LevelsEstimateRequestDto {
  @ApiProperty({ type: [EpisodeStepDto], description: 'In order, e.g. detox → residential → PHP → IOP → outpatient.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @NestedObjects(() => EpisodeStepDto)
  steps!: EpisodeStepDto[];
}

/** The DTO (validated) as the service's input types. */
export function toCoverage(dto: CoverageDto): Coverage {
  if (dto.type === 'insured') {
    return { type: 'insured', planId: dto.planId ?? '', network: dto.network ?? 'in', accumulators: dto.accumulators };
  }
  const household = dto.household as HouseholdDto;
  return { type: 'self_pay', household: { ...household } };
}

export function toSchedule(dto: ScheduleDto | undefined, field = 'schedule'): Schedule | undefined {
  if (dto === undefined) return undefined;
  if (dto.units !== undefined && (dto.daysPerWeek !== undefined || dto.weeks !== undefined)) {
    throw CommonError.validation([
      { field: `${field}.units`, messages: ['give either units, or daysPerWeek and weeks, not both'] },
    ]);
  }
  return dto.units !== undefined ? { units: dto.units } : { daysPerWeek: dto.daysPerWeek ?? 1, weeks: dto.weeks ?? 1 };
}

export function toEstimateRequest(dto: EstimateRequestDto): EstimateRequest {
  return {
    levelOfCare: dto.levelOfCare,
    coverage: toCoverage(dto.coverage),
    schedule: toSchedule(dto.schedule),
    serviceStartDate: dto.serviceStartDate,
  };
}
