import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { US_STATE_CODES } from '@continuum/domain';
import type { GoodFaithEstimateInput } from '@continuum/good-faith-estimates';
import { IsCents, NullableOr } from '../catalog/catalog-validators';
import {
  HCPCS_OR_CPT,
  ICD10_CM,
  IsDateOnly,
  IsNpi,
  NestedObject,
  NestedObjects,
  OptionalNotNull,
} from '../http/validators';

export class GfePatientDto {
  @ApiProperty({ example: 'Jordan Rivera' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '1990-04-12' })
  @IsDateOnly()
  dateOfBirth!: string;
}

export class GfeServiceDto {
  @ApiProperty({ example: 'Intensive outpatient program (substance use)' })
  @IsString()
  @Length(1, 300)
  description!: string;

  @ApiProperty({ example: 'H0015' })
  @Matches(HCPCS_OR_CPT, { message: 'serviceCode must be a HCPCS or CPT code' })
  serviceCode!: string;
}

export class GfeLocationDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  line1!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  city!: string;

  @ApiProperty({ example: 'NY' })
  @IsIn(US_STATE_CODES, { message: 'state must be a US state code such as NY, or DC' })
  state!: string;

  @ApiProperty({ example: '10001' })
  @Matches(/^\d{5}(-\d{4})?$/, { message: 'postalCode must be a ZIP code' })
  postalCode!: string;
}

export class GfeItemDto {
  @ApiProperty({ example: 'IOP session day (3 hours)' })
  @IsString()
  @Length(1, 300)
  description!: string;

  @ApiProperty({ example: 'H0015' })
  @Matches(HCPCS_OR_CPT, { message: 'serviceCode must be a HCPCS or CPT code' })
  serviceCode!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '0906' })
  @IsOptional()
  @NullableOr()
  @Matches(/^\d{4}$/, { message: 'revenueCode must be 4 digits' })
  revenueCode?: string | null;

  @ApiProperty({ example: 36 })
  @IsInt()
  @Min(1)
  @Max(1000)
  units!: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: '3 days a week for 12 weeks' })
  @IsOptional()
  @NullableOr()
  @IsString()
  @MaxLength(200)
  frequency?: string | null;

  @ApiProperty({ example: 15_000 })
  @IsCents()
  unitChargeCents!: number;
}

export class GfeProviderDto {
  @ApiProperty({ example: 'Harborview Recovery Center' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '1234567893' })
  @IsNpi()
  npi!: string;

  @ApiProperty({ example: '12-3456789' })
  @Matches(/^\d{2}-?\d{7}$/, { message: 'tin must be a 9-digit taxpayer identification number' })
  tin!: string;

  @ApiProperty({ type: GfeLocationDto })
  @NestedObject(() => GfeLocationDto)
  location!: GfeLocationDto;

  @ApiProperty({ type: [GfeItemDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @NestedObjects(() => GfeItemDto)
  items!: GfeItemDto[];
}

export class GfeSeparateServiceDto {
  @ApiProperty({ example: 'Psychiatric evaluation' })
  @IsString()
  @Length(1, 300)
  description!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @NullableOr()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class GoodFaithEstimateDto implements GoodFaithEstimateInput {
  @ApiProperty({ type: GfePatientDto })
  @NestedObject(() => GfePatientDto)
  patient!: GfePatientDto;

  @ApiProperty({ type: GfeServiceDto })
  @NestedObject(() => GfeServiceDto)
  primaryService!: GfeServiceDto;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-07', description: 'Absent: only requested.' })
  @IsOptional()
  @NullableOr()
  @IsDateOnly()
  scheduledDate?: string | null;

  @ApiProperty({ type: [String], example: ['F10.20'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @Matches(ICD10_CM, { each: true, message: 'each diagnosis code must be an ICD-10-CM code such as F10.20' })
  diagnosisCodes!: string[];

  @ApiProperty({ type: [GfeProviderDto], description: 'The convening provider first, then co-providers.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @NestedObjects(() => GfeProviderDto)
  providers!: GfeProviderDto[];

  @ApiPropertyOptional({ type: [GfeSeparateServiceDto] })
  @OptionalNotNull()
  @ArrayMaxSize(20)
  @NestedObjects(() => GfeSeparateServiceDto)
  separatelyScheduledServices?: GfeSeparateServiceDto[];
}
