import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AuditOutcome, type AuditEventPage } from '@continuum/audit';
import type { Page } from '@continuum/common';
import { PageDto } from '../http/page.dto';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

export class AuditEventsQueryDto {
  @ApiPropertyOptional({ description: 'The actor: an API key id or a payer code.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actorId?: string;

  @ApiPropertyOptional({ example: 'api_key.revoke' })
  @IsOptional()
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'action must look like subject.verb, e.g. api_key.create' })
  action?: string;

  @ApiPropertyOptional({ example: 'api_key' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  subjectType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  subjectId?: string;

  @ApiPropertyOptional({ enum: AuditOutcome, enumName: 'AuditOutcome' })
  @IsOptional()
  @IsEnum(AuditOutcome)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or after this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events before this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;

  @ApiPropertyOptional({ default: AUDIT_PAGE_DEFAULT, minimum: 1, maximum: AUDIT_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;
}

export class AuditActorDto {
  @ApiProperty({ enum: ['api_key', 'payer', 'system', 'anonymous'] })
  type!: string;

  @ApiProperty({ nullable: true, type: String })
  id!: string | null;

  @ApiProperty({ nullable: true, type: String })
  role!: string | null;
}

export class AuditEventDto {
  @ApiProperty({ example: '1042' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ type: AuditActorDto })
  actor!: AuditActorDto;

  @ApiProperty({ example: 'api_key.create' })
  action!: string;

  @ApiProperty({ example: 'api_key' })
  subjectType!: string;

  @ApiProperty({ nullable: true, type: String })
  subjectId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  requestId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  clientAddress!: string | null;

  @ApiProperty({ enum: AuditOutcome, enumName: 'AuditOutcome' })
  outcome!: AuditOutcome;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, string | number | boolean | null>;
}

export const AuditEventPageDto = PageDto(AuditEventDto);

export function toAuditEventPageDto(page: AuditEventPage): Page<AuditEventDto> {
  return {
    data: page.data.map((event) => ({
      ...event,
      occurredAt: event.occurredAt.toISOString(),
      outcome: event.outcome as AuditOutcome,
    })),
    nextCursor: page.nextCursor,
  };
}
