import request from 'supertest';
import { createSandbox, type RunningApi, type Sandbox, startApi } from './support/test-stack';

type Role = 'admin' | 'billing' | 'admissions';

/**
 * Who may call each route. Every route the server registers must be listed here, so adding one forces its
 * author to say who may call it, and the walk below proves the server agrees.
 */
const EXPECTED_ACCESS: Record<string, 'public' | 'preflight' | 'signed' | Role[]> = {
  'OPTIONS *': 'preflight',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  // API reference only (no data): integrators of publishable keys need it without a secret key.
  'GET /docs': 'public',
  'GET /docs/': 'public',
  'GET /docs/*': 'public',
  'GET /docs/index.html': 'public',
  'GET /docs/LICENSE': 'public',
  'GET /docs/swagger-ui-init.js': 'public',
  'GET /docs/docs/swagger-ui-init.js': 'public',
  'GET /docs-json': 'public',
  'GET /docs-yaml': 'public',
  // The admissions estimator page and its script (static files); it calls the API with a publishable key.
  'GET /estimate': 'public',
  'GET /estimate/:file': 'public',
  'GET /v1/me': ['admin', 'billing', 'admissions'],
  'GET /v1/api-keys': ['admin'],
  'POST /v1/api-keys': ['admin'],
  'GET /v1/api-keys/:id': ['admin'],
  'DELETE /v1/api-keys/:id': ['admin'],
  'GET /v1/audit-events': ['admin'],
  'GET /v1/system/routes': ['admin'],
  'POST /v1/system/queue-probe': ['admin'],
  'GET /v1/levels-of-care': ['admin', 'billing', 'admissions'],
  'GET /v1/payers': ['admin', 'billing', 'admissions'],
  'POST /v1/payers': ['admin'],
  'GET /v1/payers/:id': ['admin', 'billing'],
  'PATCH /v1/payers/:id': ['admin'],
  'GET /v1/payers/:id/plans': ['admin', 'billing', 'admissions'],
  'GET /v1/payers/:id/contracted-rates': ['admin', 'billing'],
  'PUT /v1/payers/:id/contracted-rates': ['admin'],
  'GET /v1/plans': ['admin', 'billing'],
  'POST /v1/plans': ['admin'],
  'GET /v1/plans/:id': ['admin', 'billing'],
  'PATCH /v1/plans/:id': ['admin'],
  'GET /v1/rates': ['admin', 'billing'],
  'PUT /v1/rates': ['admin'],
  'GET /v1/sliding-scale-policy': ['admin', 'billing'],
  'GET /v1/sliding-scale-policy/versions': ['admin', 'billing'],
  'POST /v1/sliding-scale-policy': ['admin'],
  'GET /v1/poverty-guidelines': ['admin', 'billing'],
  'POST /v1/poverty-guidelines': ['admin'],
  'GET /v1/catalog': ['admin'],
  'PUT /v1/catalog': ['admin'],
  'GET /v1/catalog/snapshot': ['admin'],
  'POST /v1/estimates': ['admin', 'billing', 'admissions'],
  'POST /v1/estimates/levels': ['admin', 'billing', 'admissions'],
  'POST /v1/estimates/episode': ['admin', 'billing', 'admissions'],
  'GET /v1/estimates/:id': ['admin', 'billing'],
  'POST /v1/good-faith-estimates': ['admin', 'billing'],
  'POST /v1/good-faith-estimates/:id/revisions': ['admin', 'billing'],
  'GET /v1/good-faith-estimates/:id': ['admin', 'billing'],
  'GET /v1/good-faith-estimates/:id/document': ['admin', 'billing'],
  'POST /v1/preauths': ['admin', 'billing'],
  'GET /v1/preauths': ['admin', 'billing'],
  'GET /v1/preauths/:id': ['admin', 'billing'],
  'GET /v1/preauths/:id/x12': ['admin', 'billing'],
  'POST /v1/preauths/:id/decision': ['admin', 'billing'],
  'POST /v1/preauths/:id/retry': ['admin', 'billing'],
  'POST /v1/preauths/:id/cancel': ['admin', 'billing'],
  'POST /v1/preauths/:id/utilization': ['admin', 'billing'],
  'POST /v1/preauths/:id/utilization/:entryId/reversal': ['admin', 'billing'],
  'GET /v1/payer-events': ['admin', 'billing'],
  // Payers have no API key: the Standard Webhooks signature authenticates them (401 without one).
  'POST /v1/webhooks/payers/:payerCode': 'signed',
  'POST /v1/webhook-subscriptions': ['admin'],
  'GET /v1/webhook-subscriptions': ['admin'],
  'GET /v1/webhook-subscriptions/:id': ['admin'],
  'PATCH /v1/webhook-subscriptions/:id': ['admin'],
  'DELETE /v1/webhook-subscriptions/:id': ['admin'],
  'POST /v1/webhook-subscriptions/:id/rotate-secret': ['admin'],
  'GET /v1/webhook-subscriptions/:id/deliveries': ['admin'],
  'POST /v1/webhook-subscriptions/:id/deliveries/:deliveryId/replay': ['admin'],
  'POST /v1/preauths/:id/extensions': ['admin', 'billing'],
  'GET /v1/reports/payer-turnaround': ['admin', 'billing'],
};

