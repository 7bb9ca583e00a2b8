import * as http from 'node:http';
import * as https from 'node:https';
import { describeNetworkError } from './network-errors';
import { describeRefusedConnection } from './refused-connection';

// Not `instanceof Error`: errors can come from another realm (a VM context such as Jest's, a worker).
const isErrorLike = (error: unknown): error is Error =>
  typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';

export interface OutboundPostInput {
  url: URL;
  body: string;
  /** Sent as given (content-length is added); the caller owns content-type, user-agent and the rest. */
  headers: Record<string, string | number>;
  /** The agent to connect through: OutboundUrlPolicy.agentFor(url), which refuses disallowed addresses. */
  agent: http.Agent;
  /** Bounds the whole exchange: connecting, sending, the answer's headers and its body. */
  timeoutMs: number;
  /** How much of the answer's body is read. */
  maxAnswerBytes: number;
  /** Past `maxAnswerBytes`: `fail` ends the exchange as a network failure, `truncate` keeps the status. */
  onLongAnswer: 'fail' | 'truncate';
}

export interface OutboundAnswer {
  kind: 'answered';
  status: number;
  /** The body read, up to `maxAnswerBytes`. */
  body: string;
}

/** Why there was no answer, in words without the request's or answer's content (PHI stays out of logs). */
export interface OutboundFailure {
  kind: 'refused' | 'timeout' | 'network';
  reason: string;
  cause?: unknown;
}

/**
 * One POST over node:http(s) for every outbound caller (payers, webhook subscribers): the answer, or why
 * there was none. Never throws for the network; redirects are not followed (a 3xx is just a status). Only a
 * header value Node refuses, a programming error, rejects.
 */
export function postOutbound(input: OutboundPostInput): Promise<OutboundAnswer | OutboundFailure> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(input.body, 'utf8');
    let settled = false;
    let request: http.ClientRequest | undefined;
    const settle = (outcome: OutboundAnswer | OutboundFailure): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const failed = (error: unknown): void => {
      const refusal = describeRefusedConnection(error);
      settle(
        refusal !== null
          ? { kind: 'refused', reason: refusal, cause: error }
          : { kind: 'network', reason: describeNetworkError(error), cause: error },
      );
    };
    const timer = setTimeout(() => {
      settle({ kind: 'timeout', reason: `no complete answer within ${input.timeoutMs} ms` });
      request?.destroy();
    }, input.timeoutMs);

    try {
      const send = input.url.protocol === 'https:' ? https.request : http.request;
      const headers = { ...input.headers, 'content-length': payload.length };
      request = send(input.url, { method: 'POST', agent: input.agent, headers }, (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let received = 0;
        const answered = (): void => settle({ kind: 'answered', status, body: Buffer.concat(chunks).toString('utf8') });
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received <= input.maxAnswerBytes) {
            chunks.push(chunk);
            return;
          }
          if (input.onLongAnswer === 'fail') {
            settle({ kind: 'network', reason: `answer larger than ${input.maxAnswerBytes} bytes` });
          } else {
            answered();
          }
          request?.destroy();
        });
        response.on('end', answered);
        response.on('error', failed);
        response.on('close', () => {
          if (!response.complete)
            settle({ kind: 'network', reason: 'connection closed before the answer was complete' });
        });
      });
    } catch (error) {
      settled = true;
      clearTimeout(timer);
      reject(isErrorLike(error) ? error : new Error(String(error)));
      return;
    }
    request.on('error', failed);
    request.end(payload);
  });
}
