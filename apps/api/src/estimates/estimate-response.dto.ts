import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import {
  type CareUnit,
  LEVEL_OF_CARE_CODES,
  type LevelOfCare,
  POVERTY_REGIONS,
  type PovertyRegion,
} from '@continuum/domain';
import { PageDto } from '../http/page.dto';
import { AccumulatorsDto } from './estimate-request.dto';

/* Response schemas of the estimate routes. Money is in integer cents, dates YYYY-MM-DD. */

const SELF_PAY_PART_PRICED_BY = ['cash_price_per_unit', 'iop_program_rule', 'full_charge'] as const;
const SELF_PAY_PRICED_BY = [...SELF_PAY_PART_PRICED_BY, 'iop_programs_and_cash_price'] as const;

export class EstimateScheduleDto {
  @ApiPropertyOptional({ description: 'A weekly pattern: days a week…' })
  daysPerWeek?: number;

  @ApiPropertyOptional({ description: '…for this many weeks.' })
  weeks?: number;

  @ApiPropertyOptional({ description: 'Or a number of units.' })
  units?: number;
}

export class EstimateBreakdownDto {
  @ApiProperty()
  deductibleCents!: number;

  @ApiProperty()
  copayCents!: number;

  @ApiProperty()
  coinsuranceCents!: number;

  @ApiProperty()
  balanceBillCents!: number;

  @ApiProperty()
  nonCoveredCents!: number;

  @ApiProperty({ description: 'Self-pay: the sliding-scale discount off the cash price.' })
  discountCents!: number;
}

export class EstimateRangeDto {
  @ApiProperty()
  lowCents!: number;

  @ApiProperty()
  highCents!: number;

  @ApiProperty()
  lowUnits!: number;

  @ApiProperty()
  highUnits!: number;
}

export class AppliedSlidingScaleBandDto {
  @ApiProperty()
  index!: number;

  @ApiProperty()
  minPercent!: number;

  @ApiProperty({ type: Number, nullable: true })
  maxPercent!: number | null;
}

export class SlidingScaleAppliedDto {
  @ApiProperty()
  povertyPercent!: number;

  @ApiProperty()
  guidelineYear!: number;

  @ApiProperty({ enum: POVERTY_REGIONS })
  region!: PovertyRegion;

  @ApiProperty()
  guidelineCents!: number;

  @ApiProperty({ type: AppliedSlidingScaleBandDto })
  band!: AppliedSlidingScaleBandDto;

  @ApiProperty()
  discountPercent!: number;

  @ApiProperty({ type: Number, nullable: true })
  nominalFeeCents!: number | null;
}

export class SelfPayPartDto {
  @ApiProperty({ enum: SELF_PAY_PART_PRICED_BY })
  pricedBy!: (typeof SELF_PAY_PART_PRICED_BY)[number];

  @ApiProperty()
  units!: number;

  @ApiProperty()
  cents!: number;
}

export class SelfPayPriceDto {
  @ApiProperty({
    enum: SELF_PAY_PRICED_BY,
    description: 'One way for the whole course, or iop_programs_and_cash_price when the parts mix them.',
  })
  pricedBy!: (typeof SELF_PAY_PRICED_BY)[number];

  @ApiProperty({ type: [SelfPayPartDto], description: 'How the cash price was reached, in order.' })
  parts!: SelfPayPartDto[];

  @ApiProperty({ description: 'The drop from the full charge to the cash price (apart from the sliding scale).' })
  reductionCents!: number;
}

export class PovertyGuidelinesUsedDto {
  @ApiProperty({ description: 'The guideline year used.' })
  year!: number;

  @ApiProperty({ description: "The service date's year." })
  requestedYear!: number;

  @ApiProperty({ description: "True when the requested year's table is missing, so an older one stood in." })
  missing!: boolean;
}

export class EstimateLineDto {
  @ApiProperty()
  fromUnit!: number;

  @ApiProperty()
  toUnit!: number;

  @ApiProperty()
  units!: number;

