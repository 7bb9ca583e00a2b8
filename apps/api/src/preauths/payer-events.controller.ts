import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Role } from '@continuum/access';
import { type PayerEventPage, PayerEventsService, type PayerEventStatus } from '@continuum/preauth';
import { Allow } from '../access/access-policy';
import { CursorPageQueryDto, PAGE_DEFAULT } from '../http/cursor-page-query.dto';
import { PayerEventPageDto } from './preauth-response.dto';

const STATUSES: PayerEventStatus[] = ['received', 'applied', 'ignored', 'refused', 'unmatched'];

export class PayerEventListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, description: '`unmatched`: callbacks whose trace number no request has.' })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: PayerEventStatus;

  @ApiPropertyOptional({ example: 'bluepeak-health' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  payer?: string;
}

@ApiTags('preauths')
@Allow(Role.Billing)
@Controller('v1/payer-events')
export class PayerEventsController {
  constructor(private readonly payerEvents: PayerEventsService) {}

  @Get()
  @ApiOperation({
    summary: 'Payer callbacks received, newest first, and what became of each (applied, ignored, unmatched)',
  })
  @ApiOkResponse({ type: PayerEventPageDto })
  list(@Query() query: PayerEventListQueryDto): Promise<PayerEventPage> {
    return this.payerEvents.list({
      status: query.status,
      payerCode: query.payer,
      limit: query.limit ?? PAGE_DEFAULT,
      cursor: query.cursor,
    });
  }
}
