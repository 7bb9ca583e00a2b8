import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  AUTHORIZATION_UNIT_TYPES,
  type AuthorizationUnitType,
  LEVEL_OF_CARE_CODES,
  LevelOfCare,
  PREAUTH_URGENCIES,
  type PreauthUrgency,
} from '@continuum/domain';
import type { PreauthInput } from '@continuum/preauth';
import {
  HCPCS_OR_CPT,
  ICD10_CM,
  IsDateOnly,
  IsNpi,
  NestedObject,
  NestedObjects,
  OptionalNestedObject,
} from '../http/validators';

/** Units one line may ask for: a year of daily care, and then some. */
const MAX_UNITS = 500;

export class PreauthPatientDto {
  @ApiProperty({ example: 'Jordan' })
  @IsString()
  @Length(1, 60)
  firstName!: string;

  @ApiProperty({ example: 'Rivera' })
  @IsString()
  @Length(1, 60)
  lastName!: string;

  @ApiProperty({ example: '1990-04-12' })
  @IsDateOnly()
  dateOfBirth!: string;

  @ApiProperty({ enum: ['M', 'F', 'U'], description: 'As X12 carries it: M, F or U (unknown).' })
  @IsIn(['M', 'F', 'U'], { message: 'sex must be M, F or U' })
  sex!: 'M' | 'F' | 'U';
}

export class ProviderDto {
  @ApiProperty({ example: 'Harbor Recovery Center' })
  @IsString()
  @Length(1, 60)
  name!: string;

  @ApiProperty({ example: '1234567893', description: 'NPI, 10 digits with a valid check digit.' })
  @IsNpi()
  npi!: string;
}

export class RequestedServiceLineDto {
  @ApiProperty({ example: 'H0015', description: 'HCPCS or CPT code.' })
  @Matches(HCPCS_OR_CPT, { message: 'procedureCode must be a HCPCS or CPT code, e.g. H0015 or 90837' })
  procedureCode!: string;

  @ApiPropertyOptional({
    type: String,
    example: '0906',
    nullable: true,
    description: 'UB-04 revenue code, for institutional lines.',
  })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'revenueCode must be 4 digits, e.g. 0906' })
  revenueCode?: string | null;

  @ApiProperty({ example: 24, minimum: 1, maximum: MAX_UNITS })
  @IsInt()
  @Min(1)
  @Max(MAX_UNITS)
  units!: number;

  @ApiProperty({ enum: AUTHORIZATION_UNIT_TYPES })
  @IsIn(AUTHORIZATION_UNIT_TYPES, { message: `unitType must be one of ${AUTHORIZATION_UNIT_TYPES.join(', ')}` })
  unitType!: AuthorizationUnitType;
}

export class DeliveryPatternDto {
  @ApiProperty({ example: 3, minimum: 1, maximum: 7 })
  @IsInt()
  @Min(1)
  @Max(7)
  daysPerWeek!: number;

  @ApiProperty({ example: 8, minimum: 1, maximum: 52 })
  @IsInt()
  @Min(1)
  @Max(52)
  weeks!: number;
}

export class CreatePreauthDto {
  @ApiProperty({ type: PreauthPatientDto })
  @NestedObject(() => PreauthPatientDto)
  patient!: PreauthPatientDto;

  @ApiProperty({ example: 'BPH123456789' })
  @Matches(/^[A-Za-z0-9-]{2,40}$/, { message: 'memberId must be 2–40 letters, digits or hyphens' })
  memberId!: string;

  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'planId must be a UUID' })
  planId!: string;

  @ApiProperty({ type: ProviderDto })
  @NestedObject(() => ProviderDto)
  requestingProvider!: ProviderDto;

  @ApiProperty({ type: ProviderDto })
  @NestedObject(() => ProviderDto)
  servicingProvider!: ProviderDto;

  @ApiProperty({ enum: LevelOfCare, enumName: 'LevelOfCare' })
  @IsIn(LEVEL_OF_CARE_CODES, { message: `levelOfCare must be one of ${LEVEL_OF_CARE_CODES.join(', ')}` })
  levelOfCare!: LevelOfCare;

  @ApiProperty({ example: ['F10.20', 'F32.1'], description: 'ICD-10-CM codes, the first principal.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @Matches(ICD10_CM, { each: true, message: 'each diagnosis must be an ICD-10-CM code, e.g. F10.20' })
  diagnoses!: string[];

  @ApiProperty({ type: [RequestedServiceLineDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @NestedObjects(() => RequestedServiceLineDto)
  serviceLines!: RequestedServiceLineDto[];

  @ApiPropertyOptional({
    description:
      'Confirms procedure codes that are not usual for the level of care (e.g. H0015 on detox); without it they are 422 procedure_code_not_for_level.',
  })
  @IsOptional()
  @IsBoolean()
  procedureCodesConfirmed?: boolean;

  @ApiPropertyOptional({ type: DeliveryPatternDto, nullable: true, description: 'e.g. 3 days a week for 8 weeks' })
  @OptionalNestedObject(() => DeliveryPatternDto, { nullable: true })
  deliveryPattern?: DeliveryPatternDto | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '57',
    description: 'CMS place of service; defaults to the level of care’s usual one.',
  })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'placeOfService must be a 2-digit CMS place-of-service code' })
  placeOfService?: string | null;

  @ApiProperty({ example: '2026-12-01' })
  @IsDateOnly()
  requestedStartDate!: string;

  @ApiProperty({ example: '2027-01-26' })
  @IsDateOnly()
  requestedEndDate!: string;

  @ApiProperty({ enum: PREAUTH_URGENCIES, description: 'Expedited: decision due in 72 hours; standard: 7 days.' })
  @IsIn(PREAUTH_URGENCIES, { message: 'urgency must be standard or expedited' })
  urgency!: PreauthUrgency;

  @ApiProperty({ description: 'Why this level of care is medically necessary (PHI; encrypted at rest).' })
  @IsString()
  @Length(1, 10_000)
  clinicalSummary!: string;
}

/** The DTO, as the service's input type (the shapes match; this only narrows optional nulls). */
export const toPreauthInput = (dto: CreatePreauthDto): PreauthInput => ({
  ...dto,
  serviceLines: dto.serviceLines.map((line) => ({ ...line, revenueCode: line.revenueCode ?? null })),
});

export class PreauthAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['queued'] })
  status!: 'queued';

  @ApiProperty({ example: 'CTM7K2Q9D1X4M8B3ZP', description: 'Sent with every attempt; the payer dedupes on it.' })
  traceNumber!: string;

  @ApiProperty({ format: 'date-time' })
  decisionDueAt!: string;
}
