import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { PLAN_TYPES, type PlanContent, type PlanType, type PlanView } from '@continuum/catalog';
import { type CopayPer, LevelOfCare } from '@continuum/domain';
import { IsCents, NullableOr } from './catalog-validators';
import { NestedObject, NestedObjects, OptionalNotNull } from '../http/validators';

export class AmountPairDto {
  @ApiProperty({ example: 150_000 })
  @IsCents()
  individualCents!: number;

  @ApiProperty({ example: 300_000 })
  @IsCents()
  familyCents!: number;
}

export class InNetworkTierDto {
  @ApiProperty({ type: AmountPairDto })
  @NestedObject(() => AmountPairDto)
  deductible!: AmountPairDto;

  @ApiProperty({ description: 'Embedded: each member also has an individual deductible within the family one.' })
  @IsBoolean()
  deductibleEmbedded!: boolean;

  @ApiProperty({ type: AmountPairDto })
  @NestedObject(() => AmountPairDto)
  outOfPocketMax!: AmountPairDto;
}

export class AllowedAmountDto {
  @ApiProperty({ enum: ['percent_of_charge', 'fixed_per_unit'] })
  @IsIn(['percent_of_charge', 'fixed_per_unit'])
  method!: 'percent_of_charge' | 'fixed_per_unit';

  @ApiPropertyOptional({
    example: 60,
    description: 'percent_of_charge: the allowed amount as a percent of the charge.',
  })
  @ValidateIf((o: AllowedAmountDto) => o.method === 'percent_of_charge')
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  percent?: number;
}

export class OutOfNetworkTierDto extends InNetworkTierDto {
  @ApiProperty({ type: AllowedAmountDto })
  @NestedObject(() => AllowedAmountDto)
  allowedAmount!: AllowedAmountDto;

  @ApiProperty()
  @IsBoolean()
  balanceBillingAllowed!: boolean;
}

/** Required though nullable: null says "no out-of-network tier"; leaving it out said nothing (and was a 500). */
const OUT_REQUIRED = 'out is required: the out-of-network tier, or null for a plan without out-of-network benefits';

export class NetworksDto {
  @ApiProperty({ type: InNetworkTierDto })
  @NestedObject(() => InNetworkTierDto)
  in!: InNetworkTierDto;

  @ApiProperty({ type: OutOfNetworkTierDto, nullable: true, description: 'Null: no out-of-network benefits.' })
  @NullableOr()
  @NestedObject(() => OutOfNetworkTierDto, OUT_REQUIRED)
  out!: OutOfNetworkTierDto | null;
}

export class BenefitDto {
  @ApiProperty({ enum: LevelOfCare, enumName: 'LevelOfCare' })
  @IsEnum(LevelOfCare)
  levelOfCare!: LevelOfCare;

  @ApiProperty({ enum: ['in', 'out'] })
  @IsIn(['in', 'out'])
  network!: 'in' | 'out';

  @ApiProperty()
  @IsBoolean()
  covered!: boolean;

  @ApiProperty({ example: 5_000 })
  @IsCents()
  copayCents!: number;

  @ApiProperty({ enum: ['day', 'session', 'admission'] })
  @IsIn(['day', 'session', 'admission'])
  copayPer!: CopayPer;

  @ApiProperty({ description: 'The copay is charged before the deductible is met (and does not count toward it).' })
  @IsBoolean()
  copayBeforeDeductible!: boolean;

  @ApiProperty()
  @IsBoolean()
  deductibleApplies!: boolean;

  @ApiProperty({ example: 20, description: "The patient's share after the deductible, 0–100, up to two decimals." })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  coinsurancePercent!: number;

  @ApiProperty({ type: Number, nullable: true, example: 30 })
  @NullableOr()
  @IsInt()
  @Min(1)
  @Max(366)
  maxUnitsPerYear!: number | null;

  @ApiProperty()
  @IsBoolean()
  preAuthRequired!: boolean;

  @ApiPropertyOptional({ description: 'The day or visit limit is stricter than for comparable medical care.' })
  @OptionalNotNull()
  @IsBoolean()
  parityConcern?: boolean;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Out of network, fixed_per_unit plans only.' })
  @IsOptional()
  @NullableOr()
  @IsCents()
  allowedCentsPerUnit?: number | null;
}

export class PlanYearStartDto {
  @ApiProperty({ minimum: 1, maximum: 12, example: 1 })
  @IsInt()
  @Min(1)
  @Max(12)
  month!: number;

  @ApiProperty({ minimum: 1, maximum: 31, example: 1 })
  @IsInt()
  @Min(1)
  @Max(31)
  day!: number;
}

export class PlanContentDto implements PlanContent {
  @ApiProperty({ example: 'BluePeak Choice PPO 1500' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: PLAN_TYPES })
  @IsIn(PLAN_TYPES)
  planType!: PlanType;

  @ApiProperty({ type: PlanYearStartDto })
  @NestedObject(() => PlanYearStartDto)
  planYearStart!: PlanYearStartDto;

  @ApiProperty({ type: NetworksDto })
  @NestedObject(() => NetworksDto)
  networks!: NetworksDto;

  @ApiProperty({ type: [BenefitDto], description: 'One per level of care and network tier.' })
  @ArrayMaxSize(12)
  @NestedObjects(() => BenefitDto)
  benefits!: BenefitDto[];

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class CreatePlanDto extends PlanContentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  payerId!: string;
}

/** Every field may be left out, none be null (skipNullProperties: false is OptionalNotNull's rule). */
export class UpdatePlanDto extends PartialType(PlanContentDto, { skipNullProperties: false }) {}

export class PlanResponseDto extends PlanContentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  payerId!: string;

  @ApiProperty()
  payerCode!: string;

  @ApiProperty()
  declare active: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

/** What publishable admissions keys see of a plan: enough for a form to offer it. */
export class PublicPlanDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: PLAN_TYPES })
  planType!: PlanType;

  @ApiProperty({ description: 'Whether the plan has out-of-network benefits.' })
  outOfNetworkBenefits!: boolean;
}

export const toPlanResponse = (view: PlanView): PlanResponseDto => ({
  ...view,
  createdAt: view.createdAt.toISOString(),
  updatedAt: view.updatedAt.toISOString(),
});

export const toPublicPlan = (view: PlanView): PublicPlanDto => ({
  id: view.id,
  name: view.name,
  planType: view.planType,
  outOfNetworkBenefits: view.networks.out !== null,
});
