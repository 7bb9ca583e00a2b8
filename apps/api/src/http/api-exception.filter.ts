import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '@continuum/common';
import { isDatabaseUnavailableError } from '@continuum/database';
import type { ErrorBodyDto } from './error-body.dto';
import { codeForStatus, httpStatusFor, isKnownErrorCode } from './error-status';
import { HttpErrorCode } from './http.errors';
import { MAX_PARAM_LENGTH } from './framework-errors';

/** Fastify's own request errors (body parsing, content type, size) carry a `FST_…` code and a 4xx status. */
interface FastifyRequestError {
  code: string;
  statusCode: number;
  message: string;
}

/** Fastify's codes, and a message of ours where Fastify's would echo the request or name Fastify. */
const FASTIFY_CODES: Record<string, { code: HttpErrorCode; message?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: HttpErrorCode.MalformedJson },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: HttpErrorCode.MalformedJson },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: HttpErrorCode.UnsupportedMediaType },
  FST_ERR_CTP_INVALID_TYPE: { code: HttpErrorCode.UnsupportedMediaType },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: HttpErrorCode.PayloadTooLarge },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: HttpErrorCode.BadRequest },
  FST_ERR_BAD_URL: {
    code: HttpErrorCode.BadUrl,
    message: 'The URL path is not valid: a percent-escape (such as %FF) does not decode to UTF-8 text',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: HttpErrorCode.UriTooLong,
    message: `A path parameter is longer than ${MAX_PARAM_LENGTH} characters`,
  },
};

const isFastifyRequestError = (error: unknown): error is FastifyRequestError => {
  if (!(error instanceof Error)) return false;
  const { statusCode, code } = error as Partial<FastifyRequestError>;
  return typeof code === 'string' && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
};

/**
 * Turns every error into the stable body `{ statusCode, code, message, details }`. Client mistakes get
 * their 4xx; an unreachable database is a 503 `service_unavailable`; anything unexpected is logged with its
 * stack and answered with a bare 500 that leaks nothing.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: request.id, code: body.code }, 'request failed');
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown): ErrorBodyDto {
    if (isAppError(exception) && isKnownErrorCode(exception.code)) {
      return {
        statusCode: httpStatusFor(exception.code),
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    // The Fastify adapter wraps Fastify's own 4xx errors (body parsing, media type, size) in an
    // HttpException whose cause is the original error with its `FST_…` code.
    const fastifyError = exception instanceof HttpException ? exception.cause : exception;
    if (isFastifyRequestError(fastifyError)) {
      const known = FASTIFY_CODES[fastifyError.code];
      const code = known?.code ?? codeForStatus(fastifyError.statusCode);
      return { statusCode: httpStatusFor(code), code, message: known?.message ?? fastifyError.message, details: {} };
    }
    // The database is down or the connection broke: a condition to retry, not a bug (500) in the request.
    if (isDatabaseUnavailableError(exception)) {
      const code = HttpErrorCode.ServiceUnavailable;
      return {
        statusCode: httpStatusFor(code),
        code,
        message: 'The database is unavailable; try again shortly',
        details: {},
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = codeForStatus(status);
      const message = status >= 500 ? 'Internal server error' : exception.message;
      return { statusCode: httpStatusFor(code), code, message, details: {} };
    }
    return { statusCode: 500, code: HttpErrorCode.InternalError, message: 'Internal server error', details: {} };
  }
}
