import { AppError } from '@continuum/common';

export enum EstimateErrorCode {
  /** The catalog cannot price this request (no rates yet, no poverty guidelines for the date): 422. */
  CannotPrice = 'estimate_not_priceable',
}

export class EstimateError extends AppError<EstimateErrorCode> {
  readonly code = EstimateErrorCode.CannotPrice;
}
