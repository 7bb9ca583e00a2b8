import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes, type FastifyRequest, type RawServerDefault } from 'fastify';
import { HttpError, HttpErrorCode } from '../http/http.errors';
import { mayHoldUnstorableText, storableText } from '../http/storable-text';

/** The route payers call back on; its bodies stay the exact bytes the signature covers. */
export const PAYER_CALLBACK_ROUTE = '/v1/webhooks/payers/:payerCode';
export const X12_MEDIA_TYPE = 'application/edi-x12';

const isPayerCallback = (request: FastifyRequest): boolean => request.routeOptions.url === PAYER_CALLBACK_ROUTE;

const JSON_MEDIA_TYPE = 'application/json';

/** What a route reads: JSON everywhere, and X12 278 too on the payer callback route. */
const acceptedMediaTypes = (request: FastifyRequest): string[] =>
  isPayerCallback(request) ? [JSON_MEDIA_TYPE, X12_MEDIA_TYPE] : [JSON_MEDIA_TYPE];

/** 415 naming the type that came (without its parameters) and the types this route reads. */
export function unsupportedMediaType(request: FastifyRequest): HttpError {
  const accepted = acceptedMediaTypes(request);
  const sent = request.headers['content-type']?.split(';')[0]?.trim().slice(0, 100) ?? '';
  const send = `send ${accepted.join(' or ')}`;
  return new HttpError(
    HttpErrorCode.UnsupportedMediaType,
    sent === '' ? `The body has no Content-Type; ${send}` : `Content-Type ${sent} is not accepted here; ${send}`,
    { contentType: sent === '' ? null : sent, accepted },
  );
}

/**
 * The API's body parsers. Payer callbacks are verified over their raw bytes, so on that route a JSON body is
 * not parsed (re-serialised JSON would not match the signature) and an X12 278 is accepted at all; every other
 * route parses JSON, refuses text the database cannot store (see `storableText`) and prototype keys. Any other
 * content type (a form, `text/plain`, X12 elsewhere) is a 415 naming it, before validation could misread it.
 * Call before the app initialises, so Nest keeps these parsers.
 */
export function keepPayerCallbackBodiesRaw(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>(JSON_MEDIA_TYPE, {}, (request, body, done) => {
    if (isPayerCallback(request)) {
      done(null, body);
      return;
    }
    const text = body.toString('utf8');
    void parseJson(request, text, (error, parsed) => {
      if (error !== null) done(refusalOfJson(error, text), undefined);
      else if (mayHoldUnstorableText(text) && !storableText(parsed)) {
        const refused = new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
        refused.message = 'JSON strings must not hold NUL characters (\\u0000) or unpaired surrogates';
        done(refused, undefined);
      } else done(null, parsed);
    });
  });
  app.useBodyParser<RawServerDefault>(X12_MEDIA_TYPE, {}, (request, body, done) => {
    if (isPayerCallback(request)) done(null, body);
    else done(unsupportedMediaType(request), undefined);
  });
  // Fastify reads text/plain by default, and Nest would add forms: both would reach validation as strings.
  fastify.removeContentTypeParser('text/plain');
  app.useBodyParser<RawServerDefault>('*', {}, (request, _body, done) =>
    done(unsupportedMediaType(request), undefined),
  );
}

/**
 * Fastify's strict parser refuses `__proto__` and `constructor.prototype` keys with the same error as broken
 * syntax; text that plain `JSON.parse` reads was refused for those keys, so the message says so.
 */
function refusalOfJson(error: Error, text: string): Error {
  try {
    JSON.parse(text);
  } catch {
    return error;
  }
  const refused = new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
  refused.message = 'JSON keys __proto__ and constructor.prototype are refused (prototype keys are not data)';
  return refused;
}
