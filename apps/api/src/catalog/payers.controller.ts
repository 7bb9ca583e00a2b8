import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Role } from '@continuum/access';
import { PayersService, PlansService, RatesService } from '@continuum/catalog';
import { type Page, pageOf } from '@continuum/common';
import { AdminOnly, Allow } from '../access/access-policy';
import { type Caller, CurrentCaller } from '../access/caller';
import { listOfEither } from '../http/page.dto';
import { PayerDto, PayerResponseDto, PublicPayerDto, toPayerResponse, UpdatePayerDto } from './payer.dto';
import { PlanResponseDto, PublicPlanDto, toPlanResponse, toPublicPlan } from './plan.dto';
import { ContractedRatesDto } from './pricing.dto';

export class PayerListQueryDto {
  @ApiPropertyOptional({ description: 'Include inactive payers (billing and admin keys).' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeInactive?: boolean;
}

/** Billing and admin keys get whole payers; admissions keys `{ code, name }` of active payers only. */
const PAYER_LIST_SCHEMA = listOfEither(PayerResponseDto, PublicPayerDto);

/** Billing and admin keys get whole plans; admissions keys the public fields of active plans. */
const PLAN_LIST_SCHEMA = listOfEither(PlanResponseDto, PublicPlanDto);

@ApiTags('catalog')
@ApiExtraModels(PayerResponseDto, PublicPayerDto, PlanResponseDto, PublicPlanDto)
@Controller('v1/payers')
export class PayersController {
  constructor(
    private readonly payers: PayersService,
    private readonly plans: PlansService,
    private readonly rates: RatesService,
  ) {}

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: 'Add a payer (409 when the code is taken)' })
  @ApiCreatedResponse({ type: PayerResponseDto })
  async create(@Body() body: PayerDto, @CurrentCaller() caller: Caller): Promise<PayerResponseDto> {
    return toPayerResponse(await this.payers.create(body, caller));
  }

  @Get()
  @Allow(Role.Billing, Role.Admissions)
  @ApiOperation({ summary: 'Payers by name; admissions keys see active payers, code and name only' })
  @ApiOkResponse({ schema: PAYER_LIST_SCHEMA })
  async list(
    @Query() query: PayerListQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<Page<PayerResponseDto | PublicPayerDto>> {
    if (caller.key.role === Role.Admissions) {
      const active = await this.payers.list({ activeOnly: true });
      return pageOf(active.map(({ code, name }) => ({ code, name })));
    }
    return pageOf((await this.payers.list({ activeOnly: query.includeInactive !== true })).map(toPayerResponse));
  }

  @Get(':id')
  @Allow(Role.Billing)
  @ApiOperation({ summary: 'One payer, by id or code' })
  @ApiOkResponse({ type: PayerResponseDto })
  async get(@Param('id') id: string): Promise<PayerResponseDto> {
    return toPayerResponse(await this.payers.get(id));
  }

  @Patch(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'Change a payer; webhookSecrets, when given, replace the active secrets' })
  @ApiOkResponse({ type: PayerResponseDto })
  async update(
    @Param('id') id: string,
    @Body() body: UpdatePayerDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PayerResponseDto> {
    return toPayerResponse(await this.payers.update(id, body, caller));
  }

  @Get(':id/plans')
  @Allow(Role.Billing, Role.Admissions)
  @ApiOperation({ summary: "A payer's plans (payer by id or code); admissions keys see active plans' public fields" })
  @ApiOkResponse({ schema: PLAN_LIST_SCHEMA })
  async listPlans(
    @Param('id') id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<Page<PlanResponseDto | PublicPlanDto>> {
    if (caller.key.role === Role.Admissions) {
      const payer = await this.payers.get(id);
      const plans = payer.active ? await this.plans.list({ payer: payer.id, activeOnly: true }) : [];
      return pageOf(plans.map(toPublicPlan));
    }
    return pageOf((await this.plans.list({ payer: id })).map(toPlanResponse));
  }

  @Get(':id/contracted-rates')
  @Allow(Role.Billing)
  @ApiOperation({ summary: "The provider's contracted (allowed) rates with this payer" })
  @ApiOkResponse({ type: ContractedRatesDto })
  async contractedRates(@Param('id') id: string): Promise<ContractedRatesDto> {
    return { rates: await this.rates.contractedRates(id) };
  }

  @Put(':id/contracted-rates')
  @AdminOnly()
  @ApiOperation({
    summary: "Replace the provider's contracted rates with this payer (per plan by name, or payer-wide)",
  })
  @ApiOkResponse({ type: ContractedRatesDto })
  async putContractedRates(
    @Param('id') id: string,
    @Body() body: ContractedRatesDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ContractedRatesDto> {
    return { rates: await this.rates.putContractedRates(id, body.rates, caller) };
  }
}
