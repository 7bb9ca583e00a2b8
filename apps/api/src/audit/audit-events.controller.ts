import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@continuum/audit';
import type { Page } from '@continuum/common';
import { AdminOnly } from '../access/access-policy';
import { ErrorBodyDto } from '../http/error-body.dto';
import {
  AUDIT_PAGE_DEFAULT,
  type AuditEventDto,
  AuditEventPageDto,
  AuditEventsQueryDto,
  toAuditEventPageDto,
} from './audit-event.dto';

@ApiTags('audit')
@AdminOnly()
@Controller('v1/audit-events')
export class AuditEventsController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail, newest first, filtered and paginated by cursor' })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  async list(@Query() query: AuditEventsQueryDto): Promise<Page<AuditEventDto>> {
    const page = await this.audit.list({
      actorId: query.actorId,
      action: query.action,
      subjectType: query.subjectType,
      subjectId: query.subjectId,
      outcome: query.outcome,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      limit: query.limit ?? AUDIT_PAGE_DEFAULT,
      cursor: query.cursor,
    });
    return toAuditEventPageDto(page);
  }
}
