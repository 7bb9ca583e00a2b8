import request from 'supertest';
import { createSandbox, type RunningApi, type Sandbox, startApi } from './support/test-stack';

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
