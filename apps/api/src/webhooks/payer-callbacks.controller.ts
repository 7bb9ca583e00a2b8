import { Controller, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type PayerCallbackReceipt, PayerEventsService } from '@continuum/preauth';
import { Public } from '../access/access-policy';
import { anonymousContextOf } from '../access/caller';
import { ErrorBodyDto } from '../http/error-body.dto';
import { X12_MEDIA_TYPE } from './payer-callback-body';
import { PayerCallbackReceiptDto } from './webhook-response.dto';

@ApiTags('webhooks')
@Controller('v1/webhooks/payers')
export class PayerCallbacksController {
  constructor(private readonly payerEvents: PayerEventsService) {}

  /** Public, because payers have no API key: the Standard Webhooks signature is the authentication. */
  @Post(':payerCode')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'A payer tells Continuum about a pre-auth decision (signed per Standard Webhooks)',
    description:
      'Verified over the raw body with the payer’s secrets (5-minute tolerance); stored once per webhook-id and applied by the worker. 202 when new, 200 for a duplicate webhook-id, 401 for a bad or missing signature, stale timestamp or unknown payer.',
  })
  @ApiConsumes('application/json', X12_MEDIA_TYPE)
  @ApiBody({
    description:
      '{ type, data: { traceNumber, payerReference, action, authorizationNumber, approvedUnits, unitType, validFrom, validTo, reasonCode, reasonText, decidedAt } }, or an X12 278 response.',
    schema: { type: 'object' },
  })
  @ApiAcceptedResponse({ type: PayerCallbackReceiptDto, description: 'Stored, to be applied by the worker.' })
  @ApiOkResponse({ type: PayerCallbackReceiptDto, description: 'A duplicate webhook-id: acknowledged again.' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyDto,
    description:
      '`preauth_decision_refused`: the decision shows by itself it cannot be right (decidedAt in the future, a period ending before it starts); nothing is stored.',
  })
  async receive(
    @Param('payerCode') payerCode: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PayerCallbackReceipt> {
    const receipt = await this.payerEvents.receive(
      {
        payerCode,
        headers: request.headers,
        rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        contentType: request.headers['content-type'],
      },
      anonymousContextOf(request),
    );
    if (receipt.duplicate) void reply.status(HttpStatus.OK);
    return receipt;
  }
}
