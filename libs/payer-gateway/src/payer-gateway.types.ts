import type { SandboxDecision, SandboxSubmission } from './sandbox-protocol';

/** How Continuum reaches a payer (the catalog's `connectionType`). */
export type PayerConnection = 'sandbox' | 'x12' | 'manual';

/** The payer as the gateway needs it. */
export interface GatewayPayer {
  id: string;
  code: string;
  name: string;
  x12PayerId: string | null;
  connectionType: PayerConnection;
  /** The payer's (or clearinghouse's) endpoint; null sends sandbox and X12 traffic to the sandbox payer. */
  endpointUrl: string | null;
}

/**
 * Everything one submission tells the payer, in our terms. It holds PHI: it lives only in the worker's memory
 * for the length of one attempt, never in a job payload or a log line.
 */
export interface GatewaySubmission {
  payer: GatewayPayer;
  /** Our trace number: the same on every attempt, so the payer recognises a resend. */
  request: SandboxSubmission;
}

/** The payer's decision (or pend) in our terms, from a JSON answer or a parsed 278 response. */
export type GatewayDecision = SandboxDecision;

export type GatewayOutcome =
  /** Delivered. `decision` is there when the payer answered at once; otherwise it will call back. */
  | { kind: 'delivered'; payerReference: string | null; decision: GatewayDecision | null; x12Request: string | null }
  /** The payer refused the request as sent (4xx, AAA): sending it again cannot help. */
  | { kind: 'rejected'; code: string; message: string; x12Request: string | null }
  /** Nothing is sent: staff send it by portal, fax or phone and record the answer. */
  | { kind: 'manual' };

/**
 * A failure worth retrying (network error, timeout, 5xx). Anything else an adapter throws is a bug and is
 * retried the same way, but logged as such.
 */
export class RetryableGatewayError extends Error {
  constructor(
    message: string,
    readonly x12Request: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RetryableGatewayError';
  }
}

/**
 * The outbound URL policy refused the payer's endpoint (a private, loopback or link-local address, or not
 * http(s)): sending again cannot help until the catalog changes, so the submission fails at once. The message
 * names the address, never the URL's path or anything sent.
 */
export class RefusedDestinationError extends Error {
  constructor(
    message: string,
    readonly x12Request: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RefusedDestinationError';
  }
}

/** One way of reaching payers. */
export interface PayerGatewayAdapter {
  readonly connection: PayerConnection;
  submit(submission: GatewaySubmission): Promise<GatewayOutcome>;
}
