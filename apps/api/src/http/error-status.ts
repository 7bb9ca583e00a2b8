import { HttpStatus } from '@nestjs/common';
import { AccessErrorCode } from '@continuum/access';
import { CatalogErrorCode } from '@continuum/catalog';
import { CommonErrorCode } from '@continuum/common';
import { EstimateErrorCode } from '@continuum/estimates';
import { PreauthErrorCode } from '@continuum/preauth';
import { QueueErrorCode } from '@continuum/queue';
import { HttpErrorCode } from './http.errors';

/** Every code the API can answer with. A feature adds its enum here, and the switch below stops compiling until it maps each code. */
export type ErrorCode =
  | CommonErrorCode
  | QueueErrorCode
  | HttpErrorCode
  | AccessErrorCode
  | CatalogErrorCode
  | EstimateErrorCode
  | PreauthErrorCode;

const KNOWN_CODES = new Set<string>([
  ...Object.values(CommonErrorCode),
  ...Object.values(QueueErrorCode),
  ...Object.values(HttpErrorCode),
  ...Object.values(AccessErrorCode),
  ...Object.values(CatalogErrorCode),
  ...Object.values(EstimateErrorCode),
  ...Object.values(PreauthErrorCode),
]);

/** RFC 6585's 431, missing from Nest's `HttpStatus`. */
const REQUEST_HEADER_FIELDS_TOO_LARGE = 431 as HttpStatus;

export const isKnownErrorCode = (code: string): code is ErrorCode => KNOWN_CODES.has(code);

export function httpStatusFor(code: ErrorCode): HttpStatus {
  switch (code) {
    case CommonErrorCode.ValidationFailed:
    case HttpErrorCode.BadRequest:
    case HttpErrorCode.MalformedJson:
    case HttpErrorCode.BadUrl:
      return HttpStatus.BAD_REQUEST;
    case AccessErrorCode.Unauthorized:
      return HttpStatus.UNAUTHORIZED;
    case AccessErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case CommonErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case HttpErrorCode.MethodNotAllowed:
      return HttpStatus.METHOD_NOT_ALLOWED;
    case CommonErrorCode.Conflict:
    case PreauthErrorCode.IdempotencyInFlight:
    case PreauthErrorCode.IllegalTransition:
      return HttpStatus.CONFLICT;
    case CatalogErrorCode.RuleViolated:
    case EstimateErrorCode.CannotPrice:
    case PreauthErrorCode.IdempotencyKeyReused:
    case PreauthErrorCode.DecisionRefused:
    case PreauthErrorCode.ProcedureCodeNotForLevel:
    case PreauthErrorCode.OverAuthorization:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case HttpErrorCode.RequestTimeout:
      return HttpStatus.REQUEST_TIMEOUT;
    case HttpErrorCode.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case HttpErrorCode.UriTooLong:
      return HttpStatus.URI_TOO_LONG;
    case HttpErrorCode.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case AccessErrorCode.RateLimited:
      return HttpStatus.TOO_MANY_REQUESTS;
    case HttpErrorCode.HeadersTooLarge:
      return REQUEST_HEADER_FIELDS_TOO_LARGE;
    case HttpErrorCode.InternalError:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    case HttpErrorCode.ServiceUnavailable:
    case QueueErrorCode.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case QueueErrorCode.ResultTimeout:
      return HttpStatus.GATEWAY_TIMEOUT;
    default:
      return assertNever(code);
  }
}

function assertNever(code: never): never {
  throw new Error(`unmapped error code: ${String(code)}`);
}

/** The code for a framework HttpException that carries only a status. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return HttpErrorCode.BadRequest;
    case 401:
      return AccessErrorCode.Unauthorized;
    case 403:
      return AccessErrorCode.Forbidden;
    case 404:
      return CommonErrorCode.NotFound;
    case 405:
      return HttpErrorCode.MethodNotAllowed;
    case 408:
      return HttpErrorCode.RequestTimeout;
    case 409:
      return CommonErrorCode.Conflict;
    case 414:
      return HttpErrorCode.UriTooLong;
    case 413:
      return HttpErrorCode.PayloadTooLarge;
    case 415:
      return HttpErrorCode.UnsupportedMediaType;
    case 429:
      return AccessErrorCode.RateLimited;
    case 431:
      return HttpErrorCode.HeadersTooLarge;
    case 503:
      return HttpErrorCode.ServiceUnavailable;
    default:
      return status >= 400 && status < 500 ? HttpErrorCode.BadRequest : HttpErrorCode.InternalError;
  }
}