  @ApiProperty({ format: 'date', description: 'First service date of the run.' })
  fromDate!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty()
  chargeCents!: number;

  @ApiProperty()
  allowedCents!: number;

  @ApiProperty()
  copayCents!: number;

  @ApiProperty()
  deductibleCents!: number;

  @ApiProperty()
  coinsuranceCents!: number;

  @ApiProperty()
  balanceBillCents!: number;

  @ApiProperty()
  nonCoveredCents!: number;

  @ApiProperty()
  discountCents!: number;

  @ApiProperty()
  planPaysCents!: number;

  @ApiProperty()
  patientResponsibilityCents!: number;
}

export class EstimateDto {
  @ApiProperty({ enum: LEVEL_OF_CARE_CODES })
  levelOfCare!: LevelOfCare;

  @ApiProperty({ enum: ['day', 'session'] })
  unit!: CareUnit;

  @ApiProperty()
  units!: number;

  @ApiProperty({ type: EstimateScheduleDto, nullable: true })
  schedule!: EstimateScheduleDto | null;

  @ApiProperty({ format: 'date' })
  serviceStartDate!: string;

  @ApiProperty({ enum: ['insured', 'self_pay'] })
  coverageType!: 'insured' | 'self_pay';

  @ApiProperty()
  totalChargeCents!: number;

  @ApiProperty()
  allowedCents!: number;

  @ApiProperty()
  planPaysCents!: number;

  @ApiProperty()
  patientResponsibilityCents!: number;

  @ApiProperty({ type: EstimateBreakdownDto })
  breakdown!: EstimateBreakdownDto;

  @ApiProperty({ type: EstimateRangeDto, description: 'From the best to the worst plausible case.' })
  range!: EstimateRangeDto;

  @ApiProperty()
  preAuthRequired!: boolean;

  @ApiProperty({ description: 'The plan limits this level more strictly than comparable medical care.' })
  parityConcern!: boolean;

  @ApiProperty({ type: SlidingScaleAppliedDto, nullable: true, description: 'Self-pay only.' })
  slidingScale!: SlidingScaleAppliedDto | null;

  @ApiProperty({ type: SelfPayPriceDto, nullable: true, description: 'Self-pay only.' })
  selfPayPrice!: SelfPayPriceDto | null;

  @ApiProperty({ type: PovertyGuidelinesUsedDto, nullable: true, description: 'Self-pay only.' })
  povertyGuidelines!: PovertyGuidelinesUsedDto | null;

  @ApiProperty({ type: [EstimateLineDto] })
  lines!: EstimateLineDto[];

  @ApiProperty({ type: [String] })
  assumptions!: string[];

  @ApiProperty()
  disclaimer!: string;

  @ApiProperty()
  catalogVersion!: number;

  @ApiProperty({
    type: AccumulatorsDto,
    nullable: true,
    description: 'Insured: what is met after this course, to carry into a next step.',
  })
  accumulatorsAfter!: AccumulatorsDto | null;
}

/** `POST /v1/estimates?save=true` and `GET /v1/estimates/:id`: the estimate with its id. */
export class SavedEstimateDto extends EstimateDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  savedAt!: string;
}

/** `POST /v1/estimates`: the estimate, with `id` and `savedAt` when saved. */
export class EstimateResponseDto extends EstimateDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'With ?save=true.' })
  id?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'With ?save=true.' })
  savedAt?: string;
}

export const EstimatePageDto = PageDto(EstimateDto);

/** An episode's totals: the same money fields as one estimate, summed over its steps. */
export class EpisodeTotalsDto extends PickType(EstimateDto, [
  'totalChargeCents',
  'allowedCents',
  'planPaysCents',
  'patientResponsibilityCents',
] as const) {}

export class EpisodeEstimateDto {
  @ApiProperty({ type: [EstimateDto], description: 'One estimate per step, in order.' })
  steps!: EstimateDto[];

  @ApiProperty({ type: EpisodeTotalsDto })
  totals!: EpisodeTotalsDto;
}
