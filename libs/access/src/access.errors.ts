import { AppError } from '@continuum/common';

export enum AccessErrorCode {
  /** No key, or a key that is unknown or revoked (401). */
  Unauthorized = 'unauthorized',
  /** A known key that may not do this: wrong role or wrong browser origin (403). */
  Forbidden = 'forbidden',
  /** An admissions key or client address over its rate limit (429, with `Retry-After`). */
  RateLimited = 'rate_limited',
}

export class AccessError extends AppError<AccessErrorCode> {
  constructor(
    readonly code: AccessErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}
