import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@continuum/access';
import {
  PovertyGuidelinesService,
  RatesService,
  SlidingScaleService,
  type SlidingScalePolicyView,
} from '@continuum/catalog';
import { CommonError, CommonErrorCode, type Page, pageOf } from '@continuum/common';
import { AdminOnly, Allow } from '../access/access-policy';
import { type Caller, CurrentCaller } from '../access/caller';
import { PageDto } from '../http/page.dto';
import {
  PovertyGuidelineTableDto,
  ProviderRatesDto,
  SlidingScalePolicyDto,
  SlidingScalePolicyResponseDto,
} from './pricing.dto';

const toPolicyResponse = (view: SlidingScalePolicyView): SlidingScalePolicyResponseDto => ({
  ...view,
  createdAt: view.createdAt.toISOString(),
});

@ApiTags('catalog')
@Controller('v1')
export class PricingController {
  constructor(
    private readonly rates: RatesService,
    private readonly slidingScale: SlidingScaleService,
    private readonly poverty: PovertyGuidelinesService,
  ) {}

  @Get('rates')
  @Allow(Role.Billing)
  @ApiOperation({ summary: "The provider's prices: charge and self-pay per unit, the IOP program rule and its band" })
  @ApiOkResponse({ type: ProviderRatesDto })
  async getRates(): Promise<ProviderRatesDto> {
    const rates = await this.rates.providerRates();
    if (rates === undefined) throw new CommonError(CommonErrorCode.NotFound, 'No rates have been set yet');
    return rates;
  }

  @Put('rates')
  @AdminOnly()
  @ApiOperation({ summary: 'Replace the provider’s prices (422 when a full IOP course would fall outside the band)' })
  @ApiOkResponse({ type: ProviderRatesDto })
  async putRates(@Body() body: ProviderRatesDto, @CurrentCaller() caller: Caller): Promise<ProviderRatesDto> {
    return this.rates.putProviderRates(body, caller);
  }

  @Get('sliding-scale-policy')
  @Allow(Role.Billing)
  @ApiOperation({ summary: 'The sliding-scale policy in force' })
  @ApiOkResponse({ type: SlidingScalePolicyResponseDto })
  async currentPolicy(): Promise<SlidingScalePolicyResponseDto> {
    return toPolicyResponse(await this.slidingScale.current());
  }

  @Get('sliding-scale-policy/versions')
  @Allow(Role.Billing)
  @ApiOperation({ summary: 'Every version of the sliding-scale policy, newest first; the first is in force' })
  @ApiOkResponse({ type: PageDto(SlidingScalePolicyResponseDto) })
  async policyVersions(): Promise<Page<SlidingScalePolicyResponseDto>> {
    return pageOf((await this.slidingScale.versions()).map(toPolicyResponse));
  }

  @Post('sliding-scale-policy')
  @AdminOnly()
  @ApiOperation({ summary: 'A new version of the policy (422 when the bands leave a gap, overlap or stop short)' })
  @ApiCreatedResponse({ type: SlidingScalePolicyResponseDto })
  async createPolicy(
    @Body() body: SlidingScalePolicyDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SlidingScalePolicyResponseDto> {
    return toPolicyResponse(await this.slidingScale.create(body, caller));
  }

  @Get('poverty-guidelines')
  @Allow(Role.Billing)
  @ApiOperation({ summary: 'HHS poverty guidelines by year and region; service dates pick the table in force' })
  @ApiOkResponse({ type: PageDto(PovertyGuidelineTableDto) })
  async povertyGuidelines(): Promise<Page<PovertyGuidelineTableDto>> {
    return pageOf(await this.poverty.list());
  }

  @Post('poverty-guidelines')
  @AdminOnly()
  @ApiOperation({ summary: 'Add a year of poverty guidelines (409 when that year exists)' })
  @ApiCreatedResponse({ type: PovertyGuidelineTableDto })
  async addPovertyGuidelines(
    @Body() body: PovertyGuidelineTableDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PovertyGuidelineTableDto> {
    return this.poverty.add(body, caller);
  }
}
