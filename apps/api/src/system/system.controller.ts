import { Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  ApiGatewayTimeoutResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type Page, pageOf } from '@continuum/common';
import { QueueProbeService } from '@continuum/system';
import { AdminOnly } from '../access/access-policy';
import { ErrorBodyDto } from '../http/error-body.dto';
import { RouteInventory } from '../http/route-inventory';
import { QueueProbeResponseDto } from './queue-probe-response.dto';
import { type RouteDto, RouteListDto } from './route-list.dto';

@ApiTags('system')
@AdminOnly()
@Controller('v1/system')
export class SystemController {
  constructor(
    private readonly queueProbe: QueueProbeService,
    private readonly routes: RouteInventory,
  ) {}

  @Get('routes')
  @ApiOperation({ summary: 'Every route the server answers, for reviewing what is exposed' })
  @ApiOkResponse({ type: RouteListDto })
  listRoutes(): Page<RouteDto> {
    return pageOf(this.routes.list());
  }

  @Post('queue-probe')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Send a probe job through the queue to a worker and wait for its answer',
    description: 'An end-to-end check of API → Redis → worker, for operators and monitoring.',
  })
  @ApiOkResponse({ type: QueueProbeResponseDto })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: '`queue_unavailable`: Redis is unreachable.' })
  @ApiGatewayTimeoutResponse({ type: ErrorBodyDto, description: '`queue_result_timeout`: no worker answered in time.' })
  probe(@Req() request: FastifyRequest): Promise<QueueProbeResponseDto> {
    return this.queueProbe.run(request.id);
  }
}
