import { AppError } from '@continuum/common';

export enum PreauthErrorCode {
  /** The same Idempotency-Key came with another body: 422. */
  IdempotencyKeyReused = 'idempotency_key_reused',
  /** The first request with this Idempotency-Key is still being processed: 409, retry shortly. */
  IdempotencyInFlight = 'idempotency_in_flight',
  /** The state machine forbids this change in the request's current status: 409. */
  IllegalTransition = 'preauth_illegal_transition',
  /** A payer callback's decision breaks the decision checks (a time in the future, …): 422, nothing stored. */
  DecisionRefused = 'preauth_decision_refused',
  /** A service line's procedure code is not usual for the level of care and was not confirmed: 422. */
  ProcedureCodeNotForLevel = 'procedure_code_not_for_level',
  /** Units beyond the authorization, not confirmed with `overAuthorization: true`: 422. */
  OverAuthorization = 'utilization_over_authorization',
}

export class PreauthError extends AppError<PreauthErrorCode> {
  constructor(
    readonly code: PreauthErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, details, options);
  }
}
