// request-filtering-agent is ES-module only, which Jest cannot load before Node 24.9: Node loads it instead.
jest.mock('request-filtering-agent', () =>
  jest.requireActual<typeof NativeRequire>('@continuum/outbound/testing').requireNatively('request-filtering-agent'),
);

import type * as NativeRequire from '@continuum/outbound/testing';
import * as http from 'node:http';
import { closedPort, RecordingServer } from '../../../test/support/recording-server';
import { MAX_WEBHOOK_ANSWER_BYTES, WebhookPostError, postWebhook } from './webhook-http';
import { OutboundUrlPolicy } from '@continuum/outbound';

/** A subscriber on 127.0.0.1 that records what it receives. */
class Subscriber extends RecordingServer {
  override url(path = '/hooks'): URL {
    return super.url(path);
  }
}

/** What postWebhook rejected with, for exact assertions. */
async function failure(promise: Promise<unknown>): Promise<WebhookPostError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookPostError);
    return error as WebhookPostError;
  }
  throw new Error('expected a WebhookPostError');
}

const BODY = JSON.stringify({ type: 'preauth.decided', data: { member: 'Zoë Q', secret: 'SSN-123-45-6789' } });
const MARKER = 'SSN-123-45-6789';

describe('postWebhook', () => {
  let subscriber: Subscriber;
  // A plain agent, as an allow-listed host gets.
  let agent: http.Agent;

  beforeEach(async () => {
    subscriber = await new Subscriber().start();
    agent = new http.Agent({ keepAlive: false });
  });

  afterEach(async () => {
    agent.destroy();
    await subscriber.stop();
  });

  it('resolves a 200 with its status and duration', async () => {
    const started = Date.now();
    const result = await postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 2_000, agent });
    const measuredMs = Date.now() - started;
    expect(result.statusCode).toBe(200);
    expect(Number.isInteger(result.durationMs)).toBe(true);
    // A property, not a speed limit: the reported duration lies within the call (rounding aside).
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.durationMs).toBeLessThanOrEqual(measuredMs + 1);
    expect(subscriber.received).toHaveLength(1);
  });

  it.each([201, 204, 400, 410, 429, 500, 503])('resolves a %i with that status', async (status) => {
    subscriber.handler = (_request, response) => {
      response.statusCode = status;
      response.end(status === 204 ? undefined : 'answer');
    };
    await expect(postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 2_000, agent })).resolves.toMatchObject({
      statusCode: status,
    });
  });

  it('sends the headers and the body exactly as given, with its own content headers', async () => {
    const headers = {
      'webhook-id': 'msg_2hNt5Yk0Qx',
      'webhook-timestamp': '1795381503',
      'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1,abc=',
      'X-Continuum-Event': 'preauth.decided',
    };
    await postWebhook(subscriber.url('/in?tenant=7'), BODY, headers, { timeoutMs: 2_000, agent });

    const [request] = subscriber.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/in?tenant=7');
    expect(request?.body).toBe(BODY);
    expect(request?.headers).toMatchObject({
      'webhook-id': 'msg_2hNt5Yk0Qx',
      'webhook-timestamp': '1795381503',
      'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1,abc=',
      'x-continuum-event': 'preauth.decided',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(BODY, 'utf8')),
      'user-agent': 'Continuum-Webhooks/1',
    });
    expect(Buffer.byteLength(BODY, 'utf8')).toBeGreaterThan(BODY.length);
  });

  it('keeps its own content-type, content-length and user-agent over given ones', async () => {
    const headers = { 'Content-Type': 'text/plain', 'content-length': '1', 'User-Agent': 'spoof' };
    await postWebhook(subscriber.url(), BODY, headers, { timeoutMs: 2_000, agent });
    expect(subscriber.received[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(BODY, 'utf8')),
      'user-agent': 'Continuum-Webhooks/1',
    });
    expect(subscriber.received[0]?.body).toBe(BODY);
  });

  it('sends an empty body', async () => {
    await postWebhook(subscriber.url(), '', {}, { timeoutMs: 2_000, agent });
    expect(subscriber.received[0]?.headers['content-length']).toBe('0');
    expect(subscriber.received[0]?.body).toHaveLength(0);
  });

  it('returns a 302 without following it', async () => {
    subscriber.handler = (request, response) => {
      if (request.url === '/hooks') {
        response.writeHead(302, { location: '/elsewhere' }).end();
      } else {
        response.end('followed');
      }
    };
    await expect(postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 2_000, agent })).resolves.toMatchObject({
      statusCode: 302,
    });
    expect(subscriber.received.map((request) => request.url)).toEqual(['/hooks']);
  });

  it('rejects with timeout, promptly, when the subscriber never answers', async () => {
    subscriber.handler = () => undefined;
    // The subscriber never answers, so only the 200 ms limit can end the call (else Jest's own timeout fails it).
    const error = await failure(postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 200, agent }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('no complete answer within 200 ms');
  });

  it('rejects with timeout when the answer body does not finish in time', async () => {
    subscriber.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('partial');
    };
    const error = await failure(postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 300, agent }));
    expect(error.kind).toBe('timeout');
  });

  it('reads at most 64 KiB of an answer, then drops the connection and resolves', async () => {
    let written = 0;
    subscriber.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      // An endless answer: only dropping the connection ends it.
      const pump = (): void => {
        while (!response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
      };
      pump();
    };
    expect(MAX_WEBHOOK_ANSWER_BYTES).toBe(65_536);
    const result = await postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 5_000, agent });
    // Resolved, not timed out: the endless answer was cut at the cap rather than read until the limit.
    expect(result.statusCode).toBe(200);
    expect(written).toBeGreaterThan(MAX_WEBHOOK_ANSWER_BYTES);
  });

  it('reads a complete answer under 64 KiB to its end', async () => {
    subscriber.handler = (_request, response) => response.end(Buffer.alloc(60 * 1024, 0x62));
    await expect(postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 2_000, agent })).resolves.toMatchObject({
      statusCode: 200,
    });
  });

  it('rejects with network when the connection is refused', async () => {
    const port = await closedPort();
    const error = await failure(
      postWebhook(new URL(`http://127.0.0.1:${port}/hooks`), BODY, {}, { timeoutMs: 2_000, agent }),
    );
    expect(error.kind).toBe('network');
    expect(error.message).toBe('connection refused (ECONNREFUSED)');
  });

  it('rejects with network when the subscriber drops the connection without answering', async () => {
    subscriber.handler = (request) => request.socket.destroy();
    const error = await failure(postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 2_000, agent }));
    expect(error.kind).toBe('network');
    expect(error.message).toBe('connection reset (ECONNRESET)');
  });

  it('rejects with network when the answer is cut short', async () => {
    subscriber.handler = (request, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('only a little', () => request.socket.destroy());
    };
    const error = await failure(postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 2_000, agent }));
    expect(error.kind).toBe('network');
  });

  it('rejects with network on an answer that is not HTTP', async () => {
    subscriber.handler = (request) => {
      request.socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n');
    };
    const error = await failure(postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 2_000, agent }));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^invalid HTTP answer \(HPE_/);
  });

  it('refuses a scheme other than http(s) without connecting', async () => {
    const error = await failure(postWebhook(new URL('ftp://127.0.0.1/x'), BODY, {}, { timeoutMs: 2_000, agent }));
    expect(error.kind).toBe('refused');
    expect(subscriber.connections).toBe(0);
  });

  it('rejects a header value Node refuses with its own error, sending nothing', async () => {
    const promise = postWebhook(subscriber.url(), BODY, { 'x-bad': 'a\r\nInjected: yes' }, { timeoutMs: 2_000, agent });
    await expect(promise).rejects.toMatchObject({ code: 'ERR_INVALID_CHAR' });
    await expect(promise).rejects.not.toBeInstanceOf(WebhookPostError);
    expect(subscriber.connections).toBe(0);
  });

  describe('through an OutboundUrlPolicy agent', () => {
    it('is refused by the filtering agent for a loopback address, and the subscriber sees nothing', async () => {
      const policy = new OutboundUrlPolicy({ allowedHosts: [] });
      const url = subscriber.url();
      const error = await failure(postWebhook(url, BODY, {}, { timeoutMs: 2_000, agent: policy.agentFor(url) }));
      expect(error.kind).toBe('refused');
      expect(error.message).toBe('refused: 127.0.0.1 is not a public address');
      expect(subscriber.received).toHaveLength(0);
      expect(subscriber.connections).toBe(0);
    });

    it('is refused by the filtering agent for a hostname resolving to loopback (checked at connect time)', async () => {
      const policy = new OutboundUrlPolicy({ allowedHosts: [] });
      const url = new URL(`http://localhost:${subscriber.port}/hooks`);
      const error = await failure(postWebhook(url, BODY, {}, { timeoutMs: 2_000, agent: policy.agentFor(url) }));
      expect(error.kind).toBe('refused');
      expect(error.message).toMatch(/^refused: (127\.0\.0\.1|::1) is not a public address$/);
      expect(subscriber.connections).toBe(0);
    });

    it('reaches an allow-listed host through the plain agent', async () => {
      const policy = new OutboundUrlPolicy({ allowedHosts: ['127.0.0.1'] });
      const url = subscriber.url();
      await expect(
        postWebhook(url, BODY, {}, { timeoutMs: 2_000, agent: policy.agentFor(url) }),
      ).resolves.toMatchObject({ statusCode: 200 });
      expect(subscriber.received).toHaveLength(1);
    });
  });

  it('never puts the body in an error message', async () => {
    const port = await closedPort();
    const policy = new OutboundUrlPolicy({ allowedHosts: [] });
    subscriber.handler = () => undefined;
    const errors = [
      await failure(postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 100, agent })),
      await failure(postWebhook(new URL(`http://127.0.0.1:${port}/`), BODY, {}, { timeoutMs: 2_000, agent })),
      await failure(
        postWebhook(subscriber.url(), BODY, {}, { timeoutMs: 2_000, agent: policy.agentFor(subscriber.url()) }),
      ),
    ];
    expect(errors.map((error) => error.kind)).toEqual(['timeout', 'network', 'refused']);
    for (const error of errors) {
      expect(error.message).not.toContain(MARKER);
      expect(error.name).toBe('WebhookPostError');
    }
  });
});
