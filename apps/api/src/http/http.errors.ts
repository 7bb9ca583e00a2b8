import { AppError } from '@continuum/common';

/** Error codes about the HTTP exchange itself, raised by the framework rather than by a feature. */
export enum HttpErrorCode {
  BadRequest = 'bad_request',
  /** A path that is not valid percent-encoded UTF-8 (`/v1/payers/%FF`). */
  BadUrl = 'bad_url',
  MalformedJson = 'malformed_json',
  MethodNotAllowed = 'method_not_allowed',
  RequestTimeout = 'request_timeout',
  PayloadTooLarge = 'payload_too_large',
  /** A path parameter longer than the router accepts. */
  UriTooLong = 'uri_too_long',
  UnsupportedMediaType = 'unsupported_media_type',
  HeadersTooLarge = 'headers_too_large',
  InternalError = 'internal_error',
  ServiceUnavailable = 'service_unavailable',
}

export class HttpError extends AppError<HttpErrorCode> {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, details, options);
  }
}