const ORIGIN = 'https://intake.clinic.example';
const NIL_UUID = '00000000-0000-4000-8000-000000000000';

describe('Access control: API keys, roles, publishable keys, audit trail', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  const keys = {} as Record<Role, string>;
  const ids = {} as Record<Role, string>;

  const http = () => request(api.url);
  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  async function createKey(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
    const response = await http().post('/v1/api-keys').set(as(sandbox.adminKey)).send(body).expect(201);
    return response.body as { id: string; key: string };
  }

  beforeAll(async () => {
    // Every route is walked with the admissions key from one address: lift its rate limit here (a test below
    // sets it low on purpose).
    sandbox = await createSandbox('access', { ADMISSIONS_RATE_LIMIT_PER_ADDRESS: '10000' });
    api = await startApi(sandbox.env);
    keys.admin = sandbox.adminKey;
    const billing = await createKey({ name: 'Billing UI', role: 'billing' });
    const admissions = await createKey({ name: 'Intake page', role: 'admissions', allowedOrigins: [ORIGIN] });
    keys.billing = billing.key;
    keys.admissions = admissions.key;
    ids.billing = billing.id;
    ids.admissions = admissions.id;
    ids.admin = (await http().get('/v1/me').set(as(keys.admin)).expect(200)).body.keyId as string;
  });

  afterAll(async () => {
    await api.process.stop();
  });

  describe('every registered route', () => {
    let routes: { method: string; url: string }[];

    beforeAll(async () => {
      routes = (await http().get('/v1/system/routes').set(as(keys.admin)).expect(200)).body.data;
    });

    it('is listed above with the callers it admits, and nothing is listed that does not exist', () => {
      expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(Object.keys(EXPECTED_ACCESS).sort());
    });

    it('refuses a request without a key (401) unless the route is public', async () => {
      for (const { method, url } of routes) {
        const expected = EXPECTED_ACCESS[`${method} ${url}`];
        if (expected === 'preflight') continue;
        const response = await http()[method.toLowerCase() as 'get'](concrete(url)).redirects(0);
        const label = `${method} ${url} → ${response.status}`;
        if (expected === 'public') expect(label).not.toMatch(/→ 40[13]$/);
        else {
          expect(label).toMatch(/→ 401$/);
          expect(response.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
        }
      }
    });

    it('never lets an API key stand in for a payer signature', async () => {
      const signed = routes.filter((r) => EXPECTED_ACCESS[`${r.method} ${r.url}`] === 'signed');
      expect(signed.length).toBeGreaterThan(0);
      for (const { method, url } of signed) {
        const response = await http()[method.toLowerCase() as 'post'](concrete(url)).set(as(keys.admin)).send({});
        expect(`${method} ${url} → ${response.status}`).toMatch(/→ 401$/);
      }
    });

    it('lets each role through exactly where it is allowed (403 elsewhere)', async () => {
      for (const { method, url } of routes) {
        const expected = EXPECTED_ACCESS[`${method} ${url}`];
        if (!Array.isArray(expected)) continue;
        for (const role of ['billing', 'admissions'] as const) {
          const response = await http()
            [method.toLowerCase() as 'get'](concrete(url))
            .set(as(keys[role]))
            .set('origin', ORIGIN);
          const label = `${role}: ${method} ${url} → ${response.status}`;
          if (expected.includes(role)) expect(label).not.toMatch(/→ 40[13]$/);
          else {
            expect(label).toMatch(/→ 403$/);
            expect(response.body).toEqual({
              statusCode: 403,
              code: 'forbidden',
              message: `This route is not open to ${role} keys`,
              details: { role },
            });
          }
        }
      }
    });
  });

  describe('keys', () => {
    it('refuses an unknown key, a malformed header and another scheme with 401 and the stable body', async () => {
      const unknown = await http().get('/v1/me').set(as('cnt_billing_not-a-key')).expect(401);
      expect(unknown.body).toEqual({
        statusCode: 401,
        code: 'unauthorized',
        message: 'The API key is not valid (unknown or revoked)',
        details: {},
      });
      await http().get('/v1/me').set('authorization', `Basic ${keys.billing}`).expect(401);
      await http().get('/v1/me').set('authorization', 'Bearer').expect(401);
    });

    it('shows a secret once, stores only its hash, and lists keys without secrets', async () => {
      const created = await createKey({ name: '  EHR integration  ', role: 'billing' });
      expect(created).toMatchObject({
        name: 'EHR integration',
        role: 'billing',
        keyPrefix: created.key.slice(0, 18),
        allowedOrigins: [],
        createdByKeyId: ids.admin,
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(created.key).toMatch(/^cnt_billing_[\w-]{43}$/);
      const rows = await sandbox.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE id = $1', [created.id]);
      expect(JSON.stringify(rows)).not.toContain(created.key.slice(12));
      expect(rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);

      const list = await http().get('/v1/api-keys').set(as(keys.admin)).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(created.key.slice(12));
      expect(idsIn(list.body)).toContain(created.id);
      const one = await http().get(`/v1/api-keys/${created.id}`).set(as(keys.admin)).expect(200);
      expect(one.body).not.toHaveProperty('key');
    });

    it('records when a key was last used', async () => {
      const created = await createKey({ name: 'usage', role: 'billing' });
      await http().get('/v1/me').set(as(created.key)).expect(200);
      const deadline = Date.now() + 5_000;
      let lastUsedAt: string | null = null;
      while (lastUsedAt === null && Date.now() < deadline) {
        lastUsedAt = (await http().get(`/v1/api-keys/${created.id}`).set(as(keys.admin))).body.lastUsedAt;
      }
      expect(lastUsedAt).not.toBeNull();
    });

    it('revokes a key at once, idempotently, and keeps it listed only on request', async () => {
      const created = await createKey({ name: 'to revoke', role: 'billing' });
      await http().get('/v1/me').set(as(created.key)).expect(200);
      const revoked = await http().delete(`/v1/api-keys/${created.id}`).set(as(keys.admin)).expect(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      await http().get('/v1/me').set(as(created.key)).expect(401);
      const again = await http().delete(`/v1/api-keys/${created.id}`).set(as(keys.admin)).expect(200);
      expect(again.body.revokedAt).toBe(revoked.body.revokedAt);

      const active = await http().get('/v1/api-keys').set(as(keys.admin)).expect(200);
      expect(idsIn(active.body)).not.toContain(created.id);
      const all = await http().get('/v1/api-keys?includeRevoked=true').set(as(keys.admin)).expect(200);
      expect(idsIn(all.body)).toContain(created.id);
    });

    it('never revokes the last active admin key', async () => {
      const response = await http().delete(`/v1/api-keys/${ids.admin}`).set(as(keys.admin)).expect(409);
      expect(response.body).toMatchObject({ statusCode: 409, code: 'conflict' });
      await http().get('/v1/me').set(as(keys.admin)).expect(200);
    });

    it.each([
      [{ role: 'billing' }, 'name'],
      [{ name: '', role: 'billing' }, 'name'],
      [{ name: 'x', role: 'superuser' }, 'role'],
      [{ name: 'x', role: 'admissions' }, 'allowedOrigins'],
      [{ name: 'x', role: 'admissions', allowedOrigins: ['https://clinic.example/estimate'] }, 'allowedOrigins'],
      [{ name: 'x', role: 'admissions', allowedOrigins: ['*'] }, 'allowedOrigins'],
      [{ name: 'x', role: 'billing', allowedOrigins: [ORIGIN] }, 'allowedOrigins'],
      [{ name: 'x', role: 'billing', owner: 'me' }, 'owner'],
    ])('refuses to create %j (400 naming %s) and writes nothing', async (body, field) => {
      const before = await sandbox.query<{ n: string }>('SELECT count(*) AS n FROM api_keys');
      const response = await http().post('/v1/api-keys').set(as(keys.admin)).send(body).expect(400);
      expect(response.body.code).toBe('validation_failed');
      expect(fieldsIn(response.body)).toContain(field);
      expect(await sandbox.query('SELECT count(*) AS n FROM api_keys')).toEqual(before);
    });

    it('answers a malformed or unknown key id with 400 or 404', async () => {
      const bad = await http().get('/v1/api-keys/not-a-uuid').set(as(keys.admin)).expect(400);
      expect(bad.body.details.fields).toEqual([{ field: 'id', messages: ['id must be a UUID'] }]);
      await http().delete(`/v1/api-keys/${NIL_UUID}`).set(as(keys.admin)).expect(404);
    });
  });

  describe('publishable admissions keys', () => {
    it('answers CORS preflights only for origins an admissions key allows', async () => {
      const allowed = await http()
        .options('/v1/me')
        .set('origin', ORIGIN)
        .set('access-control-request-method', 'GET')
        .set('access-control-request-headers', 'authorization')
        .expect(204);
      expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(allowed.headers['access-control-allow-headers']).toMatch(/authorization/i);

      const refused = await http()
        .options('/v1/me')
        .set('origin', 'https://elsewhere.example')
        .set('access-control-request-method', 'GET');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('works from its own origin (with CORS headers) and is refused (403) from another', async () => {
      const ok = await http().get('/v1/me').set(as(keys.admissions)).set('origin', ORIGIN).expect(200);
      expect(ok.body).toEqual({ keyId: ids.admissions, role: 'admissions', allowedOrigins: [ORIGIN] });
      expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);

      const other = await createKey({
        name: 'Other clinic page',
        role: 'admissions',
        allowedOrigins: ['https://other-clinic.example'],
      });
      const wrong = await http().get('/v1/me').set(as(other.key)).set('origin', ORIGIN).expect(403);
      expect(wrong.body).toEqual({
        statusCode: 403,
        code: 'forbidden',
        message: 'This key may not be used from this origin',
        details: { origin: ORIGIN },
      });
    });

    it('carries rate-limit headers', async () => {
      const response = await http().get('/v1/me').set(as(keys.admissions)).expect(200);
      expect(Number(response.headers['ratelimit-limit'])).toBeGreaterThan(0);
      expect(response.headers['ratelimit-remaining']).toEqual(expect.any(String));
    });
  });

  describe('audit trail', () => {
    it('records key changes and refusals, without secrets, and filters them', async () => {
      const created = await createKey({ name: 'audited', role: 'billing' });
      await http().delete(`/v1/api-keys/${created.id}`).set(as(keys.admin)).set('x-request-id', 'revoke-req-42');
      await http().get('/v1/me').set(as('cnt_admin_forged')).set('x-request-id', 'forged-req-7').expect(401);
      await http().get('/v1/audit-events').set(as(keys.billing)).expect(403);

      const subject = await http()
        .get(`/v1/audit-events?subjectType=api_key&subjectId=${created.id}`)
        .set(as(keys.admin))
        .expect(200);
      expect(subject.body.data).toEqual([
        expect.objectContaining({
          action: 'api_key.revoke',
          actor: { type: 'api_key', id: ids.admin, role: 'admin' },
          requestId: 'revoke-req-42',
          clientAddress: '127.0.0.1',
          outcome: 'success',
          details: { role: 'billing' },
        }),
        expect.objectContaining({ action: 'api_key.create', outcome: 'success' }),
      ]);

      const denials = await http().get('/v1/audit-events?action=access.deny').set(as(keys.admin)).expect(200);
      expect(denials.body.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actor: { type: 'anonymous', id: null, role: null },
            subjectId: 'GET /v1/me',
            requestId: 'forged-req-7',
            outcome: 'denied',
            details: { reason: 'unknown_or_revoked_key' },
          }),
          expect.objectContaining({
            actor: { type: 'api_key', id: ids.billing, role: 'billing' },
            subjectId: 'GET /v1/audit-events',
            outcome: 'denied',
            details: { reason: 'role' },
          }),
        ]),
      );

      const byActor = await http().get(`/v1/audit-events?actorId=${ids.billing}`).set(as(keys.admin)).expect(200);
      expect((byActor.body as Page<{ actor: { id: string } }>).data.every((e) => e.actor.id === ids.billing)).toBe(
        true,
      );

      const rows = JSON.stringify(await sandbox.query('SELECT * FROM audit_events'));
      for (const secret of [keys.admin, keys.billing, keys.admissions, created.key, 'cnt_admin_forged']) {
        expect(rows).not.toContain(secret);
      }
    });

    it('pages newest first with a cursor, and filters by time', async () => {
      for (let i = 0; i < 5; i += 1) await createKey({ name: `paged ${i}`, role: 'billing' });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/v1/audit-events?action=api_key.create&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
        const page = await http().get(query).set(as(keys.admin)).expect(200);
        expect(page.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...idsIn(page.body));
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      const total = await sandbox.query<{ n: string }>(
        `SELECT count(*) AS n FROM audit_events WHERE action = 'api_key.create'`,
      );
      expect(seen).toHaveLength(Number(total[0]?.n));
      expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
      expect(new Set(seen).size).toBe(seen.length);

      const future = new Date(Date.now() + 60_000).toISOString();
      const none = await http().get(`/v1/audit-events?from=${future}`).set(as(keys.admin)).expect(200);
      expect(none.body).toEqual({ data: [], nextCursor: null });
      const past = await http().get(`/v1/audit-events?to=2020-01-01T00:00:00Z`).set(as(keys.admin)).expect(200);
      expect(past.body.data).toEqual([]);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['from=yesterday', 'from'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      [`cursor=${Buffer.from('audit:9999999999999999999').toString('base64url')}`, 'cursor'],
      ['outcome=maybe', 'outcome'],
      ['action=DROP%20TABLE', 'action'],
    ])('refuses ?%s with 400 naming %s', async (query, field) => {
      const response = await http().get(`/v1/audit-events?${query}`).set(as(keys.admin)).expect(400);
      expect(fieldsIn(response.body)).toEqual([field]);
    });

    it('cannot be rewritten or erased, even directly in the database', async () => {
      await expect(sandbox.query(`UPDATE audit_events SET outcome = 'success'`)).rejects.toThrow(/append-only/);
      await expect(sandbox.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      await expect(sandbox.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    });
  });

  describe('hardening', () => {
    it('sends security headers, on errors too', async () => {
      const answers = [
        await http().get('/health/live').expect(200),
        await http().get('/v1/preauths').expect(401),
        await http().get('/no/such/route').expect(404),
        await http().post('/v1/api-keys').set(as(keys.admin)).send({ role: 'nobody' }).expect(400),
      ];
      for (const response of answers) {
        expect(response.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'strict-transport-security': expect.stringContaining('max-age='),
          'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
          'referrer-policy': 'no-referrer',
        });
      }
    });

    it('refuses a JSON body that tries to set __proto__', async () => {
      const response = await http()
        .post('/v1/api-keys')
        .set(as(keys.admin))
        .set('content-type', 'application/json')
        .send('{"name":"x","role":"billing","__proto__":{"role":"admin"}}')
        .expect(400);
      expect(response.body.code).toBe('malformed_json');
    });
  });
});

describe('ADMIN_API_KEY bootstrap', () => {
  it('restores the bootstrap admin key at start after it was revoked, and audits it', async () => {
    const sandbox = await createSandbox('bootstrap');
    let api = await startApi(sandbox.env);
    const admin = { authorization: `Bearer ${sandbox.adminKey}` };
    const bootstrapId = (await request(api.url).get('/v1/me').set(admin).expect(200)).body.keyId as string;
    const second = await request(api.url)
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: 'ops', role: 'admin' })
      .expect(201);
    await request(api.url).delete(`/v1/api-keys/${bootstrapId}`).set(admin).expect(200);
    await request(api.url).get('/v1/me').set(admin).expect(401);
    await api.process.stop();

    api = await startApi(sandbox.env);
    try {
      await request(api.url).get('/v1/me').set(admin).expect(200);
      const events = await request(api.url)
        .get(`/v1/audit-events?action=api_key.bootstrap&subjectId=${bootstrapId}`)
        .set({ authorization: `Bearer ${second.body.key}` })
        .expect(200);
      expect((events.body as Page<{ details: unknown }>).data.map((e) => e.details)).toEqual([
        { restored: true },
        { restored: false },
      ]);
    } finally {
      await api.process.stop();
    }
  });
});

