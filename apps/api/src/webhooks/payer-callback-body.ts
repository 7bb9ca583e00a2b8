import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes, type FastifyRequest, type RawServerDefault } from 'fastify';
import { mayHoldUnstorableText, storableText } from '../http/storable-text';

/** The route payers call back on; its bodies stay the exact bytes the signature covers. */
export const PAYER_CALLBACK_ROUTE = '/v1/webhooks/payers/:payerCode';
export const X12_MEDIA_TYPE = 'application/edi-x12';

const isPayerCallback = (request: FastifyRequest): boolean => request.routeOptions.url === PAYER_CALLBACK_ROUTE;

/**
 * The API's body parsers. Payer callbacks are verified over their raw bytes, so on that route a JSON body is
 * not parsed (re-serialised JSON would not match the signature) and an X12 278 is accepted at all; every other
 * route parses JSON, refuses text the database cannot store (see `storableText`), and refuses X12. Call
 * before the app initialises, so Nest keeps these parsers.
 */
export function keepPayerCallbackBodiesRaw(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', {}, (request, body, done) => {
    if (isPayerCallback(request)) {
      done(null, body);
      return;
    }
    const text = body.toString('utf8');
    void parseJson(request, text, (error, parsed) => {
      if (error === null && mayHoldUnstorableText(text) && !storableText(parsed)) {
        const refused = new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
        refused.message = 'JSON strings must not hold NUL characters (\\u0000) or unpaired surrogates';
        done(refused, undefined);
      } else done(error, parsed);
    });
  });
  app.useBodyParser<RawServerDefault>(X12_MEDIA_TYPE, {}, (request, body, done) => {
    if (isPayerCallback(request)) done(null, body);
    else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(X12_MEDIA_TYPE), undefined);
  });
}
