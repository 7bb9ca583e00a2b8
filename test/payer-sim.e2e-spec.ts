import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import type { SandboxCallback } from '../libs/payer-gateway/src';
import { build278Request, parse278Response, type Request278 } from '../libs/x12/src';
import { request278 } from '../libs/x12/src/testing/request-278.factory';
import { eventually } from './support/eventually';
import { CallbackReceiver, type ReceivedCallback, type RunningPayerSim, startPayerSim } from './support/payer-sim';

interface SubmissionState {
  format: 'json' | 'x12';
  deliveries: number;
  created: 0 | 1;
  callbacks: { webhookId: string; type: string; status: string; attempts: number; lastStatusCode: number | null }[];
}

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const ADMIN_TOKEN = `sim-admin-${randomBytes(12).toString('hex')}`;

let traceSequence = 0;
const nextTrace = (): string => `CT-E2E-${Date.now().toString(36)}-${++traceSequence}`;

/** A JSON submission (the sandbox contract) for a member whose id prefix picks the demo outcome. */
const submission = (memberId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  traceNumber: nextTrace(),
  certificationType: 'initial',
  authorizationNumber: null,
  urgency: 'standard',
  levelOfCare: 'iop',
  serviceTypeCode: 'AI',
  placeOfService: '57',
  patient: { firstName: 'Jordan', lastName: 'Rivera', dateOfBirth: '1990-04-12', sex: 'F' },
  member: { memberId, planId: 'BPH-PPO-1' },
  requestingProvider: { name: 'Harborview Recovery Center', npi: '1234567893' },
  servicingProvider: { name: 'Harborview Recovery Center', npi: '1234567893' },
  diagnoses: ['F10.20'],
  serviceLines: [{ procedureCode: 'H0015', revenueCode: '0906', units: 24, unitType: 'day' }],
  requestedUnits: 24,
  unitType: 'day',
  deliveryPattern: { daysPerWeek: 3, weeks: 8 },
  startDate: '2026-12-01',
  endDate: '2027-01-22',
  clinicalSummary: 'Alcohol use disorder, moderate.',
  ...overrides,
});

const x12Request = (memberId: string): Request278 =>
  request278({ traceNumber: nextTrace(), subscriber: { ...request278().subscriber, memberId } });

