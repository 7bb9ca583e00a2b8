import { Body, Controller, Get, Header, Headers, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Role } from '@continuum/access';
import { CommonError } from '@continuum/common';
import {
  type PreauthDetail,
  PreauthIntakeService,
  type PreauthPage,
  PreauthReportsService,
  type PreauthSummary,
  PreauthTrackingService,
  type TurnaroundReport,
} from '@continuum/preauth';
import { Allow } from '../access/access-policy';
import { type Caller, CurrentCaller } from '../access/caller';
import { PAGE_DEFAULT } from '../http/cursor-page-query.dto';
import { ErrorBodyDto } from '../http/error-body.dto';
import { uuidParam } from '../http/uuid-param';
import { CreatePreauthDto, PreauthAcceptedDto, toPreauthInput } from './create-preauth.dto';
import {
  CancelPreauthDto,
  PreauthListQueryDto,
  RecordDecisionDto,
  RecordUtilizationDto,
  ReverseUtilizationDto,
  RequestExtensionDto,
  TurnaroundQueryDto,
} from './preauth-actions.dto';
import { PreauthDetailDto, PreauthPageDto, PreauthSummaryDto, TurnaroundReportDto } from './preauth-response.dto';

/** Printable ASCII, as the IETF Idempotency-Key draft suggests for the header's value. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@ApiTags('preauths')
@Allow(Role.Billing)
@Controller('v1/preauths')
export class PreauthsController {
  constructor(
    private readonly intake: PreauthIntakeService,
    private readonly tracking: PreauthTrackingService,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Submit a pre-authorization request; it is queued for the payer and answered 202 at once',
    description:
      'Idempotency-Key is required: the same key with the same body answers the first response again; with another body, 422; while the first is still being processed, 409.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A unique value per request (e.g. a UUID).' })
  @ApiAcceptedResponse({ type: PreauthAcceptedDto })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyDto,
    description:
      '`procedure_code_not_for_level`: a procedure code unusual for the level of care, unless procedureCodesConfirmed; `idempotency_key_reused` with another body.',
  })
  async create(
    @Body() body: CreatePreauthDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PreauthAcceptedDto> {
    if (idempotencyKey === undefined || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw CommonError.validation([
        {
          field: 'Idempotency-Key',
          messages: ['the Idempotency-Key header is required: 1–255 printable characters, e.g. a UUID'],
        },
      ]);
    }
    const result = await this.intake.submit(toPreauthInput(body), idempotencyKey, caller);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return result.answer;
  }

  @Get()
  @ApiOperation({ summary: 'The work list: filtered, soonest decision due first, cursor-paginated (no PHI)' })
  @ApiOkResponse({ type: PreauthPageDto })
  list(@Query() query: PreauthListQueryDto): Promise<PreauthPage> {
    return this.tracking.list({
      status: query.status,
      payer: query.payer,
      levelOfCare: query.levelOfCare,
      dueBefore: query.dueBefore === undefined ? undefined : new Date(query.dueBefore),
      overdue: query.overdue,
      needsReview: query.needsReview,
      limit: query.limit ?? PAGE_DEFAULT,
      cursor: query.cursor,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One request with its patient data, submissions, units used and events (audited)' })
  @ApiOkResponse({ type: PreauthDetailDto })
  get(@Param('id', uuidParam('id')) id: string, @CurrentCaller() caller: Caller): Promise<PreauthDetail> {
    return this.tracking.get(id, caller);
  }

  @Get(':id/x12')
  @Header('content-type', 'application/edi-x12; charset=utf-8')
  @ApiProduces('application/edi-x12')
  @ApiOperation({ summary: 'The last X12 278 request sent to the payer for this request (audited)' })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The X12 278 interchange.' })
  x12(@Param('id', uuidParam('id')) id: string, @CurrentCaller() caller: Caller): Promise<string> {
    return this.tracking.lastX12(id, caller);
  }

  @Post(':id/decision')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Record the payer's answer received by phone, fax or portal (how manual payers answer)" })
  @ApiOkResponse({ type: PreauthSummaryDto })
  decision(@Param('id', uuidParam('id')) id: string, @Body() body: RecordDecisionDto): Promise<PreauthSummary> {
    return this.tracking.recordDecision(id, {
      ...body,
      decidedAt: body.decidedAt === undefined ? undefined : new Date(body.decidedAt),
    });
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a request (or extension) whose delivery failed again, with the same trace number' })
  @ApiAcceptedResponse({ type: PreauthSummaryDto })
  retry(@Param('id', uuidParam('id')) id: string, @CurrentCaller() caller: Caller): Promise<PreauthSummary> {
    return this.tracking.retry(id, caller);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel the request; the payer is told when it already has it' })
  @ApiOkResponse({ type: PreauthSummaryDto })
  cancel(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CancelPreauthDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PreauthSummary> {
    return this.tracking.cancel(id, body.reason ?? null, caller);
  }

  @Post(':id/utilization')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record units used on one date; answers used and remaining units and review flags' })
  @ApiOkResponse({ type: PreauthSummaryDto })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyDto,
    description:
      '`utilization_over_authorization`: units beyond the approved ones, unless overAuthorization: true (then recorded and flagged).',
  })
  utilization(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RecordUtilizationDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PreauthSummary> {
    return this.tracking.recordUtilization(id, body, caller);
  }

  @Post(':id/utilization/:entryId/reversal')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Correct a wrong utilization entry: it is reversed (kept, with the reason) and stops counting',
  })
  @ApiOkResponse({ type: PreauthSummaryDto })
  reverseUtilization(
    @Param('id', uuidParam('id')) id: string,
    @Param('entryId', uuidParam('entryId')) entryId: string,
    @Body() body: ReverseUtilizationDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PreauthSummary> {
    return this.tracking.reverseUtilization(id, entryId, body.reason, caller);
  }

  @Post(':id/extensions')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Ask the payer for more units (concurrent review, certification type 4)' })
  @ApiAcceptedResponse({ type: PreauthSummaryDto })
  extension(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RequestExtensionDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PreauthSummary> {
    return this.tracking.requestExtension(id, body, caller);
  }
}

@ApiTags('reports')
@Allow(Role.Billing)
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: PreauthReportsService) {}

  @Get('payer-turnaround')
  @ApiOperation({
    summary:
      'Per payer and urgency: counts, % approved and denied, approved after extension, average and median decision hours',
  })
  @ApiOkResponse({ type: TurnaroundReportDto })
  payerTurnaround(@Query() query: TurnaroundQueryDto): Promise<TurnaroundReport> {
    if (query.to < query.from) {
      throw CommonError.validation([{ field: 'to', messages: ['to must not be before from'] }]);
    }
    return this.reports.payerTurnaround(query.from, query.to);
  }
}
