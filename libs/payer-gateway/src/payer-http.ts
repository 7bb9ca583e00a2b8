import type { GatewayPayer } from './payer-gateway.types';
import { RetryableGatewayError } from './payer-gateway.types';

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

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer headers in time',
  UND_ERR_BODY_TIMEOUT: 'answer body not received in time',
  ERR_INVALID_URL: 'invalid endpoint URL',
};

const errorCode = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
};

const errorName = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
};

/**
 * A short, PHI-free description of why a request never got an answer: `timed out after 20000 ms`,
 * `connection refused`, … Built from error names and codes only, never from messages.
 */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  const name = errorName(error);
  if (name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  if (name === 'AbortError') return 'request aborted';
  // fetch reports network failures as TypeError('fetch failed') with the socket error as its cause
  // (sometimes an AggregateError of one per address tried).
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && cause !== undefined && cause !== null; depth += 1) {
    const code = errorCode(cause);
    if (code !== undefined) return NETWORK_ERRORS[code] ?? `network error (${code})`;
    const errors = (cause as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const codes = errors.map(errorCode).filter((c): c is string => c !== undefined);
      if (codes[0] !== undefined) return NETWORK_ERRORS[codes[0]] ?? `network error (${codes[0]})`;
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return 'network error';
}

/**
 * POSTs to a payer within `timeoutMs` (answer body included). Returns a 2xx or 4xx answer; throws a
 * RetryableGatewayError for anything worth retrying: a network error, a timeout, a 5xx (or any other
 * status that is neither a success nor a refusal of the request).
 */
export async function postToPayer(post: PayerPost): Promise<PayerHttpAnswer> {
  let status: number;
  let body: string;
  try {
    const response = await fetch(post.url, {
      method: 'POST',
      headers: { 'content-type': post.contentType, accept: 'application/json, application/edi-x12, text/plain' },
      body: post.body,
      // A redirect is not followed: the body (PHI) goes only where the catalog says. It is retryable as a 3xx.
      redirect: 'manual',
      signal: AbortSignal.timeout(post.timeoutMs),
    });
    status = response.status;
    body = await response.text();
  } catch (error) {
    throw new RetryableGatewayError(describeNetworkError(error, post.timeoutMs), post.x12Request, { cause: error });
  }
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
