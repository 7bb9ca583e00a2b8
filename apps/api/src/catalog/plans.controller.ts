import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Role } from '@continuum/access';
import { PlansService } from '@continuum/catalog';
import { type Page, pageOf } from '@continuum/common';
import { AdminOnly, Allow } from '../access/access-policy';
import { type Caller, CurrentCaller } from '../access/caller';
import { PageDto } from '../http/page.dto';
import { uuidParam } from '../http/uuid-param';
import { CreatePlanDto, PlanResponseDto, toPlanResponse, UpdatePlanDto } from './plan.dto';

export class PlanListQueryDto {
  @ApiPropertyOptional({ description: 'Only this payer’s plans (id or code).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  payer?: string;
}

@ApiTags('catalog')
@Controller('v1/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: 'Add a plan with its network tiers and one benefit per level of care and tier' })
  @ApiCreatedResponse({ type: PlanResponseDto })
  async create(@Body() body: CreatePlanDto, @CurrentCaller() caller: Caller): Promise<PlanResponseDto> {
    return toPlanResponse(await this.plans.create(body, caller));
  }

  @Get()
  @Allow(Role.Billing)
  @ApiOkResponse({ type: PageDto(PlanResponseDto) })
  async list(@Query() query: PlanListQueryDto): Promise<Page<PlanResponseDto>> {
    return pageOf((await this.plans.list({ payer: query.payer })).map(toPlanResponse));
  }

  @Get(':id')
  @Allow(Role.Billing)
  @ApiOkResponse({ type: PlanResponseDto })
  async get(@Param('id', uuidParam('id')) id: string): Promise<PlanResponseDto> {
    return toPlanResponse(await this.plans.get(id));
  }

  @Patch(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'Change a plan; networks and benefits, when given, are replaced as a whole' })
  @ApiOkResponse({ type: PlanResponseDto })
  async update(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: UpdatePlanDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PlanResponseDto> {
    return toPlanResponse(await this.plans.update(id, body, caller));
  }
}
