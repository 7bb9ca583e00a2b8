import { AppError } from './app-error';

/** Errors any layer may raise about the request itself rather than a feature's rules. */
export enum CommonErrorCode {
  ValidationFailed = 'validation_failed',
  NotFound = 'not_found',
  Conflict = 'conflict',
}

export interface FieldError {
  /** Dotted path of the offending field, e.g. `coverage.planId`. */
  field: string;
  messages: string[];
}

export class CommonError extends AppError<CommonErrorCode> {
  constructor(
    readonly code: CommonErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, details, options);
  }

  static validation(fieldErrors: FieldError[]): CommonError {
    const summary = fieldErrors.map((e) => e.field).join(', ');
    return new CommonError(CommonErrorCode.ValidationFailed, `Invalid request: ${summary}`, {
      fields: fieldErrors,
    });
  }
}
