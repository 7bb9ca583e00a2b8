import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Role } from '@continuum/access';
import { type Estimate, EstimatesService } from '@continuum/estimates';
import { Allow } from '../access/access-policy';
import {
  EpisodeEstimateRequestDto,
  EstimateRequestDto,
  LevelsEstimateRequestDto,
  toCoverage,
  toEstimateRequest,
  toSchedule,
} from './estimate-request.dto';

class EstimateResponseDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'levelOfCare, unit, units, schedule, serviceStartDate, coverageType, totalChargeCents, allowedCents, ' +
      'planPaysCents, patientResponsibilityCents, breakdown { deductibleCents, copayCents, coinsuranceCents, ' +
      'balanceBillCents, nonCoveredCents, discountCents }, range { lowCents, highCents, lowUnits, highUnits }, ' +
      'preAuthRequired, parityConcern, slidingScale (self-pay), lines, assumptions, disclaimer, catalogVersion, ' +
      'accumulatorsAfter (insured).',
  })
  estimate!: Estimate;
}

@ApiTags('estimates')
@Allow(Role.Billing, Role.Admissions)
@Controller('v1/estimates')
export class EstimatesController {
  constructor(private readonly estimates: EstimatesService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'What one level of care will cost this person, with the range, every rule applied and why' })
  @ApiOkResponse({ type: EstimateResponseDto })
  estimate(@Body() body: EstimateRequestDto): Estimate {
    return this.estimates.estimate(toEstimateRequest(body));
  }

  @Post('levels')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The same coverage priced for every level of care at its typical course' })
  levels(@Body() body: LevelsEstimateRequestDto): { data: Estimate[] } {
    return { data: this.estimates.estimateAllLevels(toCoverage(body.coverage), body.serviceStartDate) };
  }

  @Post('episode')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'A step-down plan priced in order, carrying what is met from step to step and across plan years',
  })
  episode(@Body() body: EpisodeEstimateRequestDto): ReturnType<EstimatesService['estimateEpisode']> {
    return this.estimates.estimateEpisode(
      toCoverage(body.coverage),
      body.steps.map((step) => ({
        levelOfCare: step.levelOfCare,
        schedule: toSchedule(step.schedule) ?? { units: 1 },
      })),
      body.serviceStartDate,
    );
  }
}
