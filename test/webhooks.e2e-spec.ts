import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { findFreePort } from '../libs/common/src/process/free-port';
import { planBody, payerBody } from './support/catalog-factories';
import { eventually } from './support/eventually';
import { CallbackReceiver, type ReceivedCallback, type RunningPayerSim, startPayerSim } from './support/payer-sim';
import { memberIdWith, preauthRequestBody } from './support/preauth-factories';
import type { ServiceUnderTest } from './support/service-process';
import { createSandbox, type RunningApi, type Sandbox, startApi, startWorker } from './support/test-stack';
import { expectValidationFailure } from './support/validation-failure';

const SIM_TOKEN = 'sim-webhooks-token';
const secretOf = (seed: string): string => `whsec_${Buffer.from(seed.padEnd(32, '.')).toString('base64')}`;

/** What a subscriber received, verified with the reference implementation. */
interface VerifiedDelivery {
  webhookId: string;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
}

describe('Payer callbacks and webhook subscriptions', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let worker: ServiceUnderTest;
  let sim: RunningPayerSim;
  const subscriber = new CallbackReceiver();
  let subscriberUrl = '';
  let billing: Record<string, string>;
  const payers = {
    sandbox: { code: '', secret: secretOf('sandbox payer'), plan: '' },
    x12: { code: '', secret: secretOf('x12 payer'), plan: '' },
  };

  const http = () => request(api.url);
  const admin = () => ({ authorization: `Bearer ${sandbox.adminKey}` });

  const submit = async (plan: string, memberPrefix: string) =>
    (
      await http()
        .post('/v1/preauths')
        .set(billing)
        .set('idempotency-key', randomUUID())
        .send(preauthRequestBody(plan, { memberId: memberIdWith(memberPrefix) }))
        .expect(202)
    ).body as { id: string; traceNumber: string };

  const statusOf = async (id: string): Promise<string> =>
    (await http().get(`/v1/preauths/${id}`).set(billing).expect(200)).body.status as string;

  const settled = (id: string, status: string) =>
    eventually(async () => {
      const now = await statusOf(id);
      if (now !== status) throw new Error(`status ${now}, waiting for ${status}`);
    }, 20_000);

  /** A request the sandbox payer pended and holds (`HOLD`): the test sends the payer's next answer itself. */
  const heldAfterPend = async () => {
    const accepted = await submit(payers.sandbox.plan, 'HOLD');
    await settled(accepted.id, 'pended');
    return accepted;
  };

  /** Signs like a payer would, with the reference implementation. */
  const signed = (secret: string, body: string, at = new Date(), webhookId = `msg_${randomUUID()}`) => ({
    'content-type': 'application/json',
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(webhookId, at, body),
  });

  const callback = (payerCode: string, headers: Record<string, string>, body: string) =>
    http().post(`/v1/webhooks/payers/${payerCode}`).set(headers).send(body);

  /** A callback from the sandbox payer, signed with its secret (dated `at`, default now). */
  const sandboxPayerCallback = (body: string, at?: Date) =>
    callback(payers.sandbox.code, signed(payers.sandbox.secret, body, at), body);

  const decision = (traceNumber: string, type: string, data: Record<string, unknown>) =>
    JSON.stringify({ type, data: { traceNumber, payerReference: 'PR-1', ...data } });

  /** Deliveries to `path` that verify with `secret`; anything that does not verify fails the test. */
  const verifiedAt = (path: string, secret: string): VerifiedDelivery[] =>
    subscriber.received
      .filter((c) => c.path === path)
      .map((c) => ({
        webhookId: c.headers['webhook-id'] as string,
        body: new Webhook(secret).verify(c.body, headersOf(c)) as VerifiedDelivery['body'],
      }));

  const createSubscription = async (path: string, eventTypes: string[]) =>
    (
      await http()
        .post('/v1/webhook-subscriptions')
        .set(admin())
        .send({ url: `${subscriberUrl}${path}`, eventTypes, description: `test ${path}` })
        .expect(201)
    ).body as { subscription: { id: string }; secret: string };

  beforeAll(async () => {
    subscriberUrl = await subscriber.start();
    const apiPort = await findFreePort();
    payers.sandbox.code = `cb-${randomUUID().slice(0, 6)}`;
    payers.x12.code = `cbx-${randomUUID().slice(0, 6)}`;
    sandbox = await createSandbox('webhooks', {
      CATALOG_REFRESH_SECONDS: '1',
      PREAUTH_SUBMIT_ATTEMPTS: '3',
      PREAUTH_SUBMIT_BACKOFF_MS: '100',
      OUTBOX_REDRIVE_SECONDS: '1',
      PREAUTH_SWEEP_SECONDS: '1',
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_DELIVERY_ATTEMPTS: '3',
      WEBHOOK_DELIVERY_BACKOFF_MS: '50',
      WEBHOOK_DISABLE_AFTER_FAILURES: '2',
      PORT: String(apiPort),
    });
    sim = await startPayerSim({
      PAYER_SIM_ADMIN_TOKEN: SIM_TOKEN,
      PAYER_SIM_CALLBACK_URL: `http://127.0.0.1:${apiPort}`,
      PAYER_SIM_WEBHOOK_SECRETS: `${payers.sandbox.code}=${payers.sandbox.secret},${payers.x12.code}=${payers.x12.secret}`,
    });
    await request(sim.url)
      .put('/v1/sim/rules')
      .set('authorization', `Bearer ${SIM_TOKEN}`)
      .send({
        rules: [
          { when: { memberIdPrefix: 'PEND' }, outcome: 'pend_then_approve', pendForMs: 1_000 },
          { when: { memberIdPrefix: 'HOLD' }, outcome: 'pend_then_approve', pendForMs: 3_600_000 },
          { outcome: 'approve' },
        ],
      })
      .expect(200);
    sandbox.env.SANDBOX_PAYER_URL = sim.url;
    api = await startApi(sandbox.env);
    worker = await startWorker(sandbox.env);
    for (const kind of ['sandbox', 'x12'] as const) {
      const payer = payers[kind];
      const created = await http()
        .post('/v1/payers')
        .set(admin())
        .send(
          payerBody({
            code: payer.code,
            connectionType: kind,
            endpointUrl: kind === 'x12' ? `${sim.url}/v1/payers/${payer.code}/x12/278` : null,
            webhookSecrets: [payer.secret],
          }),
        )
        .expect(201);
      payer.plan = (await http().post('/v1/plans').set(admin()).send(planBody(created.body.id)).expect(201)).body.id;
    }
    const key = await http().post('/v1/api-keys').set(admin()).send({ name: 'billing', role: 'billing' }).expect(201);
    billing = { authorization: `Bearer ${key.body.key}` };
  }, 90_000);

  afterAll(async () => {
    await Promise.all([api?.process.stop(), worker?.stop(), sim?.process.stop(), subscriber.stop()]);
  });

  describe('end to end', () => {
    it('submit → pended → the sandbox payer calls back signed → approved → the subscriber gets a verified status change', async () => {
      const { subscription, secret } = await createSubscription('/e2e', ['preauth.status_changed']);
      expect(secret).toMatch(/^whsec_/);
      const accepted = await submit(payers.sandbox.plan, 'PEND');
      await settled(accepted.id, 'approved');

      const events = await sandbox.query<{ status: string; event_type: string; preauth_id: string }>(
        'SELECT status, event_type, preauth_id FROM payer_events WHERE trace_number = $1',
        [accepted.traceNumber],
      );
      expect(events).toEqual([{ status: 'applied', event_type: 'preauth.decision', preauth_id: accepted.id }]);
      const changes = await eventually(() => {
        const mine = verifiedAt('/e2e', secret).filter((d) => d.body.data.preauthId === accepted.id);
        if (!mine.some((d) => d.body.data.status === 'approved')) throw new Error('no approval delivered yet');
        return mine;
      }, 15_000);
      const approval = changes.find((d) => d.body.data.status === 'approved');
      expect(approval?.body).toEqual({
        type: 'preauth.status_changed',
        timestamp: expect.any(String),
        data: { preauthId: accepted.id, previousStatus: 'pended', status: 'approved', source: 'payer' },
      });
      // Thin: ids, statuses and times, never the patient.
      expect(JSON.stringify(changes)).not.toMatch(/Quinnfield|1988-03-14|F10\.20|PEND/);
      const deliveries = await http()
        .get(`/v1/webhook-subscriptions/${subscription.id}/deliveries`)
        .set(admin())
        .expect(200);
      expect(deliveries.body.data[0]).toMatchObject({
        status: 'succeeded',
        attempts: 1,
        eventType: 'preauth.status_changed',
      });
      expect(deliveries.body.data[0].attemptLog[0]).toMatchObject({ statusCode: 200, succeeded: true });
    });

    it('applies an X12 278 callback the same way', async () => {
      const accepted = await submit(payers.x12.plan, 'PEND');
      await settled(accepted.id, 'approved');
      const [event] = await sandbox.query<{ status: string; media_type: string }>(
        'SELECT status, media_type FROM payer_events WHERE trace_number = $1',
        [accepted.traceNumber],
      );
      expect(event).toEqual({ status: 'applied', media_type: 'x12' });
      const detail = (await http().get(`/v1/preauths/${accepted.id}`).set(billing).expect(200)).body;
      expect(detail.authorization).toMatchObject({ authorizationNumber: expect.any(String), approvedUnits: 24 });
    });
  });

  describe('inbound callbacks', () => {
    it('acknowledges a duplicate webhook-id and changes nothing', async () => {
      const accepted = await heldAfterPend();
      const body = decision(accepted.traceNumber, 'preauth.decision', {
        action: 'A1',
        authorizationNumber: 'AUTH-DUP-1',
        approvedUnits: 24,
        decidedAt: new Date().toISOString(),
      });
      const headers = signed(payers.sandbox.secret, body);
      const first = await callback(payers.sandbox.code, headers, body).expect(202);
      expect(first.body).toEqual({ id: expect.any(String), duplicate: false });
      await settled(accepted.id, 'approved');
      const again = await callback(payers.sandbox.code, headers, body).expect(200);
      expect(again.body).toEqual({ id: first.body.id, duplicate: true });
      const rows = await sandbox.query<{ n: string }>(
        'SELECT count(*) AS n FROM payer_events WHERE trace_number = $1',
        [accepted.traceNumber],
      );
      expect(rows[0]?.n).toBe('1');
      const statusEvents = await sandbox.query<{ to_status: string }>(
        `SELECT to_status FROM preauth_events WHERE preauth_id = $1 AND type = 'status_changed' ORDER BY sequence`,
        [accepted.id],
      );
      expect(statusEvents.map((e) => e.to_status)).toEqual(['queued', 'submitted', 'pended', 'approved']);
    });

    it('does not move a request backwards when a pended notice arrives after the approval', async () => {
      const accepted = await heldAfterPend();
      const approvedAt = new Date();
      const approval = decision(accepted.traceNumber, 'preauth.decision', {
        action: 'A1',
        authorizationNumber: 'AUTH-ORDER-1',
        decidedAt: approvedAt.toISOString(),
      });
      // The older pend arrives second: its decidedAt, not its arrival, decides.
      const latePend = decision(accepted.traceNumber, 'preauth.pended', {
        reasonCode: 'IR',
        reasonText: 'more clinical information needed',
        decidedAt: new Date(approvedAt.getTime() - 60_000).toISOString(),
      });
      await sandboxPayerCallback(approval).expect(202);
      await settled(accepted.id, 'approved');
      const late = await sandboxPayerCallback(latePend).expect(202);
      await eventually(async () => {
        const [row] = await sandbox.query<{ status: string }>('SELECT status FROM payer_events WHERE id = $1', [
          late.body.id,
        ]);
        if (row?.status !== 'ignored') throw new Error(`payer event is ${row?.status}`);
      });
      expect(await statusOf(accepted.id)).toBe('approved');
      const ignored = await sandbox.query<{ reason: string }>(
        `SELECT reason FROM preauth_events WHERE preauth_id = $1 AND type = 'payer_event_ignored'`,
        [accepted.id],
      );
      expect(ignored).toEqual([{ reason: 'an older payer answer arrived after a newer one' }]);
    });

    it('applies an answer signed in the same second as the pend it follows (whole-second time, later arrival)', async () => {
      const accepted = await heldAfterPend();
      const [row] = await sandbox.query<{ at: Date }>(
        'SELECT last_payer_event_at AS at FROM preauth_requests WHERE id = $1',
        [accepted.id],
      );
      // No decidedAt: the approval is dated by its webhook-timestamp, which has no milliseconds.
      const approval = decision(accepted.traceNumber, 'preauth.decision', {
        action: 'A1',
        authorizationNumber: 'AUTH-SAME-1',
      });
      await sandboxPayerCallback(approval, new Date(row.at)).expect(202);
      await settled(accepted.id, 'approved');
    });

    it('refuses a callback dated in the future with 422 naming decidedAt, storing nothing', async () => {
      const accepted = await heldAfterPend();
      const body = decision(accepted.traceNumber, 'preauth.decision', {
        action: 'A1',
        authorizationNumber: 'AUTH-FUTURE-1',
        decidedAt: new Date(Date.now() + 10 * 365 * 86_400_000).toISOString(),
      });
      const response = await sandboxPayerCallback(body).expect(422);
      expect(response.body).toMatchObject({ statusCode: 422, code: 'preauth_decision_refused' });
      expect(response.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['decidedAt']);
      const rows = await sandbox.query('SELECT id FROM payer_events WHERE trace_number = $1', [accepted.traceNumber]);
      expect(rows).toEqual([]);
      expect(await statusOf(accepted.id)).toBe('pended');
    });

    it('refuses (and records) a payer approval with more units than asked and no authorization number', async () => {
      const accepted = await heldAfterPend();
      const body = decision(accepted.traceNumber, 'preauth.decision', { action: 'A1', approvedUnits: 999 });
      const received = await sandboxPayerCallback(body).expect(202);
      const event = await eventually(async () => {
        const [row] = await sandbox.query<{ status: string; outcome: string }>(
          'SELECT status, outcome FROM payer_events WHERE id = $1',
          [received.body.id],
        );
        if (row?.status !== 'refused') throw new Error(`payer event is ${row?.status}`);
        return row;
      });
      expect(event.outcome).toMatch(/authorizationNumber is required.*approvedUnits 999 is more than the 24/);
      expect(await statusOf(accepted.id)).toBe('pended');
      const refused = await sandbox.query<{ n: string }>(
        `SELECT count(*) AS n FROM preauth_events WHERE preauth_id = $1 AND type = 'payer_answer_refused'`,
        [accepted.id],
      );
      expect(refused[0]?.n).toBe('1');
    });

    it('keeps and reports a callback for an unknown trace number', async () => {
      const body = decision('CTMUNKNOWN00000001', 'preauth.decision', { action: 'A3', reasonCode: 'N' });
      const received = await sandboxPayerCallback(body).expect(202);
      const listed = await eventually(async () => {
        const page = await http().get('/v1/payer-events').query({ status: 'unmatched' }).set(billing).expect(200);
        const item = (page.body.data as { id: string }[]).find((i) => i.id === received.body.id);
        if (item === undefined) throw new Error('not reported yet');
        return item;
      });
      expect(listed).toMatchObject({
        payerCode: payers.sandbox.code,
        traceNumber: 'CTMUNKNOWN00000001',
        status: 'unmatched',
        preauthId: null,
      });
      expect(JSON.stringify(listed)).not.toContain('"body"');
    });

    it('refuses forged, stale, future, unsigned and unknown-payer callbacks with 401, recording only an audit row', async () => {
      const accepted = await heldAfterPend();
      const body = decision(accepted.traceNumber, 'preauth.decision', { action: 'A1' });
      const reserialised = JSON.stringify(JSON.parse(body), null, 2);
      const cases: [string, string, Record<string, string>, string][] = [
        ['wrong secret', payers.sandbox.code, signed(secretOf('not the payer'), body), body],
        ['another payer’s secret', payers.sandbox.code, signed(payers.x12.secret, body), body],
        ['re-serialised body', payers.sandbox.code, signed(payers.sandbox.secret, body), reserialised],
        ['stale', payers.sandbox.code, signed(payers.sandbox.secret, body, new Date(Date.now() - 6 * 60_000)), body],
        ['future', payers.sandbox.code, signed(payers.sandbox.secret, body, new Date(Date.now() + 6 * 60_000)), body],
        ['unsigned', payers.sandbox.code, { 'content-type': 'application/json' }, body],
        ['unknown payer', 'no-such-payer', signed(payers.sandbox.secret, body), body],
      ];
      const auditBefore = await sandbox.query<{ n: string }>(
        `SELECT count(*) AS n FROM audit_events WHERE action = 'payer_webhook.deny'`,
      );
      for (const [label, code, headers, sent] of cases) {
        const response = await callback(code, headers, sent);
        expect({ label, status: response.status, code: response.body.code }).toEqual({
          label,
          status: 401,
          code: 'unauthorized',
        });
        expect(response.body).toEqual({
          statusCode: 401,
          code: 'unauthorized',
          message: expect.any(String),
          details: { reason: expect.any(String) },
        });
      }
      const stored = await sandbox.query<{ n: string }>(
        'SELECT count(*) AS n FROM payer_events WHERE trace_number = $1',
        [accepted.traceNumber],
      );
      expect(stored[0]?.n).toBe('0');
      const audit = await sandbox.query<{ reason: string; outcome: string }>(
        `SELECT details->>'reason' AS reason, outcome FROM audit_events WHERE action = 'payer_webhook.deny'
          ORDER BY occurred_at, id OFFSET $1`,
        [Number(auditBefore[0]?.n ?? 0)],
      );
      expect(audit.map((a) => a.reason)).toEqual([
        'invalid_signature',
        'invalid_signature',
        'invalid_signature',
        'stale_timestamp',
        'future_timestamp',
        'missing_headers',
        'unknown_payer',
      ]);
      expect(new Set(audit.map((a) => a.outcome))).toEqual(new Set(['denied']));
      expect(await statusOf(accepted.id)).toBe('pended');
    });

    it('answers a signed callback it cannot read with 400 naming the fields, and stores nothing', async () => {
      const body = JSON.stringify({ type: 'preauth.decision', data: { traceNumber: 'CTM1', approvedUnits: -1 } });
      const response = await sandboxPayerCallback(body).expect(400);
      expect(response.body.code).toBe('validation_failed');
      const fields = (response.body.details.fields as { field: string }[]).map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['data.action', 'data.approvedUnits']));
    });

    it('answers a correctly signed callback sent as text/plain with 415 naming the type, not 401', async () => {
      const body = decision('CTM1', 'preauth.decision', { action: 'approved', approvedUnits: 1 });
      const response = await callback(
        payers.sandbox.code,
        { ...signed(payers.sandbox.secret, body), 'content-type': 'text/plain' },
        body,
      ).expect(415);
      expect(response.body).toEqual({
        statusCode: 415,
        code: 'unsupported_media_type',
        message: 'Content-Type text/plain is not accepted here; send application/json or application/edi-x12',
        details: { contentType: 'text/plain', accepted: ['application/json', 'application/edi-x12'] },
      });
    });
  });

  describe('subscriptions', () => {
    it('shows the secret once, never again, and refuses URLs the SSRF guard forbids', async () => {
      const { subscription, secret } = await createSubscription('/crud', ['good_faith_estimate.issued']);
      const listed = await http().get('/v1/webhook-subscriptions').set(admin()).expect(200);
      expect(listed.body.nextCursor).toBeNull();
      expect(listed.body.data.map((s: { id: string }) => s.id)).toContain(subscription.id);
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      const one = await http().get(`/v1/webhook-subscriptions/${subscription.id}`).set(admin()).expect(200);
      expect(one.body).toMatchObject({ status: 'active', eventTypes: ['good_faith_estimate.issued'] });
      expect(one.body.secrets).toEqual([{ createdAt: expect.any(String), expiresAt: null }]);

      for (const url of [
        'http://example.com/hook',
        'https://10.0.0.8/hook',
        'https://169.254.169.254/latest/meta-data',
        'https://localhost/hook',
        'https://[::1]/hook',
        'ftp://example.com/hook',
        'https://user:pass@example.com/hook',
        'not a url',
      ]) {
        const refused = await http()
          .post('/v1/webhook-subscriptions')
          .set(admin())
          .send({ url, eventTypes: ['preauth.status_changed'] })
          .expect(400);
        expect({ url, field: refused.body.details.fields[0].field }).toEqual({ url, field: 'url' });
      }
      const badType = await http()
        .post('/v1/webhook-subscriptions')
        .set(admin())
        .send({ url: `${subscriberUrl}/x`, eventTypes: ['preauth.everything'] })
        .expect(400);
      expect(badType.body.details.fields[0].field).toBe('eventTypes');
      await http().get('/v1/webhook-subscriptions').set(billing).expect(403);
      await http().delete(`/v1/webhook-subscriptions/${subscription.id}`).set(admin()).expect(204);
      await http().get(`/v1/webhook-subscriptions/${subscription.id}`).set(admin()).expect(404);
    });

    it('refuses null for a field a PATCH may leave out with 400 naming it (never a 500), but clears a description', async () => {
      const { subscription } = await createSubscription('/patch-null', ['good_faith_estimate.issued']);
      const patch = (body: object) =>
        http().patch(`/v1/webhook-subscriptions/${subscription.id}`).set(admin()).send(body);
      for (const [field, message] of [
        ['url', 'url must be a string'],
        ['eventTypes', 'eventTypes must be an array'],
        ['enabled', 'enabled must be a boolean value'],
      ]) {
        const refused = await patch({ [field]: null }).expect(400);
        expectValidationFailure(refused.body, field, message);
      }
      const cleared = await patch({ description: null }).expect(200);
      expect(cleared.body).toMatchObject({ description: null, status: 'active', url: `${subscriberUrl}/patch-null` });
      await http().delete(`/v1/webhook-subscriptions/${subscription.id}`).set(admin()).expect(204);
    });

    it('announces an issued Good Faith Estimate', async () => {
      const { secret } = await createSubscription('/gfe', ['good_faith_estimate.issued']);
      const issued = await http()
        .post('/v1/good-faith-estimates')
        .set(billing)
        .send(goodFaithEstimateBody())
        .expect(201);
      const delivered = await eventually(() => {
        const found = verifiedAt('/gfe', secret);
        if (found.length === 0) throw new Error('nothing delivered yet');
        return found;
      });
      expect(delivered[0]?.body.data).toEqual({ goodFaithEstimateId: issued.body.id, version: 1 });
    });

    it('announces overdue decisions, concurrent-review flags and expiring authorizations', async () => {
      const { secret } = await createSubscription('/tracking', [
        'preauth.decision_overdue',
        'preauth.review_needed',
        'authorization.expiring',
      ]);
      const waiting = await submit(payers.sandbox.plan, 'HOLD');
      await settled(waiting.id, 'pended');
      await sandbox.query(`UPDATE preauth_requests SET decision_due_at = now() - interval '1 hour' WHERE id = $1`, [
        waiting.id,
      ]);
      const approved = await submit(payers.sandbox.plan, 'OK');
      await settled(approved.id, 'approved');
      // One day per date on a day-based authorization: 20 dates from its first day (4 of 24 left: under 20%).
      const { validFrom, validTo } = (await http().get(`/v1/preauths/${approved.id}`).set(billing).expect(200)).body
        .authorization as { validFrom: string; validTo: string };
      for (let offset = 0; offset < 20; offset += 1) {
        const serviceDate = new Date(Date.parse(validFrom) + offset * 86_400_000).toISOString().slice(0, 10);
        await http()
          .post(`/v1/preauths/${approved.id}/utilization`)
          .set(billing)
          .send({ serviceDate, units: 1 })
          .expect(200);
      }
      const today = new Date().toISOString().slice(0, 10);
      const soon = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      await sandbox.query('UPDATE preauth_requests SET valid_from = $2, valid_to = $3 WHERE id = $1', [
        approved.id,
        today,
        soon,
      ]);
      const delivered = await eventually(() => {
        const found = verifiedAt('/tracking', secret).map((d) => d.body);
        const types = new Set(found.map((b) => b.type));
        if (types.size < 3) throw new Error(`only ${[...types].join(', ')} delivered`);
        return found;
      }, 20_000);
      expect(delivered).toContainEqual({
        type: 'preauth.decision_overdue',
        timestamp: expect.any(String),
        data: { preauthId: waiting.id, status: 'pended', decisionDueAt: expect.any(String) },
      });
      // Recording the units raises units_running_out; moving the end date near may add end_date_near later.
      expect(delivered).toContainEqual({
        type: 'preauth.review_needed',
        timestamp: expect.any(String),
        data: {
          preauthId: approved.id,
          status: 'approved',
          reasons: ['units_running_out'],
          remainingUnits: 4,
          validTo,
        },
      });
      expect(delivered).toContainEqual({
        type: 'authorization.expiring',
        timestamp: expect.any(String),
        data: { preauthId: approved.id, status: 'approved', validTo: soon, remainingUnits: 4 },
      });
    });

    it('records a payer revocation of an approved authorization (sandbox scenario): revoked, announced, units kept', async () => {
      const { secret } = await createSubscription('/revoked', ['authorization.revoked']);
      const approved = await submit(payers.sandbox.plan, 'OK');
      await settled(approved.id, 'approved');
      const { validFrom } = (await http().get(`/v1/preauths/${approved.id}`).set(billing).expect(200)).body
        .authorization as { validFrom: string };
      const dayAfterStart = (offset: number) =>
        new Date(Date.parse(validFrom) + offset * 86_400_000).toISOString().slice(0, 10);
      await http()
        .post(`/v1/preauths/${approved.id}/utilization`)
        .set(billing)
        .send({ serviceDate: dayAfterStart(0), units: 1 })
        .expect(200);
      const lastCoveredDay = dayAfterStart(2);
      await request(sim.url)
        .post(`/v1/sim/submissions/${approved.traceNumber}/revocation`)
        .set('authorization', `Bearer ${SIM_TOKEN}`)
        .send({ lastCoveredDay })
        .expect(202);
      const revoked = await eventually(async () => {
        const detail = (await http().get(`/v1/preauths/${approved.id}`).set(billing).expect(200)).body;
        if (detail.status !== 'revoked') throw new Error(`status ${detail.status}`);
        return detail;
      }, 20_000);
      expect(revoked.authorization).toMatchObject({ validTo: lastCoveredDay, usedUnits: 1 });
      expect(revoked.statusReason).toMatchObject({ text: 'Authorization revoked by the payer' });
      const [announced] = await eventually(() => {
        const found = verifiedAt('/revoked', secret).map((d) => d.body);
        if (found.length === 0) throw new Error('nothing delivered yet');
        return found;
      }, 20_000);
      expect(announced).toMatchObject({
        type: 'authorization.revoked',
        data: {
          preauthId: approved.id,
          status: 'revoked',
          validTo: lastCoveredDay,
          effectiveDate: dayAfterStart(3),
          usedUnits: 1,
        },
      });
      // Nothing more can be used, and staff cannot cancel what the payer already withdrew.
      await http()
        .post(`/v1/preauths/${approved.id}/utilization`)
        .set(billing)
        .send({ serviceDate: dayAfterStart(1), units: 1 })
        .expect(409);
      await http().post(`/v1/preauths/${approved.id}/cancel`).set(billing).send({}).expect(409);
    });

    it('signs with both secrets during a rotation’s grace period', async () => {
      const { subscription, secret: oldSecret } = await createSubscription('/rotate', ['good_faith_estimate.issued']);
      const rotated = await http()
        .post(`/v1/webhook-subscriptions/${subscription.id}/rotate-secret`)
        .set(admin())
        .expect(201);
      const newSecret = rotated.body.secret as string;
      expect(newSecret).not.toBe(oldSecret);
      expect(Date.parse(rotated.body.previousSecretExpiresAt as string)).toBeGreaterThan(Date.now() + 23 * 3600_000);
      await http().post('/v1/good-faith-estimates').set(billing).send(goodFaithEstimateBody()).expect(201);
      const [delivery] = await eventually(() => {
        const found = subscriber.received.filter((c) => c.path === '/rotate');
        if (found.length === 0) throw new Error('nothing delivered yet');
        return found;
      });
      expect(String(delivery?.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(verifiedAt('/rotate', oldSecret)).toHaveLength(1);
      expect(verifiedAt('/rotate', newSecret)).toHaveLength(1);
    });

    it('records every failed attempt, replays a failed delivery, and disables a subscriber that keeps failing', async () => {
      let failing = true;
      subscriber.answer = (c) => (c.path === '/flaky' && failing ? 503 : 200);
      const { subscription } = await createSubscription('/flaky', ['good_faith_estimate.issued']);
      const deliveries = async () =>
        (await http().get(`/v1/webhook-subscriptions/${subscription.id}/deliveries`).set(admin()).expect(200)).body
          .data as {
          id: string;
          status: string;
          attempts: number;
          round: number;
          attemptLog: { statusCode: number }[];
        }[];

      await http().post('/v1/good-faith-estimates').set(billing).send(goodFaithEstimateBody()).expect(201);
      const [failed] = await eventually(async () => {
        const items = await deliveries();
        if (items[0]?.status !== 'failed') throw new Error(`delivery is ${items[0]?.status}`);
        return items;
      });
      expect(failed?.attempts).toBe(3);
      expect(failed?.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 503]);

      failing = false;
      const replayed = await http()
        .post(`/v1/webhook-subscriptions/${subscription.id}/deliveries/${failed?.id}/replay`)
        .set(admin())
        .expect(202);
      expect(replayed.body).toMatchObject({ status: 'pending', round: 2 });
      await eventually(async () => {
        const [item] = await deliveries();
        if (item?.status !== 'succeeded') throw new Error(`delivery is ${item?.status}`);
      });
      await http()
        .post(`/v1/webhook-subscriptions/${subscription.id}/deliveries/${failed?.id}/replay`)
        .set(admin())
        .expect(409);

      // Two deliveries in a row failing for good reach the threshold (WEBHOOK_DISABLE_AFTER_FAILURES=2).
      failing = true;
      await http().post('/v1/good-faith-estimates').set(billing).send(goodFaithEstimateBody()).expect(201);
      await http().post('/v1/good-faith-estimates').set(billing).send(goodFaithEstimateBody()).expect(201);
      const disabled = await eventually(async () => {
        const body = (await http().get(`/v1/webhook-subscriptions/${subscription.id}`).set(admin()).expect(200)).body;
        if (body.status !== 'disabled') throw new Error(`subscription is ${body.status}`);
        return body;
      }, 20_000);
      expect(disabled.disabledReason).toMatch(/2 deliveries in a row failed/);
      const audit = await sandbox.query<{ subject_id: string; reason: string }>(
        `SELECT subject_id, details->>'reason' AS reason FROM audit_events WHERE action = 'webhook_subscription.disable'`,
      );
      expect(audit).toEqual([{ subject_id: subscription.id, reason: disabled.disabledReason }]);
      const enabled = await http()
        .patch(`/v1/webhook-subscriptions/${subscription.id}`)
        .set(admin())
        .send({ enabled: true })
        .expect(200);
      expect(enabled.body).toMatchObject({ status: 'active', consecutiveFailures: 0, disabledReason: null });
      subscriber.answer = () => 200;
    });

    it('deletes a subscription while its deliveries are being attempted, every time with 204 (never a deadlock 500)', async () => {
      // The subscriber fails, so each delivery runs through its attempts, the last of which also updates the
      // subscription's health: the delete and the deliverer contend for the same rows however they interleave.
      subscriber.answer = (c) => (c.path === '/racing' ? 503 : 200);
      try {
        const answers: number[] = [];
        for (let round = 0; round < 12; round += 1) {
          const { subscription } = await createSubscription('/racing', ['good_faith_estimate.issued']);
          await http().post('/v1/good-faith-estimates').set(billing).send(goodFaithEstimateBody()).expect(201);
          await eventually(async () => {
            const [row] = await sandbox.query<{ attempts: number }>(
              'SELECT attempts FROM webhook_deliveries WHERE subscription_id = $1',
              [subscription.id],
            );
            if ((row?.attempts ?? 0) < 1) throw new Error('no attempt yet');
          });
          // Varying how far the retries got when the delete lands.
          await new Promise((resolve) => setTimeout(resolve, (round % 4) * 40));
          const removed = await http().delete(`/v1/webhook-subscriptions/${subscription.id}`).set(admin());
          answers.push(removed.status);
        }
        expect(answers).toEqual(answers.map(() => 204));
      } finally {
        subscriber.answer = () => 200;
      }
    });
  });
});

function headersOf(callback: ReceivedCallback): Record<string, string> {
  return {
    'webhook-id': String(callback.headers['webhook-id']),
    'webhook-timestamp': String(callback.headers['webhook-timestamp']),
    'webhook-signature': String(callback.headers['webhook-signature']),
  };
}

function goodFaithEstimateBody(): Record<string, unknown> {
  return {
    patient: { name: 'Marisol Quenneville-Obi', dateOfBirth: '1988-07-23' },
    primaryService: { description: 'Intensive outpatient program', serviceCode: 'H0015' },
    diagnosisCodes: ['F10.20'],
    providers: [
      {
        name: 'Harborview Recovery Center',
        npi: '1234567893',
        tin: '12-3456789',
        location: { line1: '100 Harbor Way', city: 'Albany', state: 'NY', postalCode: '12207' },
        items: [{ description: 'IOP session day', serviceCode: 'H0015', units: 36, unitChargeCents: 15_000 }],
      },
    ],
  };
}
