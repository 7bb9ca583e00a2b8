import { AppError } from '@continuum/common';

export enum QueueErrorCode {
  /** Redis cannot be reached: the work was not accepted, and the caller may retry later. */
  Unavailable = 'queue_unavailable',
  /** The job was accepted but no worker finished it in time. */
  ResultTimeout = 'queue_result_timeout',
}

export class QueueError extends AppError<QueueErrorCode> {
  constructor(
    readonly code: QueueErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, details, options);
  }
}
