import * as http from 'node:http';
import * as https from 'node:https';
import { describeNetworkError, describeRefusedConnection } from '@continuum/outbound';

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

// Not `instanceof Error`: errors can come from another realm (a VM context such as Jest's, a worker).
const isErrorLike = (error: unknown): error is Error =>
  typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';

/**
 * The WebhookPostError for an error from the request: the filtering agent's refusals are `refused`; anything
 * else is described by its code only (messages from TLS or the parser could quote what was sent or received).
 */
function classify(error: unknown): WebhookPostError {
  const refusal = describeRefusedConnection(error);
  if (refusal !== null) return new WebhookPostError(refusal, 'refused', { cause: error });
  return new WebhookPostError(describeNetworkError(error), 'network', { cause: error });
}

/**
 * POSTs one webhook body. Resolves with the status of any HTTP answer (the caller decides what counts as
 * delivered; redirects are not followed, so a 3xx is just a status). Rejects with a WebhookPostError when
 * there is no answer: `refused`, `timeout` (the whole exchange, answer body included, took longer than
 * `timeoutMs`) or `network`. The answer's body is read and discarded, up to 64 KiB.
 *
 * `content-type: application/json`, `content-length` and `user-agent` are always ours; the given headers
 * (names are lower-cased) go along with them.
 */
export function postWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: WebhookPostOptions,
): Promise<WebhookPostResult> {
  return new Promise<WebhookPostResult>((resolve, reject) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(new WebhookPostError(`refused: webhooks are sent over http(s), not ${url.protocol}`, 'refused'));
      return;
    }
    const payload = Buffer.from(body, 'utf8');
    const requestHeaders: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(headers)) requestHeaders[name.toLowerCase()] = value;
    requestHeaders['content-type'] = 'application/json';
    requestHeaders['content-length'] = payload.length;
    requestHeaders['user-agent'] = WEBHOOK_USER_AGENT;

    const started = performance.now();
    let settled = false;
    const timer = setTimeout(() => {
      settle(new WebhookPostError(`no complete answer within ${options.timeoutMs} ms`, 'timeout'));
      request?.destroy();
    }, options.timeoutMs);
    const settle = (outcome: { statusCode: number } | WebhookPostError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof WebhookPostError) reject(outcome);
      else resolve({ statusCode: outcome.statusCode, durationMs: Math.round(performance.now() - started) });
    };

    let request: http.ClientRequest | undefined;
    try {
      const send = url.protocol === 'https:' ? https.request : http.request;
      request = send(url, { method: 'POST', agent: options.agent, headers: requestHeaders }, (response) => {
        const statusCode = response.statusCode ?? 0;
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_WEBHOOK_ANSWER_BYTES) {
            settle({ statusCode });
            request?.destroy();
          }
        });
        response.on('end', () => settle({ statusCode }));
        response.on('error', (error) => settle(classify(error)));
        response.on('close', () => {
          if (!response.complete) {
            settle(new WebhookPostError('connection closed before the answer was complete', 'network'));
          }
        });
      });
    } catch (error) {
      // A header value Node refuses (a programming error): no request was made.
      settled = true;
      clearTimeout(timer);
      reject(isErrorLike(error) ? error : new Error(String(error)));
      return;
    }
    request.on('error', (error) => settle(classify(error)));
    request.end(payload);
  });
}
