import { Body, Controller, Get, Header, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role } from '@continuum/access';
import {
  type GoodFaithEstimateView,
  GoodFaithEstimatesService,
  renderGoodFaithEstimate,
} from '@continuum/good-faith-estimates';
import { Allow } from '../access/access-policy';
import { type Caller, CurrentCaller } from '../access/caller';
import { uuidParam } from '../http/uuid-param';
import { GoodFaithEstimateDto } from './good-faith-estimate.dto';
import { GoodFaithEstimateResponseDto } from './good-faith-estimate-response.dto';

@ApiTags('good-faith-estimates')
@Allow(Role.Billing)
@Controller('v1/good-faith-estimates')
export class GoodFaithEstimatesController {
  constructor(private readonly estimates: GoodFaithEstimatesService) {}

  @Post()
  @ApiOperation({
    summary: 'Issue a Good Faith Estimate for a self-pay or uninsured patient; the answer says when it is due',
  })
  @ApiCreatedResponse({ type: GoodFaithEstimateResponseDto })
  create(@Body() body: GoodFaithEstimateDto, @CurrentCaller() caller: Caller): Promise<GoodFaithEstimateView> {
    return this.estimates.create(body, caller);
  }

  @Post(':id/revisions')
  @ApiOperation({ summary: 'A new version of the estimate (every version is kept)' })
  @ApiCreatedResponse({ type: GoodFaithEstimateResponseDto })
  revise(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: GoodFaithEstimateDto,
    @CurrentCaller() caller: Caller,
  ): Promise<GoodFaithEstimateView> {
    return this.estimates.revise(id, body, caller);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The current version and the list of versions' })
  @ApiOkResponse({ type: GoodFaithEstimateResponseDto })
  get(@Param('id', uuidParam('id')) id: string, @CurrentCaller() caller: Caller): Promise<GoodFaithEstimateView> {
    return this.estimates.get(id, caller);
  }

  @Get(':id/document')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The current version as a printable HTML document for the patient' })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'An HTML page.' })
  async document(@Param('id', uuidParam('id')) id: string, @CurrentCaller() caller: Caller): Promise<string> {
    return renderGoodFaithEstimate(await this.estimates.get(id, caller));
  }
}
