import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  AUTHORIZATION_UNIT_TYPES,
  type AuthorizationUnitType,
  LEVEL_OF_CARE_CODES,
  LevelOfCare,
  PREAUTH_STATUSES,
  type PreauthStatus,
} from '@continuum/domain';
import type { ReviewAction } from '@continuum/x12';
import { CursorPageQueryDto } from '../http/cursor-page-query.dto';
import { IsDateOnly, OptionalNotNull } from '../http/validators';

const REVIEW_ACTIONS: readonly ReviewAction[] = ['A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'NA'];

export class RecordDecisionDto {
  @ApiProperty({
    enum: REVIEW_ACTIONS,
    description:
      'X12 HCR01: A1 certified in total, A2 certified partially, A3 not certified, A4 pended, A6 modified, C cancelled, CT contact payer, NA no authorization required.',
  })
  @IsIn(REVIEW_ACTIONS, { message: `action must be one of ${REVIEW_ACTIONS.join(', ')}` })
  action!: ReviewAction;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'AUTH-99812' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,50}$/, { message: 'authorizationNumber must be 1–50 letters, digits or hyphens' })
  authorizationNumber?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 12, description: 'Required for A2 and A6.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  approvedUnits?: number | null;

  @ApiPropertyOptional({ enum: AUTHORIZATION_UNIT_TYPES, nullable: true })
  @IsOptional()
  @IsIn(AUTHORIZATION_UNIT_TYPES, { message: `unitType must be one of ${AUTHORIZATION_UNIT_TYPES.join(', ')}` })
  unitType?: AuthorizationUnitType | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-12-01' })
  @IsOptional()
  @IsDateOnly()
  validFrom?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-12-31' })
  @IsOptional()
  @IsDateOnly()
  validTo?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '91',
    description: 'The payer’s reason code (required in practice for A3).',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,10}$/, { message: 'reasonCode must be 1–10 letters or digits' })
  reasonCode?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The payer’s reason in words. Do not include patient details.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reasonText?: string | null;

  @ApiPropertyOptional({
    description:
      'Confirms the payer granted more units than were asked; without it, approvedUnits above the request is refused.',
  })
  @IsOptional()
  @IsBoolean()
  exceedsRequested?: boolean;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When the payer decided; defaults to now. Not more than 5 minutes ahead of the server clock, nor before the request was received.',
  })
  @OptionalNotNull()
  @IsISO8601({ strict: true, strictSeparator: true })
  decidedAt?: string;
}

export class RecordUtilizationDto {
  @ApiProperty({ example: '2026-12-02' })
  @IsDateOnly()
  serviceDate!: string;

  @ApiProperty({
    example: 1,
    minimum: 1,
    maximum: 96,
    description: 'At most 1 per date for days, 4 for sessions, 96 for (15-minute) units.',
  })
  @IsInt()
  @Min(1)
  @Max(96)
  units!: number;

  @ApiPropertyOptional({
    description:
      'Confirms units beyond the authorization; without it they are 422 utilization_over_authorization. Recorded and flagged.',
  })
  @IsOptional()
  @IsBoolean()
  overAuthorization?: boolean;
}

export class ReverseUtilizationDto {
  @ApiProperty({ example: 'Entered on the wrong date', description: 'Why the entry is wrong. No patient details.' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class RequestExtensionDto {
  @ApiProperty({ example: 10, minimum: 1, maximum: 500 })
  @IsInt()
  @Min(1)
  @Max(500)
  additionalUnits!: number;

  @ApiProperty({ example: '2027-02-15', description: 'The new last day asked for.' })
  @IsDateOnly()
  endDate!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Updated clinical summary for the concurrent review (PHI; encrypted).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 10_000)
  clinicalSummary?: string | null;
}

export class CancelPreauthDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Patient chose another program',
    description: 'No patient details.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}

const toBooleanQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;

export class PreauthListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ description: 'One status or several, comma-separated.', example: 'submitted,pended' })
  @IsOptional()
  @Transform(toList)
  @IsIn(PREAUTH_STATUSES, { each: true, message: `status must be among ${PREAUTH_STATUSES.join(', ')}` })
  status?: PreauthStatus[];

  @ApiPropertyOptional({ description: 'Payer id or code.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  payer?: string;

  @ApiPropertyOptional({ enum: LevelOfCare, enumName: 'LevelOfCare' })
  @IsOptional()
  @IsIn(LEVEL_OF_CARE_CODES, { message: `levelOfCare must be one of ${LEVEL_OF_CARE_CODES.join(', ')}` })
  levelOfCare?: LevelOfCare;

  @ApiPropertyOptional({ format: 'date-time', description: 'Decision due before this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  dueBefore?: string;

  @ApiPropertyOptional({ description: 'Only overdue (true) or only not overdue (false) requests.' })
  @IsOptional()
  @Transform(toBooleanQuery)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only requests flagged for concurrent review (true), or not (false).' })
  @IsOptional()
  @Transform(toBooleanQuery)
  @IsBoolean({ message: 'needsReview must be true or false' })
  needsReview?: boolean;
}

export class TurnaroundQueryDto {
  @ApiProperty({ example: '2026-01-01', description: 'First day (UTC) of requests received.' })
  @IsDateOnly()
  from!: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day (UTC), included.' })
  @IsDateOnly()
  to!: string;
}
