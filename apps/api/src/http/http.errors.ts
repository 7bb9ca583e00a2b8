/** Error codes about the HTTP exchange itself, raised by the framework rather than by a feature. */
export enum HttpErrorCode {
  BadRequest = 'bad_request',
  MalformedJson = 'malformed_json',
  MethodNotAllowed = 'method_not_allowed',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  InternalError = 'internal_error',
  ServiceUnavailable = 'service_unavailable',
}
