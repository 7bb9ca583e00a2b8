import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessError, AccessErrorCode, Role } from '@continuum/access';
import { type Page, pageOf } from '@continuum/common';
import { type Estimate, EstimatesService, SavedEstimatesService } from '@continuum/estimates';
import { Allow } from '../access/access-policy';
import { type Caller, CurrentCaller } from '../access/caller';
import { uuidParam } from '../http/uuid-param';
import {
  EpisodeEstimateRequestDto,
  EstimateQueryDto,
  EstimateRequestDto,
  LevelsEstimateRequestDto,
  toCoverage,
  toEstimateRequest,
  toSchedule,
} from './estimate-request.dto';
import { EpisodeEstimateDto, EstimatePageDto, EstimateResponseDto, SavedEstimateDto } from './estimate-response.dto';

@ApiTags('estimates')
@Allow(Role.Billing, Role.Admissions)
@Controller('v1/estimates')
export class EstimatesController {
  constructor(
    private readonly estimates: EstimatesService,
    private readonly saved: SavedEstimatesService,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'What one level of care will cost this person, with the range, every rule applied and why',
    description: 'With ?save=true (billing keys) the estimate is kept with its inputs; the answer then has an id.',
  })
  @ApiOkResponse({ type: EstimateResponseDto })
  async estimate(
    @Body() body: EstimateRequestDto,
    @Query() query: EstimateQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<Estimate | (Estimate & { id: string; savedAt: string })> {
    const request = toEstimateRequest(body);
    const estimate = this.estimates.estimate(request);
    if (query.save !== true) return estimate;
    if (caller.key.role === Role.Admissions) {
      throw new AccessError(AccessErrorCode.Forbidden, 'Admissions keys may not save estimates', {
        role: caller.key.role,
      });
    }
    const saved = await this.saved.save(request, estimate, caller);
    return { id: saved.id, savedAt: saved.createdAt.toISOString(), ...estimate };
  }

  @Get(':id')
  @Allow(Role.Billing)
  @ApiOperation({ summary: 'A saved estimate, exactly as it was given (even after the catalog changed)' })
  @ApiOkResponse({ type: SavedEstimateDto })
  async get(@Param('id', uuidParam('id')) id: string): Promise<Estimate & { id: string; savedAt: string }> {
    const saved = await this.saved.get(id);
    return { id: saved.id, savedAt: saved.createdAt.toISOString(), ...saved.estimate };
  }

  @Post('levels')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The same coverage priced for every level of care at its typical course' })
  @ApiOkResponse({ type: EstimatePageDto })
  levels(@Body() body: LevelsEstimateRequestDto): Page<Estimate> {
    return pageOf(this.estimates.estimateAllLevels(toCoverage(body.coverage), body.serviceStartDate));
  }

  @Post('episode')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'A step-down plan priced in order, carrying what is met from step to step and across plan years',
  })
  @ApiOkResponse({ type: EpisodeEstimateDto })
  episode(@Body() body: EpisodeEstimateRequestDto): ReturnType<EstimatesService['estimateEpisode']> {
    return this.estimates.estimateEpisode(
      toCoverage(body.coverage),
      body.steps.map((step, i) => ({
        levelOfCare: step.levelOfCare,
        schedule: toSchedule(step.schedule, `steps.${i}.schedule`) ?? { units: 1 },
      })),
      body.serviceStartDate,
    );
  }
}