describe('Admissions rate limits across two API replicas', () => {
  it('counts per client address and per key in Redis, and answers 429 with Retry-After', async () => {
    const sandbox = await createSandbox('ratelimit', {
      ADMISSIONS_RATE_LIMIT_PER_ADDRESS: '3',
      ADMISSIONS_RATE_LIMIT_PER_KEY: '6',
      TRUST_PROXY: 'true',
    });
    const replicas = [await startApi(sandbox.env), await startApi(sandbox.env)];
    try {
      const created = await request(replicas[0]?.url)
        .post('/v1/api-keys')
        .set({ authorization: `Bearer ${sandbox.adminKey}` })
        .send({ name: 'page', role: 'admissions', allowedOrigins: [ORIGIN] })
        .expect(201);
      const call = (replica: number, address: string) =>
        request(replicas[replica % 2]?.url)
          .get('/v1/me')
          .set({ authorization: `Bearer ${created.body.key}`, origin: ORIGIN, 'x-forwarded-for': address });

      // One visitor: 3 requests spread over both replicas, then refused on either.
      const visitor = [];
      for (let i = 0; i < 4; i += 1) visitor.push((await call(i, '203.0.113.7')).status);
      expect(visitor).toEqual([200, 200, 200, 429]);
      const refused = await call(1, '203.0.113.7');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });

      // The key's budget (6) is shared by all its visitors, and refused requests count too: 5 are spent, so
      // one more visitor gets one answer and the next is refused, though each is new.
      const others = [(await call(0, '198.51.100.1')).status, (await call(1, '198.51.100.2')).status];
      expect(others).toEqual([200, 429]);
      // Other keys are unaffected.
      await request(replicas[1]?.url)
        .get('/v1/me')
        .set({ authorization: `Bearer ${sandbox.adminKey}` })
        .expect(200);
    } finally {
      await Promise.all(replicas.map((r) => r.process.stop()));
    }
  });
});

/** A route pattern made concrete: ids become a well-formed uuid, wildcards a plain segment. */
const concrete = (url: string): string => url.replace(/:[A-Za-z]+/g, NIL_UUID).replace(/\*/g, 'x');

interface Page<T> {
  data: T[];
}

const idsIn = (body: unknown): string[] => (body as Page<{ id: string }>).data.map((item) => item.id);

const fieldsIn = (body: unknown): string[] =>
  (body as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field);
