import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ReadinessService } from '@continuum/system';
import { Public } from '../access/access-policy';
import { LivenessDto, ReadinessDto } from './health-response.dto';

/** Open to all: load balancers and orchestrators probe it without a key. It reveals no data. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** The process is up and its event loop answers. Checks nothing else, so a restart never hinges on a dependency. */
  @Get('live')
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  /** Whether this replica should get traffic: database and Redis reachable; worker heartbeat age reported. */
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto, description: 'Ready (`ok`) or serving without a live worker (`degraded`).' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'Database or Redis unreachable.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    const report = await this.readiness.check();
    void reply.status(report.status === 'unavailable' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return report;
  }
}
