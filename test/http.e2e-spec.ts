import { connect } from 'node:net';
import request from 'supertest';
import { payerBody } from './support/catalog-factories';
import { eventually } from './support/eventually';
import { createSandbox, type RunningApi, type Sandbox, startApi } from './support/test-stack';

/**
 * Sends raw bytes and reads the whole answer until the server closes the connection: for what Node answers
 * before there is a request (bytes that are not HTTP, headers too large, a request too slow).
 */
const exchangeRawBytes = (url: string, bytes: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
  });

describe('HTTP API: health, error bodies, request ids, OpenAPI', () => {
  let sandbox: Sandbox;
  let api: RunningApi;

  beforeAll(async () => {
    sandbox = await createSandbox('http');
    api = await startApi(sandbox.env);
  });

  afterAll(async () => {
    await api.process.stop();
  });

  const http = () => request(api.url);

  describe('health', () => {
    it('answers liveness without checking dependencies', async () => {
      const response = await http().get('/health/live').expect(200);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('reports readiness as degraded while no worker has ever beaten', async () => {
      const response = await http().get('/health/ready').expect(200);
      expect(response.body).toMatchObject({
        status: 'degraded',
        checks: {
          database: { status: 'up' },
          redis: { status: 'up' },
          worker: { status: 'none', lastBeatAt: null, ageSeconds: null, workerId: null },
        },
      });
    });

    it('reports a recent heartbeat as up and an old one as stale', async () => {
      await sandbox.query(
        `INSERT INTO worker_heartbeats (worker_id, hostname, pid, started_at, last_beat_at)
         VALUES ('old-worker', 'h', 1, now() - interval '1 hour', now() - interval '10 minutes')`,
      );
      const stale = await http().get('/health/ready').expect(200);
      expect(stale.body.status).toBe('degraded');
      expect(stale.body.checks.worker).toMatchObject({ status: 'stale', workerId: 'old-worker' });
      expect(stale.body.checks.worker.ageSeconds).toBeGreaterThanOrEqual(600);

      await sandbox.query(
        `INSERT INTO worker_heartbeats (worker_id, hostname, pid, started_at, last_beat_at)
         VALUES ('live-worker', 'h', 2, now(), now())`,
      );
      const live = await http().get('/health/ready').expect(200);
      expect(live.body.status).toBe('ok');
      expect(live.body.checks.worker).toMatchObject({ status: 'up', workerId: 'live-worker' });
    });
  });

  describe('error bodies', () => {
    it('answers an unknown route with 404 and the stable body', async () => {
      const response = await http().get('/v1/no-such-thing').expect(404);
      expect(response.body).toEqual({
        statusCode: 404,
        code: 'not_found',
        message: 'Cannot GET /v1/no-such-thing',
        details: {},
      });
    });

    it('answers a malformed JSON body with 400 malformed_json', async () => {
      const response = await http()
        .post('/v1/system/queue-probe')
        .set('content-type', 'application/json')
        .send('{"levelOfCare": "iop",')
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'malformed_json', details: {} });
      expect(response.body.message).toMatch(/not valid JSON/);
    });

    it.each([
      ['a NUL character', '{"levelOfCare": "io\\u0000p"}'],
      ['a NUL character in a key', '{"level\\u0000": "iop"}'],
      ['an unpaired surrogate', '{"levelOfCare": "\\ud800iop"}'],
    ])(
      'refuses text the database cannot store, %s, with 400 malformed_json (not a 500 at the write)',
      async (_label, body) => {
        const response = await http()
          .post('/v1/system/queue-probe')
          .set('content-type', 'application/json')
          .send(body)
          .expect(400);
        expect(response.body).toMatchObject({ statusCode: 400, code: 'malformed_json', details: {} });
        expect(response.body.message).toMatch(/NUL characters .* or unpaired surrogates/);
      },
    );

    it('answers an unsupported media type with 415', async () => {
      const response = await http()
        .post('/v1/system/queue-probe')
        .set('content-type', 'application/xml')
        .send('<probe/>')
        .expect(415);
      expect(response.body).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
    });

    it('answers a body over the size limit with 413', async () => {
      const response = await http()
        .post('/v1/system/queue-probe')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 1) }))
        .expect(413);
      expect(response.body).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
    });
  });

  describe('the HTTP edge: every error in the standard body', () => {
    const admin = () => ({ authorization: `Bearer ${sandbox.adminKey}` });
    const STANDARD_BODY = {
      statusCode: expect.any(Number),
      code: expect.stringMatching(/^[a-z]+(_[a-z0-9]+)*$/),
      message: expect.any(String),
      details: expect.any(Object),
    };

    const rawExchange = (bytes: string): Promise<string> => exchangeRawBytes(api.url, bytes);

    it.each([
      ['POST', '/v1/webhooks/payers/%00', 'payerCode', false],
      ['GET', '/v1/payers/%00', 'id', true],
      ['GET', '/v1/payers/%00/plans', 'id', true],
      ['GET', '/v1/preauths?payer=%00', 'payer', true],
      ['GET', '/v1/payer-events?payer=%00', 'payer', true],
      ['GET', '/v1/audit-events?subjectType=%00', 'subjectType', true],
      ['GET', '/v1/audit-events?subjectId=a%00b', 'subjectId', true],
      ['GET', '/v1/audit-events?actorId=%00', 'actorId', true],
      ['GET', '/v1/no-such-route?q=%00', 'q', false],
    ])(
      '%s %s: a NUL in a path or query value is a 400 naming %s, with or without a key',
      async (method, url, field, withKey) => {
        const call = method === 'POST' ? http().post(url) : http().get(url);
        const response = await (withKey ? call.set(admin()) : call).expect(400);
        expect(response.body).toEqual({
          statusCode: 400,
          code: 'validation_failed',
          message: `Invalid request: ${field}`,
          details: {
            fields: [{ field, messages: [expect.stringMatching(new RegExp(`parameter ${field} must not hold NUL`))] }],
          },
        });
      },
    );

    it('answers a path that does not decode (%FF) with 400 bad_url', async () => {
      const response = await http().get('/v1/payers/%FF').set(admin()).expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        code: 'bad_url',
        message: expect.stringMatching(/URL path is not valid/),
        details: {},
      });
      expect(response.headers['x-request-id']).toBeDefined();
    });

    it('answers a 5,000-character path parameter with 414 uri_too_long, without echoing it', async () => {
      const response = await http()
        .get(`/v1/payers/${'a'.repeat(5_000)}`)
        .set(admin())
        .expect(414);
      expect(response.body).toEqual({
        statusCode: 414,
        code: 'uri_too_long',
        message: 'A path parameter is longer than 100 characters',
        details: {},
      });
    });

    it('answers headers larger than the server reads with 431 headers_too_large', async () => {
      const answer = await rawExchange(`GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
        statusCode: 431,
        code: 'headers_too_large',
        message: 'The request headers are larger than the server accepts',
        details: {},
      });
    });

    it('answers bytes that are not HTTP with 400 bad_request', async () => {
      const answer = await rawExchange('NOT HTTP AT ALL\r\n\r\n');
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
        statusCode: 400,
        code: 'bad_request',
      });
    });

    it.each([
      ['application/x-www-form-urlencoded', 'levelOfCare=iop'],
      ['text/plain', '{"levelOfCare":"iop"}'],
      ['application/edi-x12', 'ISA*00*~'],
    ])('answers a %s body on a JSON route with 415 naming the type and the accepted one', async (type, body) => {
      const response = await http()
        .post('/v1/estimates')
        .set(admin())
        .set('content-type', `${type}; charset=utf-8`)
        .send(body)
        .expect(415);
      expect(response.body).toEqual({
        statusCode: 415,
        code: 'unsupported_media_type',
        message: `Content-Type ${type} is not accepted here; send application/json`,
        details: { contentType: type, accepted: ['application/json'] },
      });
    });

    it('answers a body without a Content-Type with 415 saying which type to send', async () => {
      const body = '{"levelOfCare":"iop"}';
      const answer = await rawExchange(
        `POST /v1/estimates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sandbox.adminKey}\r\n` +
          `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 415 /);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
        statusCode: 415,
        code: 'unsupported_media_type',
        message: 'The body has no Content-Type; send application/json',
        details: { contentType: null, accepted: ['application/json'] },
      });
    });

    it('says a JSON body with a prototype key is refused for that key, not that it is not JSON', async () => {
      for (const body of ['{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {"admin": true}}}']) {
        const response = await http()
          .post('/v1/estimates')
          .set(admin())
          .set('content-type', 'application/json')
          .send(body)
          .expect(400);
        expect(response.body).toEqual({
          statusCode: 400,
          code: 'malformed_json',
          message: expect.stringMatching(/__proto__ and constructor\.prototype are refused/),
          details: {},
        });
      }
    });

    it('says "must be an integer", once, for units sent as a string', async () => {
      const response = await http()
        .post('/v1/estimates')
        .set(admin())
        .send({ levelOfCare: 'iop', schedule: { units: '24' } })
        .expect(400);
      const fields = response.body.details.fields as { field: string; messages: string[] }[];
      expect(fields.find((f) => f.field === 'schedule.units')).toEqual({
        field: 'schedule.units',
        messages: ['units must be an integer'],
      });
    });

    it('says an allowed origin has no path', async () => {
      const response = await http()
        .post('/v1/api-keys')
        .set(admin())
        .send({ name: 'page', role: 'admissions', allowedOrigins: ['https://clinic.example/path'] })
        .expect(400);
      expect(response.body.details.fields).toEqual([
        {
          field: 'allowedOrigins',
          messages: [expect.stringMatching(/clinic\.example\/path has a path.*with no path/)],
        },
      ]);
    });

    it('answers a list filtered by an unknown payer with 404 naming it, and a known one with its list', async () => {
      const code = `edge-${Date.now().toString(36)}`;
      await http().post('/v1/payers').set(admin()).send(payerBody({ code })).expect(201);
      for (const route of ['/v1/preauths', '/v1/payer-events']) {
        const unknown = await http().get(`${route}?payer=nope`).set(admin()).expect(404);
        expect(unknown.body).toEqual({
          statusCode: 404,
          code: 'not_found',
          message: expect.stringContaining('No payer nope'),
          details: { payer: 'nope' },
        });
        const known = await http().get(`${route}?payer=${code}`).set(admin()).expect(200);
        expect(known.body).toBeDefined();
      }
    });

    it('refuses a CORS preflight from an origin no key allows with 403 and no allow headers', async () => {
      const response = await http()
        .options('/v1/me')
        .set('origin', 'https://elsewhere.example')
        .set('access-control-request-method', 'GET')
        .expect(403);
      expect(response.body).toEqual({
        statusCode: 403,
        code: 'forbidden',
        message: 'Origin https://elsewhere.example may not call this API',
        details: { origin: 'https://elsewhere.example' },
      });
      expect(Object.keys(response.headers).filter((h) => h.startsWith('access-control-allow-'))).toEqual([]);
    });

    it('keeps the standard body on every framework refusal above', async () => {
      for (const call of [
        http().get('/v1/payers/%E0%A4%A'),
        http().delete('/health/live'),
        http().post('/v1/estimates').set(admin()).set('content-type', 'application/json').send(''),
        http().post('/v1/estimates').set(admin()).set('content-type', 'application/json').send('{'),
      ]) {
        const response = await call;
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.body).toEqual(STANDARD_BODY);
      }
    });
  });

  describe('request ids', () => {
    it('echoes a well-formed caller request id', async () => {
      const response = await http().get('/health/live').set('x-request-id', 'caller-req-0001').expect(200);
      expect(response.headers['x-request-id']).toBe('caller-req-0001');
    });

    it('replaces a request id that could smuggle text into the logs', async () => {
      const response = await http().get('/health/live').set('x-request-id', 'bad id\twith "quotes"').expect(200);
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('OpenAPI', () => {
    it('serves an OpenAPI 3 document generated from the controllers and DTOs', async () => {
      const response = await http().get('/docs-json').expect(200);
      expect(response.body.openapi).toMatch(/^3\./);
      expect(response.body.info.title).toBe('Continuum API');
      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining(['/health/live', '/health/ready', '/v1/system/queue-probe']),
      );
      expect(response.body.components.schemas.ReadinessDto.properties.status.enum).toEqual([
        'ok',
        'degraded',
        'unavailable',
      ]);
      expect(response.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(response.body.paths['/v1/api-keys'].post.security).toEqual([{ bearer: [] }]);
      expect(response.body.paths['/health/live'].get.security).toBeUndefined();
      expect(Object.keys(response.body.components.schemas.ErrorBodyDto.properties)).toEqual([
        'statusCode',
        'code',
        'message',
        'details',
      ]);
    });

    it('serves Swagger UI at /docs', async () => {
      const response = await http().get('/docs').redirects(1).expect(200);
      expect(response.text).toContain('swagger-ui');
    });
  });
});

describe('HTTP API with a short request timeout', () => {
  let sandbox: Sandbox;
  let api: RunningApi;

  beforeAll(async () => {
    sandbox = await createSandbox('timeout');
    api = await startApi({ ...sandbox.env, HTTP_REQUEST_TIMEOUT_SECONDS: '1' });
  });

  afterAll(async () => {
    await api.process.stop();
  });

  it.each([
    ['headers that never end', 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: '],
    [
      'a body that never arrives whole',
      'POST /v1/estimates HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"levelOfCare":',
    ],
  ])('answers %s with 408 request_timeout in the standard body and closes the connection', async (_, bytes) => {
    // Only the start of a request is sent, never the rest; the answer is read until the server closes.
    const answer = await exchangeRawBytes(api.url, bytes);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      statusCode: 408,
      code: 'request_timeout',
      message: 'The request did not arrive in time',
      details: {},
    });
  });

  it('still answers a request sent at once', async () => {
    await request(api.url).get('/health/live').expect(200);
  });
});

describe('HTTP API while shutting down', () => {
  let sandbox: Sandbox;
  let api: RunningApi;

  beforeAll(async () => {
    sandbox = await createSandbox('closing');
    api = await startApi(sandbox.env);
  });

  afterAll(async () => {
    await api.process.stop();
  });

  it('sheds a request that arrives on an open connection while the server closes with 503 in the standard body', async () => {
    const { port } = new URL(api.url);
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    const closed = new Promise<void>((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    // A request in flight (its body not yet sent; `{}` is refused, so nothing is written) keeps this
    // connection busy, so closing leaves it open; the next request on it arrives while the server closes.
    const body = '{}';
    socket.write(
      `POST /v1/api-keys HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Authorization: Bearer ${sandbox.adminKey}\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    api.process.child.kill('SIGTERM');
    // The server has started closing once it refuses new connections.
    await eventually(
      () =>
        new Promise<void>((resolve, reject) => {
          const probe = connect({ host: '127.0.0.1', port: Number(port) });
          probe.once('connect', () => {
            probe.destroy();
            reject(new Error('still accepting connections'));
          });
          probe.once('error', () => resolve());
        }),
      20_000,
    );
    socket.write(`${body}GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n`);
    await closed;
    const second = answer.slice(answer.lastIndexOf('HTTP/1.1 '));
    expect(second).toMatch(/^HTTP\/1\.1 503 /);
    expect(JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4))).toEqual({
      statusCode: 503,
      code: 'service_unavailable',
      message: 'The server is shutting down; retry shortly',
      details: {},
    });
  });
});

describe('HTTP API with Redis down', () => {
  let api: RunningApi;
  let sandbox: Sandbox;

  beforeAll(async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    sandbox = await createSandbox('redisdown', { REDIS_URL: 'redis://127.0.0.1:1' });
    api = await startApi(sandbox.env);
  });

  afterAll(async () => {
    await api.process.stop();
  });

  it('answers readiness with 503 and names Redis as down', async () => {
    const response = await request(api.url).get('/health/ready').expect(503);
    expect(response.body).toMatchObject({
      status: 'unavailable',
      checks: { database: { status: 'up' }, redis: { status: 'down' } },
    });
  });

  it('fails fast with 503 queue_unavailable instead of hanging when work cannot be queued', async () => {
    const response = await request(api.url)
      .post('/v1/system/queue-probe')
      .set('authorization', `Bearer ${sandbox.adminKey}`)
      .expect(503);
    expect(response.body).toEqual({
      statusCode: 503,
      code: 'queue_unavailable',
      message: 'The job queue is unavailable; nothing was queued. Try again shortly.',
      details: {},
    });
    // A hang would never produce this answer (the test would time out), so the 503 itself proves it fails fast.
  });
});
