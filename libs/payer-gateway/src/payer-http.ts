import { type OutboundUrlPolicy, postOutbound } from '@continuum/outbound';
import type { GatewayPayer } from './payer-gateway.types';
import { RefusedDestinationError, RetryableGatewayError } from './payer-gateway.types';

/** What a payer answered, when the answer is final for this attempt (2xx) or final for good (4xx). */
export interface PayerHttpAnswer {
  status: number;
  body: string;
}

export interface PayerPost {
  url: string;
  contentType: string;
  /** The request body. It holds PHI: it never goes into an error message. */
  body: string;
  timeoutMs: number;
  /** The 278 sent, carried by a RetryableGatewayError so it can be stored even when the attempt fails. */
  x12Request: string | null;
}

/** Longest payer-supplied message kept in a rejection. */
export const MAX_REJECTION_MESSAGE_LENGTH = 300;

/**
 * The payer's endpoint: the catalog's `endpointUrl`, else `path` on the sandbox payer. Neither means the
 * catalog is incomplete; staff can fix it and retry, so that is retryable.
 */
export function payerEndpoint(payer: GatewayPayer, sandboxPayerUrl: string | undefined, path: string): string {
  if (payer.endpointUrl !== null && payer.endpointUrl.trim() !== '') return payer.endpointUrl;
  if (sandboxPayerUrl === undefined || sandboxPayerUrl === '') {
    throw new RetryableGatewayError(`no endpoint configured for payer ${payer.code}`);
  }
  return `${sandboxPayerUrl}${path}`;
}

/** How much of a payer's answer is read; a longer one is treated as a failed attempt. */
export const MAX_PAYER_ANSWER_BYTES = 4 * 1024 * 1024;

/**
 * POSTs to a payer within `timeoutMs` (answer body included), connecting through the outbound URL policy's
 * agent. Returns a 2xx or 4xx answer; throws a RefusedDestinationError when the policy refuses the address
 * (retrying cannot help), and a RetryableGatewayError for anything worth retrying: a network error, a
 * timeout, a 5xx (or any other status that is neither a success nor a refusal of the request). Redirects are
 * not followed: the body (PHI) goes only where the catalog says, and a 3xx is retryable.
 */
export async function postToPayer(post: PayerPost, urlPolicy: OutboundUrlPolicy): Promise<PayerHttpAnswer> {
  let url: URL;
  try {
    url = new URL(post.url);
  } catch (error) {
    throw new RetryableGatewayError('invalid endpoint URL', post.x12Request, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RefusedDestinationError(`refused: payer endpoints use http(s), not ${url.protocol.slice(0, -1)}`);
  }
  const outcome = await postOutbound({
    url,
    body: post.body,
    headers: { 'content-type': post.contentType, accept: 'application/json, application/edi-x12, text/plain' },
    agent: urlPolicy.agentFor(url),
    timeoutMs: post.timeoutMs,
    maxAnswerBytes: MAX_PAYER_ANSWER_BYTES,
    onLongAnswer: 'fail',
  });
  if (outcome.kind === 'refused') {
    throw new RefusedDestinationError(outcome.reason, post.x12Request, { cause: outcome.cause });
  }
  if (outcome.kind !== 'answered') {
    throw new RetryableGatewayError(outcome.reason, post.x12Request, { cause: outcome.cause });
  }
  const { status, body } = outcome;
  if ((status >= 200 && status < 300) || (status >= 400 && status < 500)) return { status, body };
  throw new RetryableGatewayError(`payer answered ${status}`, post.x12Request);
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON.parse that yields `undefined` instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const truncate = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * A 4xx answer as a rejection: the SandboxRejection body's code and message when the body is one,
 * else `http_<status>` and a generic message. The message is cut to 300 characters.
 */
export function rejectionFromAnswer(answer: PayerHttpAnswer): { code: string; message: string } {
  const parsed = parseJson(answer.body);
  if (
    isRecord(parsed) &&
    typeof parsed.code === 'string' &&
    parsed.code.trim() !== '' &&
    typeof parsed.message === 'string'
  ) {
    return {
      code: truncate(parsed.code.trim(), 100),
      message: truncate(parsed.message, MAX_REJECTION_MESSAGE_LENGTH),
    };
  }
  return { code: `http_${answer.status}`, message: `payer refused the request (HTTP ${answer.status})` };
}
