import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { CommonError, REQUEST_ID_HEADER } from '@continuum/common';
import type { ApiExceptionFilter } from './api-exception.filter';
import type { ErrorBodyDto } from './error-body.dto';
import { httpStatusFor } from './error-status';
import { HttpError, HttpErrorCode } from './http.errors';
import { unstorableRequestValues } from './storable-text';

/** The router's limit on one path parameter (Fastify's default, named so the error message can say it). */
export const MAX_PARAM_LENGTH = 100;

/**
 * Fastify answers some requests before any route, hook or Nest filter runs: a path that does not decode
 * (`%FF`) or a parameter over `MAX_PARAM_LENGTH`. This hands them to the API's one error filter, so they
 * get the standard body like every other error. Pass as the adapter's `frameworkErrors` option.
 */
export const answerFrameworkErrors =
  (filter: ApiExceptionFilter) =>
  (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const body = filter.toBody(error);
    void reply.code(body.statusCode).header(REQUEST_ID_HEADER, request.id).send(body);
  };

const CLIENT_ERRORS: Record<string, { code: HttpErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    code: HttpErrorCode.HeadersTooLarge,
    message: 'The request headers are larger than the server accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { code: HttpErrorCode.RequestTimeout, message: 'The request did not arrive in time' },
};

/**
 * What Node's HTTP parser refuses (headers too large, a request too slow, bytes that are not HTTP) never
 * becomes a request, so it is answered on the socket here, still with the standard body. Pass as the
 * adapter's `clientErrorHandler` option.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = error.code === undefined ? undefined : CLIENT_ERRORS[error.code];
  const code = known?.code ?? HttpErrorCode.BadRequest;
  const statusCode = httpStatusFor(code);
  const body: ErrorBodyDto = {
    statusCode,
    code,
    message: known?.message ?? 'The request is not valid HTTP',
    details: {},
  };
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}

/**
 * Path parameters and query values reach the database as they are, so they pass the same check as JSON
 * bodies (`storableText`) before any route runs, including the ones that need no key: a NUL in `?payer=`
 * is a 400 naming the parameter, not a 500 from PostgreSQL.
 */
export function refuseUnstorableParameters(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const problems = unstorableRequestValues(request.params, request.query);
    done(problems.length > 0 ? CommonError.validation(problems) : undefined);
  });
}

/**
 * Once the server starts closing, requests still arriving on open connections (pipelined, or on a busy
 * keep-alive connection) are shed with a 503 in the standard body and `Connection: close`. Fastify's own
 * `return503OnClosing` answers in its own shape, so the adapter turns that off.
 */
export function refuseRequestsWhileClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!closing) {
      done();
      return;
    }
    void reply.header('connection', 'close');
    done(new HttpError(HttpErrorCode.ServiceUnavailable, 'The server is shutting down; retry shortly'));
  });
}