describe('Payer sim: a sandbox payer in its own process', () => {
  const receiver = new CallbackReceiver();
  let sim: RunningPayerSim;
  /** The rules the sim starts with, restored before each test. */
  let demoRules: unknown[];

  /** A request to the sim, with the admin token unless `token` says otherwise (null: none). */
  const call = (method: 'get' | 'put' | 'post', path: string, body?: object, token: string | null = ADMIN_TOKEN) => {
    const pending = request(sim.url)[method](path);
    if (token !== null) void pending.set('authorization', `Bearer ${token}`);
    return body === undefined ? pending : pending.send(body);
  };
  const submit = (body: Record<string, unknown>, payerCode = 'BPH') =>
    call('post', `/v1/payers/${payerCode}/preauths`, body, null);
  const submitX12 = async (request: Request278, payerCode = 'BPH') => {
    const response = await fetch(`${sim.url}/v1/payers/${payerCode}/x12/278`, {
      method: 'POST',
      headers: { 'content-type': 'application/edi-x12' },
      body: build278Request(request),
    });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  };
  const setRules = async (rules: unknown[]): Promise<void> => {
    expect((await call('put', '/v1/sim/rules', { rules })).status).toBe(200);
  };
  const submissionState = async (traceNumber: string): Promise<SubmissionState> =>
    (await call('get', `/v1/sim/submissions/${traceNumber}`)).body as SubmissionState;
  /** Waits until the receiver holds exactly `count` callbacks about the trace number. */
  const callbacksFor = (traceNumber: string, count: number): Promise<ReceivedCallback[]> =>
    eventually(() => {
      const received = receiver.for(traceNumber);
      expect(received).toHaveLength(count);
      return Promise.resolve(received);
    }, 10_000);

  /** Verifies a callback as Continuum will: the reference implementation, the payer's secret, the raw body. */
  const verified = (callback: ReceivedCallback): void => {
    const headers = {
      'webhook-id': String(callback.headers['webhook-id']),
      'webhook-timestamp': String(callback.headers['webhook-timestamp']),
      'webhook-signature': String(callback.headers['webhook-signature']),
    };
    // jsonParse off: an X12 callback is signed the same way, but its body is not JSON.
    const verify = (secret: string) => () => new Webhook(secret).verify(callback.body, headers, { jsonParse: false });
    expect(verify(SECRET)).not.toThrow();
    expect(verify(`whsec_${randomBytes(24).toString('base64')}`)).toThrow('No matching signature found');
  };

  beforeAll(async () => {
    const receiverUrl = await receiver.start();
    sim = await startPayerSim({
      PAYER_SIM_CALLBACK_URL: receiverUrl,
      PAYER_SIM_WEBHOOK_SECRETS: `BPH=${SECRET},AET=${SECRET}`,
      PAYER_SIM_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    demoRules = (await call('get', '/v1/sim/rules')).body.rules;
  });

  beforeEach(async () => {
    expect((await call('post', '/v1/sim/reset')).status).toBe(204);
    await setRules(demoRules);
    receiver.answer = () => 200;
  });

  afterAll(async () => {
    await sim?.process.stop();
    await receiver.stop();
  });

  describe('control endpoints', () => {
    it('are guarded by PAYER_SIM_ADMIN_TOKEN; /health is public', async () => {
      expect((await call('get', '/health', undefined, null)).body).toEqual({ status: 'ok' });
      for (const [method, path] of [
        ['get', '/v1/sim/rules'],
        ['put', '/v1/sim/rules'],
        ['post', '/v1/sim/reset'],
        ['get', '/v1/sim/stats'],
        ['get', '/v1/sim/submissions/CT-1'],
      ] as const) {
        const anonymous = await call(method, path, undefined, null);
        const wrong = await call(method, path, undefined, 'not-the-token');
        expect([anonymous.status, wrong.status, anonymous.body.code]).toEqual([401, 401, 'unauthorized']);
      }
      expect((await call('get', '/v1/sim/stats')).status).toBe(200);
    });

    it('serves the documented demo rules, and refuses invalid ones naming the problem', async () => {
      const { body } = await call('get', '/v1/sim/rules');
      expect(body.rules.map((r: { when?: { memberIdPrefix?: string } }) => r.when?.memberIdPrefix)).toEqual([
        'DENY',
        'PART',
        'PEND',
        'NOAUTH',
        'REJECT',
        'FAIL',
        'FLAKY',
        undefined,
      ]);
      const refused = await call('put', '/v1/sim/rules', { rules: [{ outcome: 'approve', when: { member: 'X' } }] });
      expect(refused).toMatchObject({
        status: 400,
        body: { code: 'invalid_rules', message: 'rules[0].when.member is not a known condition' },
      });
    });
  });

  describe('JSON submissions', () => {
    it('approves at once: A1, all units, the requested period, an authorization number', async () => {
      const body = submission('W123456789');
      const { status, body: receipt } = await submit(body);
      expect(status).toBe(200);
      expect(receipt).toEqual({
        traceNumber: body.traceNumber,
        payerReference: expect.stringMatching(/^PR-/),
        duplicate: false,
        decision: {
          action: 'A1',
          authorizationNumber: expect.stringMatching(/^BPH-AUTH-/),
          approvedUnits: 24,
          unitType: 'day',
          validFrom: '2026-12-01',
          validTo: '2027-01-22',
          reasonCode: null,
          reasonText: null,
          decidedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        },
      });
    });

    it.each([
      ['DENY-1', { action: 'A3', reasonCode: 'MN', authorizationNumber: null, approvedUnits: null }],
      ['PART-1', { action: 'A2', approvedUnits: 12, validFrom: '2026-12-01', validTo: '2026-12-27' }],
      ['NOAUTH-1', { action: 'NA', authorizationNumber: null, approvedUnits: null, validTo: null }],
      ['PEND-1', { action: 'A4', authorizationNumber: null }],
    ])('member %s gets %j in the answer', async (memberId, decision) => {
      const { status, body } = await submit(submission(memberId));
      expect(status).toBe(200);
      expect(body.decision).toMatchObject(decision);
    });

    it('rejects (400) a REJECT member and a malformed submission, and answers 503 for a FAIL member', async () => {
      expect(await submit(submission('REJECT-1'))).toMatchObject({
        status: 400,
        body: { code: 'member_not_found', message: expect.any(String) },
      });
      const malformed = await submit({ ...submission('W1'), traceNumber: undefined, startDate: 'tomorrow' });
      expect(malformed).toMatchObject({
        status: 400,
        body: { code: 'invalid_request', message: 'traceNumber is required; startDate must be a YYYY-MM-DD date' },
      });
      const outage = await submit(submission('FAIL-1'));
      expect(outage).toMatchObject({ status: 503, body: { code: 'payer_unavailable' } });
      expect(outage.headers['retry-after']).toBe('1');
    });

    it('dedupes by trace number: a resend is answered with the same receipt, and nothing new is created', async () => {
      const body = submission('W123456789');
      const first = await submit(body);
      const again = await submit(body);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ ...first.body, duplicate: true });
      expect(await submissionState(String(body.traceNumber))).toMatchObject({
        traceNumber: body.traceNumber,
        payerCode: 'BPH',
        payerReference: first.body.payerReference,
        deliveries: 2,
        created: 1,
        decision: { action: 'A1' },
        callbacks: [],
      });
      expect((await call('get', '/v1/sim/stats')).body).toMatchObject({
        traceNumbers: 1,
        created: 1,
        deliveries: 2,
        duplicates: 1,
      });
    });

    it('lets retries through a flaky payer: two 503s, then a decision; three deliveries, one request', async () => {
      const body = submission('FLAKY-1');
      expect((await submit(body)).status).toBe(503);
      expect((await submit(body)).status).toBe(503);
      const third = await submit(body);
      expect(third).toMatchObject({ status: 200, body: { duplicate: false, decision: { action: 'A1' } } });
      expect(await submissionState(String(body.traceNumber))).toMatchObject({ deliveries: 3, created: 1 });
    });

    it('decides later when the rule has a delay: 202 now, then a signed preauth.decision callback', async () => {
      await setRules([{ outcome: 'partial', approvedUnits: 10, delayMs: 300 }]);
      const body = submission('W123456789');
      const receipt = await submit(body);
      expect(receipt).toMatchObject({ status: 202, body: { decision: null, duplicate: false } });
      const [callback] = await callbacksFor(String(body.traceNumber), 1);
      if (callback === undefined) throw new Error('no callback');
      verified(callback);
      expect(callback.path).toBe('/v1/webhooks/payers/BPH');
      expect(callback.headers['content-type']).toBe('application/json');
      expect(JSON.parse(callback.body)).toEqual({
        type: 'preauth.decision',
        data: {
          traceNumber: body.traceNumber,
          payerReference: receipt.body.payerReference,
          action: 'A2',
          authorizationNumber: expect.stringMatching(/^BPH-AUTH-/),
          approvedUnits: 10,
          unitType: 'day',
          validFrom: '2026-12-01',
          validTo: '2026-12-23',
          reasonCode: null,
          reasonText: null,
          decidedAt: expect.any(String),
        },
      });
      await eventually(async () =>
        expect((await submissionState(String(body.traceNumber))).callbacks).toEqual([
          {
            webhookId: callback.headers['webhook-id'],
            type: 'preauth.decision',
            status: 'delivered',
            attempts: 1,
            lastStatusCode: 200,
          },
        ]),
      );
    });

    it('pends, then calls back the final decision; each callback has its own webhook-id', async () => {
      await setRules([{ when: { memberIdPrefix: 'PEND' }, outcome: 'pend_then_deny', delayMs: 100, pendForMs: 300 }]);
      const body = submission('PEND-2');
      expect((await submit(body)).status).toBe(202);
      const callbacks = await callbacksFor(String(body.traceNumber), 2);
      callbacks.forEach(verified);
      expect(callbacks.map((c) => JSON.parse(c.body) as SandboxCallback).map((c) => [c.type, c.data.action])).toEqual([
        ['preauth.pended', 'A4'],
        ['preauth.decision', 'A3'],
      ]);
      expect(new Set(callbacks.map((c) => c.headers['webhook-id'])).size).toBe(2);
    });

    it('retries a callback the receiver refuses, with the same webhook-id, and records the attempts', async () => {
      await setRules([{ outcome: 'approve', delayMs: 50 }]);
      const body = submission('W123456789');
      // The receiver counts a callback before it answers: the first two attempts get 503, the third 204.
      receiver.answer = () => (receiver.for(String(body.traceNumber)).length < 3 ? 503 : 204);
      await submit(body);
      const state = await eventually(async () => {
        const current = await submissionState(String(body.traceNumber));
        expect(current.callbacks).toMatchObject([{ status: 'delivered', attempts: 3, lastStatusCode: 204 }]);
        return current;
      }, 15_000);
      const attempts = receiver.for(String(body.traceNumber));
      expect(attempts).toHaveLength(3);
      expect(new Set(attempts.map((a) => a.headers['webhook-id']))).toEqual(new Set([state.callbacks[0]?.webhookId]));
      attempts.forEach(verified);
    });

    it('skips callbacks for a payer without a secret, and records that', async () => {
      await setRules([{ outcome: 'approve', delayMs: 20 }]);
      const body = submission('W123456789');
      expect((await submit(body, 'NOSECRET')).status).toBe(202);
      await eventually(async () =>
        expect((await submissionState(String(body.traceNumber))).callbacks).toMatchObject([
          { type: 'preauth.decision', status: 'skipped', attempts: 0 },
        ]),
      );
      expect(receiver.for(String(body.traceNumber))).toEqual([]);
    });

    it('extends an authorization it issued, cancels it, and refuses to extend one it never issued', async () => {
      const initial = await submit(submission('W123456789'));
      const authorizationNumber = initial.body.decision.authorizationNumber;
      const extension = await submit(
        submission('W123456789', { certificationType: 'extension', authorizationNumber, requestedUnits: 10 }),
      );
      expect(extension.body.decision).toMatchObject({ action: 'A1', authorizationNumber, approvedUnits: 10 });
      const cancel = await submit(submission('W123456789', { certificationType: 'cancel', authorizationNumber }));
      expect(cancel.body.decision).toMatchObject({ action: 'C', authorizationNumber });
      const unknown = await submit(
        submission('W123456789', { certificationType: 'extension', authorizationNumber: 'BPH-AUTH-NOPE' }),
      );
      expect(unknown).toMatchObject({ status: 400, body: { code: 'authorization_not_found' } });
    });
  });

  describe('X12 278 submissions', () => {
    it('approves and denies in the synchronous 278 response, which parse278Response reads', async () => {
      const approve = x12Request('W123456789');
      const approved = await submitX12(approve);
      expect(approved.status).toBe(200);
      expect(approved.contentType).toContain('application/edi-x12');
      expect(parse278Response(approved.text)).toMatchObject({
        traceNumber: approve.traceNumber,
        action: 'A1',
        decision: 'approved',
        authorizationNumber: expect.stringMatching(/^BPH-AUTH-/),
        approvedUnits: 24,
        validFrom: '2026-12-01',
        validTo: '2027-01-22',
        rejections: [],
      });
      const denied = await submitX12(x12Request('DENY-1'));
      expect(parse278Response(denied.text)).toMatchObject({
        action: 'A3',
        reasonCode: 'MN',
        authorizationNumber: null,
      });
    });

    it('pends at once, then calls back a signed 278 response with the approval', async () => {
      await setRules([{ when: { memberIdPrefix: 'PEND' }, outcome: 'pend_then_approve', pendForMs: 200 }]);
      const request = x12Request('PEND-1');
      const pended = await submitX12(request);
      expect(parse278Response(pended.text)).toMatchObject({ traceNumber: request.traceNumber, decision: 'pended' });
      const [callback] = await callbacksFor(request.traceNumber, 1);
      if (callback === undefined) throw new Error('no callback');
      verified(callback);
      expect(callback.headers['content-type']).toBe('application/edi-x12');
      expect(parse278Response(callback.body)).toMatchObject({
        traceNumber: request.traceNumber,
        decision: 'approved',
        approvedUnits: 24,
      });
    });

    it('dedupes X12 resends too, and answers a delayed decision with a 202 acknowledgement', async () => {
      await setRules([{ outcome: 'approve', delayMs: 60_000 }]);
      const request = x12Request('W123456789');
      const first = await submitX12(request);
      const again = await submitX12(request);
      expect([first.status, again.status]).toEqual([202, 202]);
      expect(parse278Response(first.text)).toMatchObject({ traceNumber: request.traceNumber, action: null });
      expect(await submissionState(request.traceNumber)).toMatchObject({ format: 'x12', deliveries: 2, created: 1 });
    });

    it('rejects with AAA segments over HTTP 200, answers 503 in an outage, and 400 for what is not a 278', async () => {
      const rejected = await submitX12(x12Request('REJECT-1'));
      expect(rejected.status).toBe(200);
      expect(parse278Response(rejected.text)).toMatchObject({
        action: null,
        rejections: [{ code: '75', followUp: 'C' }],
      });
      expect((await submitX12(x12Request('FAIL-1'))).status).toBe(503);
      const garbage = await fetch(`${sim.url}/v1/payers/BPH/x12/278`, {
        method: 'POST',
        headers: { 'content-type': 'application/edi-x12' },
        body: 'ISA*not really',
      });
      expect(garbage.status).toBe(400);
      expect(await garbage.json()).toMatchObject({ code: 'invalid_request' });
    });
  });

  it('never logs request bodies: no member id, name or diagnosis in its output', () => {
    expect(sim.process.text).not.toContain('Rivera');
    expect(sim.process.text).not.toContain('W123456789');
    expect(sim.process.text).not.toContain('F10.20');
  });

  it('stops gracefully on SIGTERM, with decisions still pending', async () => {
    await setRules([{ outcome: 'approve', delayMs: 60_000 }]);
    expect((await submit(submission('W123456789'))).status).toBe(202);
    expect(await sim.process.stop('SIGTERM', 10_000)).toEqual({ code: 0, signal: null });
    expect(sim.process.text).toContain('"msg":"payer sim stopped"');
  });
});
