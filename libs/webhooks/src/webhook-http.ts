import type * as http from 'node:http';
import { postOutbound } from '@continuum/outbound';

export type WebhookPostFailureKind = 'refused' | 'timeout' | 'network';

/**
 * A POST that got no HTTP answer: `refused` (the destination is not allowed, so retrying will not help
 * unless the subscriber's DNS changes), `timeout` or `network`. Messages never contain the body.
 */
export class WebhookPostError extends Error {
  constructor(
    message: string,
    readonly kind: WebhookPostFailureKind,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'WebhookPostError';
  }
}

export interface WebhookPostResult {
  statusCode: number;
  durationMs: number;
}

export interface WebhookPostOptions {
  /** Bounds the whole exchange: connecting, sending, the answer's headers and its body. */
  timeoutMs: number;
  /** The agent to connect through: OutboundUrlPolicy.agentFor(url). */
  agent: http.Agent;
}

/** How much of an answer's body is read (and discarded) before the connection is dropped. */
export const MAX_WEBHOOK_ANSWER_BYTES = 64 * 1024;

export const WEBHOOK_USER_AGENT = 'Continuum-Webhooks/1';

/**
 * POSTs one webhook body. Resolves with the status of any HTTP answer (the caller decides what counts as
 * delivered; redirects are not followed, so a 3xx is just a status). Rejects with a WebhookPostError when
 * there is no answer: `refused`, `timeout` (the whole exchange, answer body included, took longer than
 * `timeoutMs`) or `network`. The answer's body is read and discarded, up to 64 KiB.
 *
 * `content-type: application/json`, `content-length` and `user-agent` are always ours; the given headers
 * (names are lower-cased) go along with them.
 */
export async function postWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: WebhookPostOptions,
): Promise<WebhookPostResult> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WebhookPostError(`refused: webhooks are sent over http(s), not ${url.protocol}`, 'refused');
  }
  const requestHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) requestHeaders[name.toLowerCase()] = value;
  requestHeaders['content-type'] = 'application/json';
  requestHeaders['user-agent'] = WEBHOOK_USER_AGENT;
  const started = performance.now();
  const outcome = await postOutbound({
    url,
    body,
    headers: requestHeaders,
    agent: options.agent,
    timeoutMs: options.timeoutMs,
    maxAnswerBytes: MAX_WEBHOOK_ANSWER_BYTES,
    onLongAnswer: 'truncate',
  });
  if (outcome.kind !== 'answered') throw new WebhookPostError(outcome.reason, outcome.kind, { cause: outcome.cause });
  return { statusCode: outcome.status, durationMs: Math.round(performance.now() - started) };
}
