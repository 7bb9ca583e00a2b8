import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PayerConnectionType, type PayerInput, type PayerView } from '@continuum/catalog';
import { NullableOr } from './catalog-validators';
import { OptionalNestedObject, OptionalNotNull } from '../http/validators';

export class DecisionTimeOverridesDto {
  @ApiPropertyOptional({ type: Number, nullable: true, example: 72, description: 'Null: the CMS default, 72 h.' })
  @IsOptional()
  @NullableOr()
  @IsInt()
  @Min(1)
  @Max(720)
  expeditedHours?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 7, description: 'Null: the CMS default, 7 days.' })
  @IsOptional()
  @NullableOr()
  @IsInt()
  @Min(1)
  @Max(60)
  standardDays?: number | null;
}

export class PayerDto implements PayerInput {
  @ApiProperty({ example: 'bluepeak-health', description: 'Unique slug: lowercase letters, digits and dashes.' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'code must be a slug such as bluepeak-health' })
  @MaxLength(64)
  code!: string;

  @ApiProperty({ example: 'BluePeak Health' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'BPH01' })
  @IsOptional()
  @NullableOr()
  @IsString()
  @Length(1, 80)
  x12PayerId?: string | null;

  @ApiProperty({ enum: PayerConnectionType, enumName: 'PayerConnectionType' })
  @IsEnum(PayerConnectionType)
  connectionType!: PayerConnectionType;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Where requests go (x12: required; manual: none): https to a public address (plain http and private addresses only for hosts in OUTBOUND_ALLOWED_HOSTS).',
  })
  @IsOptional()
  @NullableOr()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  endpointUrl?: string | null;

  @ApiPropertyOptional({ type: DecisionTimeOverridesDto })
  @OptionalNestedObject(() => DecisionTimeOverridesDto)
  decisionTimeOverrides?: DecisionTimeOverridesDto;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    type: [String],
    writeOnly: true,
    description: 'Write-only: replaces the active signing secrets (several allow rotation). Never returned.',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(5)
  @Matches(/^whsec_[A-Za-z0-9+/=]{24,}$/, {
    each: true,
    message: 'each webhook secret must be whsec_ and base64 (≥ 24 characters)',
  })
  webhookSecrets?: string[];
}

/** Every field may be left out, none be null (skipNullProperties: false is OptionalNotNull's rule). */
export class UpdatePayerDto extends PartialType(PayerDto, { skipNullProperties: false }) {}

class DecisionTimesDto {
  @ApiProperty()
  expeditedHours!: number;

  @ApiProperty()
  standardDays!: number;
}

export class PayerResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  code!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  x12PayerId!: string | null;

  @ApiProperty({ enum: PayerConnectionType, enumName: 'PayerConnectionType' })
  connectionType!: PayerConnectionType;

  @ApiProperty({ type: String, nullable: true })
  endpointUrl!: string | null;

  @ApiProperty({ type: DecisionTimeOverridesDto })
  decisionTimeOverrides!: { expeditedHours: number | null; standardDays: number | null };

  @ApiProperty({ type: DecisionTimesDto, description: 'What applies: the override, else 72 h / 7 days.' })
  decisionTimes!: DecisionTimesDto;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ description: 'How many signing secrets are active; their values are never shown.' })
  webhookSecretCount!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

/** What publishable admissions keys see: enough for a form to offer the payer. */
export class PublicPayerDto {
  @ApiProperty()
  code!: string;

  @ApiProperty()
  name!: string;
}

export const toPayerResponse = (view: PayerView): PayerResponseDto => ({
  ...view,
  createdAt: view.createdAt.toISOString(),
  updatedAt: view.updatedAt.toISOString(),
});
