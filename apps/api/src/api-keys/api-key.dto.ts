import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { type ApiKeyView, Role } from '@continuum/access';
import { OptionalNotNull } from '../http/validators';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Billing UI (production)', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  @IsEnum(Role)
  role!: Role;

  @ApiPropertyOptional({
    type: [String],
    example: ['https://www.clinic.example'],
    description: 'Admissions keys only (and required for them): the browser origins the key may be used from.',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  allowedOrigins?: string[];
}

export class ListApiKeysQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Include revoked keys.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRevoked?: boolean;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ example: 'cnt_billing_3fQ9xk', description: 'The first characters of the key, to tell keys apart.' })
  keyPrefix!: string;

  @ApiProperty({ type: [String] })
  allowedOrigins!: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdByKeyId!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Updated at most once a minute.' })
  lastUsedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revokedAt!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    example: 'cnt_billing_3fQ9xkz…',
    description: 'The secret. Shown only in this answer: Continuum stores only its hash.',
  })
  key!: string;
}

export function toApiKeyDto(view: ApiKeyView): ApiKeyDto {
  return {
    id: view.id,
    name: view.name,
    role: view.role,
    keyPrefix: view.keyPrefix,
    allowedOrigins: view.allowedOrigins,
    createdAt: view.createdAt.toISOString(),
    createdByKeyId: view.createdByKeyId,
    lastUsedAt: view.lastUsedAt?.toISOString() ?? null,
    revokedAt: view.revokedAt?.toISOString() ?? null,
  };
}
