import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { X12Parser } from 'node-x12';
import { planBody, payerBody } from './support/catalog-factories';
import { eventually } from './support/eventually';
import { type RunningPayerSim, startPayerSim } from './support/payer-sim';
import type { ServiceUnderTest } from './support/service-process';
import { addDays } from './support/dates';
import { preauthRequestBody, REQUESTED_END, REQUESTED_START } from './support/preauth-factories';
import { createSandbox, type RunningApi, type Sandbox, startApi, startWorker } from './support/test-stack';

const SIM_TOKEN = 'sim-test-token';

describe('Pre-authorization', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let worker: ServiceUnderTest;
  let sim: RunningPayerSim;
  let billing: Record<string, string>;
  const plans: Record<'sandbox' | 'x12' | 'manual', string> = { sandbox: '', x12: '', manual: '' };

  const http = () => request(api.url);
  const admin = () => ({ authorization: `Bearer ${sandbox.adminKey}` });
  const fieldsOf = (body: unknown): string[] =>
    (body as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field);

  const submit = async (planId: string, overrides: Record<string, unknown> = {}) =>
    (
      await http()
        .post('/v1/preauths')
        .set(billing)
        .set('idempotency-key', randomUUID())
        .send(preauthRequestBody(planId, overrides))
        .expect(202)
    ).body as { id: string; status: string; traceNumber: string; decisionDueAt: string };

  const detail = async (id: string) => (await http().get(`/v1/preauths/${id}`).set(billing).expect(200)).body;

  const settled = (id: string, status: string) =>
    eventually(async () => {
      const body = await detail(id);
      if (body.status !== status) throw new Error(`status ${body.status}, waiting for ${status}`);
      return body;
    }, 20_000);

  const simRecord = async (traceNumber: string) =>
    (
      await request(sim.url)
        .get(`/v1/sim/submissions/${traceNumber}`)
        .set('authorization', `Bearer ${SIM_TOKEN}`)
        .expect(200)
    ).body;

  beforeAll(async () => {
    sandbox = await createSandbox('preauths', {
      CATALOG_REFRESH_SECONDS: '1',
      PREAUTH_SUBMIT_ATTEMPTS: '3',
      PREAUTH_SUBMIT_BACKOFF_MS: '100',
      OUTBOX_REDRIVE_SECONDS: '1',
      PREAUTH_SWEEP_SECONDS: '1',
      PAYER_REQUEST_TIMEOUT_SECONDS: '5',
    });
    sim = await startPayerSim({ PAYER_SIM_ADMIN_TOKEN: SIM_TOKEN, PAYER_SIM_CALLBACK_URL: 'http://127.0.0.1:9' });
    sandbox.env.SANDBOX_PAYER_URL = sim.url;
    api = await startApi(sandbox.env);
    worker = await startWorker(sandbox.env);
    const created = async (body: Record<string, unknown>) =>
      (await http().post('/v1/payers').set(admin()).send(body).expect(201)).body as { id: string; code: string };
    const sandboxPayer = await created(payerBody({ connectionType: 'sandbox', endpointUrl: null }));
    const x12Code = `x12-${randomUUID().slice(0, 6)}`;
    const x12Payer = await created(
      payerBody({ code: x12Code, connectionType: 'x12', endpointUrl: `${sim.url}/v1/payers/${x12Code}/x12/278` }),
    );
    const manualPayer = await created(payerBody({ connectionType: 'manual', endpointUrl: null }));
    for (const [kind, payer] of [
      ['sandbox', sandboxPayer],
      ['x12', x12Payer],
      ['manual', manualPayer],
    ] as const) {
      plans[kind] = (await http().post('/v1/plans').set(admin()).send(planBody(payer.id)).expect(201)).body.id;
    }
    const key = await http().post('/v1/api-keys').set(admin()).send({ name: 'billing', role: 'billing' }).expect(201);
    billing = { authorization: `Bearer ${key.body.key}` };
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.process.stop(), worker?.stop(), sim?.process.stop()]);
  });

  describe('intake', () => {
    it('answers 202 with the id, status queued, a trace number and the 7-day standard deadline', async () => {
      const before = Date.now();
      const accepted = await submit(plans.sandbox);
      expect(accepted.status).toBe('queued');
      expect(accepted.traceNumber).toMatch(/^CTM[0-9A-Z]{14}$/);
      const due = Date.parse(accepted.decisionDueAt) - before;
      expect(due).toBeGreaterThanOrEqual(7 * 24 * 3600_000 - 5_000);
      expect(due).toBeLessThanOrEqual(7 * 24 * 3600_000 + 5_000);
    });

    it('gives an expedited request 72 hours', async () => {
      const before = Date.now();
      const accepted = await submit(plans.manual, { urgency: 'expedited' });
      const due = Date.parse(accepted.decisionDueAt) - before;
      expect(Math.round(due / 3600_000)).toBe(72);
    });

    it('answers a repeat with the same key and body with the first answer, and another body with 422', async () => {
      const key = randomUUID();
      const body = preauthRequestBody(plans.manual);
      const first = await http().post('/v1/preauths').set(billing).set('idempotency-key', key).send(body).expect(202);
      const again = await http().post('/v1/preauths').set(billing).set('idempotency-key', key).send(body).expect(202);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const other = await http()
        .post('/v1/preauths')
        .set(billing)
        .set('idempotency-key', key)
        .send({ ...body, urgency: 'expedited' })
        .expect(422);
      expect(other.body.code).toBe('idempotency_key_reused');
      const rows = await sandbox.query<{ n: string }>(
        `SELECT count(*) AS n FROM preauth_requests WHERE idempotency_key = $1`,
        [key],
      );
      expect(rows[0]?.n).toBe('1');
    });

    it('creates one request when the same key arrives many times at once (the rest wait: 409 or the first answer)', async () => {
      const key = randomUUID();
      const body = preauthRequestBody(plans.manual);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          http().post('/v1/preauths').set(billing).set('idempotency-key', key).send(body),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.every((s) => s === 202 || s === 409)).toBe(true);
      const ids = new Set(answers.filter((a) => a.status === 202).map((a) => a.body.id));
      expect(ids.size).toBe(1);
      for (const conflict of answers.filter((a) => a.status === 409))
        expect(conflict.body.code).toBe('idempotency_in_flight');
      const rows = await sandbox.query<{ n: string }>(
        `SELECT count(*) AS n FROM preauth_requests WHERE idempotency_key = $1`,
        [key],
      );
      expect(rows[0]?.n).toBe('1');
    });

    it('replays a key whose request finished long ago to every concurrent repeat (never 409: nothing is in flight)', async () => {
      const key = randomUUID();
      const body = preauthRequestBody(plans.manual);
      const post = () => http().post('/v1/preauths').set(billing).set('idempotency-key', key).send(body);
      const first = await post().expect(202);
      // Concurrent repeats land in different group-commit transactions; each must replay, however they interleave.
      for (let round = 0; round < 15; round += 1) {
        const answers = await Promise.all(Array.from({ length: 8 }, () => post()));
        for (const answer of answers) {
          expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 202, code: undefined });
          expect(answer.body).toEqual(first.body);
          expect(answer.headers['idempotent-replayed']).toBe('true');
        }
      }
    });

    it('writes a burst of requests together (group commit), each with its own answer, rows and job, repeats and reused keys included', async () => {
      const body = preauthRequestBody(plans.manual);
      const post = (key: string, sent = body) =>
        http().post('/v1/preauths').set(billing).set('idempotency-key', key).send(sent);
      const earlierKey = randomUUID();
      const acceptedEarlier = await post(earlierKey).expect(202);
      const uniqueKeys = Array.from({ length: 30 }, () => randomUUID());
      const repeatedKey = randomUUID();

      const [unique, repeated, [reusedWithOtherBody, replayOfEarlier]] = await Promise.all([
        Promise.all(uniqueKeys.map((key) => post(key))),
        Promise.all(Array.from({ length: 4 }, () => post(repeatedKey))),
        Promise.all([post(earlierKey, { ...body, urgency: 'expedited' }), post(earlierKey)]),
      ]);

      expect(unique.map((answer) => answer.status)).toEqual(uniqueKeys.map(() => 202));
      const ids = unique.map((answer) => answer.body.id as string);
      expect(new Set(ids).size).toBe(30);
      expect(repeated.every((answer) => answer.status === 202 || answer.status === 409)).toBe(true);
      expect(new Set(repeated.filter((a) => a.status === 202).map((a) => a.body.id)).size).toBe(1);
      expect(reusedWithOtherBody?.status).toBe(422);
      expect(reusedWithOtherBody?.body.code).toBe('idempotency_key_reused');
      expect(replayOfEarlier?.status).toBe(202);
      expect(replayOfEarlier?.body).toEqual(acceptedEarlier.body);
      expect(replayOfEarlier?.headers['idempotent-replayed']).toBe('true');

      // Every accepted request has its own request row, submission, history event and audit row.
      const [counts] = await sandbox.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM preauth_requests WHERE id = ANY($1::uuid[])) AS requests,
                (SELECT count(*) FROM preauth_requests WHERE idempotency_key = $2) AS repeated,
                (SELECT count(*) FROM preauth_submissions WHERE preauth_id = ANY($1::uuid[])) AS submissions,
                (SELECT count(*) FROM preauth_events WHERE preauth_id = ANY($1::uuid[]) AND reason = 'accepted') AS events,
                (SELECT count(*) FROM audit_events WHERE subject_id = ANY($1::text[]) AND action = 'preauth.write_phi') AS audits`,
        [ids, repeatedKey],
      );
      expect(counts).toMatchObject({ requests: '30', repeated: '1', submissions: '30', events: '30', audits: '30' });
      // However the burst was split into transactions, a replay of each key answers exactly what it first got,
      // and stores nothing more. (How many requests share a transaction depends on timing: the GroupCommit
      // unit tests prove the batching itself.)
      const replays = await Promise.all(uniqueKeys.map((key) => post(key)));
      expect(replays.map((answer) => answer.body)).toEqual(unique.map((answer) => answer.body));
      expect(replays.every((answer) => answer.headers['idempotent-replayed'] === 'true')).toBe(true);
      const [afterReplay] = await sandbox.query<{ requests: string }>(
        `SELECT count(*) AS requests FROM preauth_requests WHERE idempotency_key = ANY($1::text[])`,
        [uniqueKeys],
      );
      expect(afterReplay?.requests).toBe('30');
      // And each got its job: the worker marks every one submitted (a manual payer).
      await eventually(async () => {
        const [row] = await sandbox.query<{ n: string }>(
          `SELECT count(*) AS n FROM preauth_requests WHERE id = ANY($1::uuid[]) AND status = 'submitted'`,
          [ids],
        );
        expect(row?.n).toBe('30');
      }, 20_000);
    });

    it.each([
      ['no Idempotency-Key', null, {}, 'Idempotency-Key'],
      [
        'a bad NPI check digit',
        'k',
        { requestingProvider: { name: 'X', npi: '1234567890' } },
        'requestingProvider.npi',
      ],
      ['a bad ICD-10 code', 'k', { diagnoses: ['F10.20', 'ZZZ'] }, 'diagnoses'],
      [
        'an end before the start',
        'k',
        { requestedStartDate: addDays(REQUESTED_START, 9), requestedEndDate: REQUESTED_START },
        'requestedEndDate',
      ],
      [
        'zero units',
        'k',
        { serviceLines: [{ procedureCode: 'H0015', units: 0, unitType: 'day' }] },
        'serviceLines.0.units',
      ],
      ['an unknown plan', 'k', { planId: randomUUID() }, 'planId'],
      [
        'a bad procedure code',
        'k',
        { serviceLines: [{ procedureCode: 'XYZ', units: 3, unitType: 'day' }] },
        'serviceLines.0.procedureCode',
      ],
      ['more days than the period has', 'k', { requestedEndDate: addDays(REQUESTED_START, 4) }, 'serviceLines'],
      ['an unknown urgency', 'k', { urgency: 'soon' }, 'urgency'],
      [
        'a date in year 0 (no such year; the database refuses it)',
        'k',
        { requestedStartDate: '0000-12-01' },
        'requestedStartDate',
      ],
      ['an unknown field', 'k', { favouriteColour: 'teal' }, 'favouriteColour'],
      ['no patient at all', 'k', { patient: undefined }, 'patient'],
      ['no servicing provider', 'k', { servicingProvider: undefined }, 'servicingProvider'],
    ])('refuses %s with a 400 naming the field, and writes nothing', async (_label, key, overrides, field) => {
      const before = await sandbox.query<{ n: string }>('SELECT count(*) AS n FROM preauth_requests');
      const post = http().post('/v1/preauths').set(billing);
      if (key !== null) void post.set('idempotency-key', randomUUID());
      const response = await post.send(preauthRequestBody(plans.sandbox, overrides)).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(fieldsOf(response.body)).toContain(field);
      const after = await sandbox.query<{ n: string }>('SELECT count(*) AS n FROM preauth_requests');
      expect(after[0]?.n).toBe(before[0]?.n);
    });

    describe('implausible requests (dates relative to today)', () => {
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const patient = (dateOfBirth: string) => ({ firstName: 'Avery', lastName: 'Q', dateOfBirth, sex: 'F' });
      const near = { requestedStartDate: day(1), requestedEndDate: day(56) };

      it.each([
        ['a birth date tomorrow', { ...near, patient: patient(day(1)) }, 'patient.dateOfBirth'],
        ['a birth date before 1900', { ...near, patient: patient('1899-12-31') }, 'patient.dateOfBirth'],
        [
          'a start two years back',
          { requestedStartDate: day(-730), requestedEndDate: day(-675) },
          'requestedStartDate',
        ],
        ['an end decades ahead', { requestedStartDate: day(1), requestedEndDate: day(20 * 365) }, 'requestedEndDate'],
        [
          'a pattern with fewer days than asked',
          { ...near, deliveryPattern: { daysPerWeek: 1, weeks: 8 } },
          'deliveryPattern',
        ],
      ])('refuses %s with a 400 naming the field, and writes nothing', async (_label, overrides, field) => {
        const response = await http()
          .post('/v1/preauths')
          .set(billing)
          .set('idempotency-key', randomUUID())
          .send(preauthRequestBody(plans.manual, overrides))
          .expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
      });

      it('refuses a procedure code not usual for the level (H0015 on detox) with 422, unless confirmed', async () => {
        const detox = {
          ...near,
          levelOfCare: 'detox',
          deliveryPattern: null,
          serviceLines: [{ procedureCode: 'H0015', units: 5, unitType: 'day' }],
        };
        const post = (body: Record<string, unknown>) =>
          http().post('/v1/preauths').set(billing).set('idempotency-key', randomUUID()).send(body);
        const refused = await post(preauthRequestBody(plans.manual, detox)).expect(422);
        expect(refused.body).toMatchObject({ statusCode: 422, code: 'procedure_code_not_for_level' });
        expect(fieldsOf(refused.body)).toEqual(['serviceLines.0.procedureCode']);
        await post(preauthRequestBody(plans.manual, { ...detox, procedureCodesConfirmed: true })).expect(202);
      });
    });

    it('keeps PHI encrypted at rest and out of the job payload', async () => {
      const accepted = await submit(plans.manual, { memberId: 'PHICHECK123' });
      const [row] = await sandbox.query<Record<string, string>>(
        'SELECT patient, member_id, diagnoses, clinical_summary FROM preauth_requests WHERE id = $1',
        [accepted.id],
      );
      const raw = JSON.stringify(row);
      for (const secret of ['Quinnfield', 'PHICHECK123', 'F10.20', 'PHQ-9', '1988-03-14'])
        expect(raw).not.toContain(secret);
      const events = await sandbox.query<{ type: string; to_status: string }>(
        'SELECT type, to_status FROM preauth_events WHERE preauth_id = $1 ORDER BY sequence',
        [accepted.id],
      );
      expect(events[0]).toEqual({ type: 'status_changed', to_status: 'queued' });
      const audit = await sandbox.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`,
        [accepted.id],
      );
      expect(audit.map((a) => a.action)).toContain('preauth.write_phi');
    });
  });

  describe('through the sandbox payer to each decision', () => {
    it('approves in total: authorization number, units and dates recorded', async () => {
      const accepted = await submit(plans.sandbox);
      const body = await settled(accepted.id, 'approved');
      expect(body.authorization).toMatchObject({
        approvedUnits: 24,
        unitType: 'day',
        validFrom: REQUESTED_START,
        validTo: REQUESTED_END,
        usedUnits: 0,
        remainingUnits: 24,
      });
      expect(body.authorization.authorizationNumber).toEqual(expect.any(String));
      expect(body.decidedAt).toEqual(expect.any(String));
      expect(body.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['queued', 'submitted', 'approved']);
      expect(body.patient.lastName).toBe('Quinnfield');
      const record = await simRecord(accepted.traceNumber);
      expect(record).toMatchObject({ created: 1, deliveries: 1 });
    });

    it('approves part of the units', async () => {
      const body = await settled((await submit(plans.sandbox, { memberId: 'PART1001' })).id, 'partially_approved');
      expect(body.authorization.approvedUnits).toBe(12);
    });

    it('denies with the payer reason', async () => {
      const body = await settled((await submit(plans.sandbox, { memberId: 'DENY1001' })).id, 'denied');
      expect(body.statusReason.code).toEqual(expect.any(String));
      expect(body.authorization).toBeNull();
    });

    it('records "no authorization required"', async () => {
      await settled((await submit(plans.sandbox, { memberId: 'NOAUTH1001' })).id, 'no_auth_required');
    });

    it('pends for more information', async () => {
      await settled((await submit(plans.sandbox, { memberId: 'PEND1001' })).id, 'pended');
    });

    it('marks a request the payer refuses as rejected, with its reason, without retrying', async () => {
      const accepted = await submit(plans.sandbox, { memberId: 'REJECT1001' });
      const body = await settled(accepted.id, 'rejected');
      expect(body.statusReason.code).toBe('member_not_found');
      expect(body.submissions[0]).toMatchObject({ state: 'rejected', attempts: 1 });
    });

    it('retries a flaky payer with backoff until it answers', async () => {
      const accepted = await submit(plans.sandbox, { memberId: 'FLAKY1001' });
      const body = await settled(accepted.id, 'approved');
      expect(body.submissions[0].attempts).toBe(3);
      expect(body.events.filter((e: { type: string }) => e.type === 'delivery_attempt_failed')).toHaveLength(2);
      expect(await simRecord(accepted.traceNumber)).toMatchObject({ created: 1, deliveries: 3 });
    });

    it('gives up after the last attempt (submission_failed), and a staff retry sends the same trace number again', async () => {
      const accepted = await submit(plans.sandbox, { memberId: 'FAIL1001' });
      const failed = await settled(accepted.id, 'submission_failed');
      expect(failed.submissions[0]).toMatchObject({ state: 'failed', attempts: 3 });
      expect(failed.statusReason.text).toMatch(/503/);
      // The outage ends: the next delivery is approved.
      await request(sim.url)
        .put('/v1/sim/rules')
        .set('authorization', `Bearer ${SIM_TOKEN}`)
        .send({ rules: [{ name: 'approve', outcome: 'approve' }] })
        .expect(200);
      try {
        await http().post(`/v1/preauths/${accepted.id}/retry`).set(billing).expect(202);
        const retried = await settled(accepted.id, 'approved');
        expect(retried.submissions).toHaveLength(1);
        expect(retried.submissions[0].traceNumber).toBe(accepted.traceNumber);
      } finally {
        await request(sim.url).post('/v1/sim/reset').set('authorization', `Bearer ${SIM_TOKEN}`);
      }
      await http().post(`/v1/preauths/${accepted.id}/retry`).set(billing).expect(409);
    });
  });

  describe('X12 and manual payers', () => {
    it('sends a valid 278 to an X12 payer, reads its 278 answer, and shows the 278 sent', async () => {
      const accepted = await submit(plans.x12);
      const body = await settled(accepted.id, 'approved');
      expect(body.authorization.approvedUnits).toBe(24);
      const x12 = await http().get(`/v1/preauths/${accepted.id}/x12`).set(billing).expect(200);
      expect(x12.headers['content-type']).toMatch(/application\/edi-x12/);
      // The strict parser checks the envelope: counts and control numbers.
      const interchange = new X12Parser(true).parse(x12.text) as {
        functionalGroups: { transactions: { segments: { tag: string }[] }[] }[];
      };
      const tags = interchange.functionalGroups[0]?.transactions[0]?.segments.map((segment) => segment.tag) ?? [];
      expect(tags.slice(0, 2)).toEqual(['BHT', 'HL']);
      expect(tags).toEqual(expect.arrayContaining(['UM', 'HI', 'DTP', 'HSD', 'SV2']));
      expect(x12.text).toContain(`BHT*0007*13*${accepted.traceNumber}`);
      expect(x12.text).toContain('UM*HS*I*');
    });

    it('has no 278 to show for a sandbox request (404)', async () => {
      const accepted = await submit(plans.manual);
      const response = await http().get(`/v1/preauths/${accepted.id}/x12`).set(billing).expect(404);
      expect(response.body.code).toBe('not_found');
    });

    it('sends nothing to a manual payer; staff record its answer, and an illegal second answer is a 409', async () => {
      const accepted = await submit(plans.manual);
      await settled(accepted.id, 'submitted');
      const decided = await http()
        .post(`/v1/preauths/${accepted.id}/decision`)
        .set(billing)
        .send({
          action: 'A2',
          authorizationNumber: 'PHONE-77',
          approvedUnits: 10,
          validTo: addDays(REQUESTED_START, 30),
        })
        .expect(200);
      expect(decided.body).toMatchObject({
        status: 'partially_approved',
        authorization: {
          authorizationNumber: 'PHONE-77',
          approvedUnits: 10,
          validFrom: REQUESTED_START,
          validTo: addDays(REQUESTED_START, 30),
        },
      });
      const again = await http()
        .post(`/v1/preauths/${accepted.id}/decision`)
        .set(billing)
        .send({ action: 'A3' })
        .expect(409);
      expect(again.body.code).toBe('preauth_illegal_transition');
      await http().post(`/v1/preauths/${accepted.id}/decision`).set(billing).send({ action: 'ZZ' }).expect(400);
      const partial = await submit(plans.manual);
      await settled(partial.id, 'submitted');
      const missingUnits = await http()
        .post(`/v1/preauths/${partial.id}/decision`)
        .set(billing)
        .send({ action: 'A2' })
        .expect(400);
      expect(fieldsOf(missingUnits.body)).toEqual(['approvedUnits']);
    });
  });

  describe('decision checks', () => {
    it('refuses an impossible staff decision with a 400 naming each field, and changes nothing', async () => {
      const accepted = await submit(plans.manual);
      await settled(accepted.id, 'submitted');
      const decide = (body: Record<string, unknown>) =>
        http().post(`/v1/preauths/${accepted.id}/decision`).set(billing).send(body);
      const inTenYears = new Date(Date.now() + 10 * 365 * 86_400_000).toISOString();
      const cases: [Record<string, unknown>, string][] = [
        [{ action: 'A1', authorizationNumber: 'AUTH-F1', decidedAt: inTenYears }, 'decidedAt'],
        [{ action: 'A4', decidedAt: new Date(Date.now() - 86_400_000).toISOString() }, 'decidedAt'],
        [{ action: 'A1', authorizationNumber: 'AUTH-F2', approvedUnits: 999 }, 'approvedUnits'],
        [{ action: 'A1', approvedUnits: 24 }, 'authorizationNumber'],
        [{ action: 'A1', authorizationNumber: 'AUTH-F3', validFrom: '2020-01-01', validTo: '2020-03-31' }, 'validTo'],
        [
          {
            action: 'A1',
            authorizationNumber: 'AUTH-F4',
            validFrom: addDays(REQUESTED_START, 9),
            validTo: REQUESTED_START,
          },
          'validTo',
        ],
      ];
      for (const [body, field] of cases) {
        const response = await decide(body);
        expect({ body, status: response.status, fields: fieldsOf(response.body) }).toEqual({
          body,
          status: 400,
          fields: [field],
        });
      }
      expect((await detail(accepted.id)).status).toBe('submitted');
      // More than asked is recorded when staff confirm the payer really granted it.
      const confirmed = await decide({
        action: 'A1',
        authorizationNumber: 'AUTH-F5',
        approvedUnits: 30,
        exceedsRequested: true,
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.authorization).toMatchObject({ approvedUnits: 30, authorizationNumber: 'AUTH-F5' });
    });
  });

  describe('tracking an authorization', () => {
    it('counts units used, flags concurrent review, extends through the payer, then cancels', async () => {
      const accepted = await submit(plans.sandbox, {
        serviceLines: [{ procedureCode: 'H0015', units: 10, unitType: 'day' }],
        deliveryPattern: null,
      });
      await settled(accepted.id, 'approved');
      for (let day = 1; day <= 7; day += 1) {
        await http()
          .post(`/v1/preauths/${accepted.id}/utilization`)
          .set(billing)
          .send({ serviceDate: addDays(REQUESTED_START, day - 1), units: 1 })
          .expect(200);
      }
      const flagged = await detail(accepted.id);
      expect(flagged.authorization).toMatchObject({ usedUnits: 7, remainingUnits: 3 });
      expect(flagged.needsReview).toBe(true);
      expect(flagged.reviewReasons).toContain('units_running_out');
      const listed = await http().get('/v1/preauths?needsReview=true').set(billing).expect(200);
      expect(listed.body.data.map((i: { id: string }) => i.id)).toContain(accepted.id);

      const duplicate = await http()
        .post(`/v1/preauths/${accepted.id}/utilization`)
        .set(billing)
        .send({ serviceDate: REQUESTED_START, units: 1 })
        .expect(409);
      expect(duplicate.body.code).toBe('conflict');
      const outside = await http()
        .post(`/v1/preauths/${accepted.id}/utilization`)
        .set(billing)
        .send({ serviceDate: addDays(REQUESTED_START, 90), units: 1 })
        .expect(400);
      expect(fieldsOf(outside.body)).toEqual(['serviceDate']);

      await http()
        .post(`/v1/preauths/${accepted.id}/extensions`)
        .set(billing)
        .send({ additionalUnits: 10, endDate: addDays(REQUESTED_START, 89) })
        .expect(202);
      const extended = await settled(accepted.id, 'approved');
      expect(extended.authorization).toMatchObject({
        approvedUnits: 20,
        validTo: addDays(REQUESTED_START, 89),
        remainingUnits: 13,
      });
      expect(extended.needsReview).toBe(false);
      expect(extended.submissions.map((s: { kind: string }) => s.kind)).toEqual(['initial', 'extension']);
      expect(extended.events.map((e: { toStatus: string; type: string }) => e.toStatus)).toEqual(
        expect.arrayContaining(['extension_queued', 'extension_submitted', 'approved']),
      );

      const cancelled = await http()
        .post(`/v1/preauths/${accepted.id}/cancel`)
        .set(billing)
        .send({ reason: 'Discharged early' })
        .expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      const withCancellation = await eventually(async () => {
        const body = await detail(accepted.id);
        const cancel = body.submissions.find((s: { kind: string }) => s.kind === 'cancel');
        if (cancel?.state !== 'sent') throw new Error('cancellation not sent yet');
        return cancel as { traceNumber: string };
      }, 20_000);
      expect((await simRecord(withCancellation.traceNumber)).decision.action).toBe('C');
      await http().post(`/v1/preauths/${accepted.id}/cancel`).set(billing).send({}).expect(409);
      await http()
        .post(`/v1/preauths/${accepted.id}/utilization`)
        .set(billing)
        .send({ serviceDate: addDays(REQUESTED_START, 8), units: 1 })
        .expect(409);
    });

    it('refuses impossible utilization, records overuse only when confirmed, and reverses a wrong entry', async () => {
      const accepted = await submit(plans.manual);
      await settled(accepted.id, 'submitted');
      const approved = await http()
        .post(`/v1/preauths/${accepted.id}/decision`)
        .set(billing)
        .send({ action: 'A2', authorizationNumber: 'AUTH-U1', approvedUnits: 3 })
        .expect(200);
      const validFrom = approved.body.authorization.validFrom as string;
      const dayAfterStart = (offset: number) =>
        new Date(Date.parse(validFrom) + offset * 86_400_000).toISOString().slice(0, 10);
      const use = (body: Record<string, unknown>) =>
        http().post(`/v1/preauths/${accepted.id}/utilization`).set(billing).send(body);

      const twoDaysOnOneDate = await use({ serviceDate: dayAfterStart(0), units: 2 }).expect(400);
      expect(fieldsOf(twoDaysOnOneDate.body)).toEqual(['units']);
      for (const offset of [0, 1, 2]) await use({ serviceDate: dayAfterStart(offset), units: 1 }).expect(200);
      const over = await use({ serviceDate: dayAfterStart(3), units: 1 }).expect(422);
      expect(over.body).toMatchObject({
        code: 'utilization_over_authorization',
        details: { approvedUnits: 3, usedUnits: 3 },
      });
      const confirmed = await use({ serviceDate: dayAfterStart(3), units: 1, overAuthorization: true }).expect(200);
      expect(confirmed.body.authorization).toMatchObject({
        usedUnits: 4,
        remainingUnits: 0,
        unitsOverAuthorization: 1,
      });

      const recorded = await detail(accepted.id);
      expect(recorded.utilization.map((u: { overAuthorization: boolean }) => u.overAuthorization)).toEqual([
        false,
        false,
        false,
        true,
      ]);
      const wrong = recorded.utilization[0] as { id: string; serviceDate: string };
      const reverse = (entryId: string, body: Record<string, unknown> = { reason: 'Entered on the wrong date' }) =>
        http().post(`/v1/preauths/${accepted.id}/utilization/${entryId}/reversal`).set(billing).send(body);
      const reversed = await reverse(wrong.id).expect(200);
      expect(reversed.body.authorization).toMatchObject({ usedUnits: 3, unitsOverAuthorization: 0 });
      expect((await reverse(wrong.id).expect(409)).body.code).toBe('conflict');
      expect(fieldsOf((await reverse(wrong.id, {}).expect(400)).body)).toEqual(['reason']);
      expect((await reverse(randomUUID()).expect(404)).body.code).toBe('not_found');
      // The date is free again; the reversed entry stays on the record with its reason.
      await use({ serviceDate: wrong.serviceDate, units: 1, overAuthorization: true }).expect(200);
      const corrected = await detail(accepted.id);
      expect(corrected.utilization.filter((u: { reversal: unknown }) => u.reversal !== null)).toEqual([
        expect.objectContaining({
          id: wrong.id,
          reversal: expect.objectContaining({ reason: 'Entered on the wrong date' }),
        }),
      ]);
      expect(corrected.events.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['utilization_over_authorization', 'utilization_reversed']),
      );
    });

    it('refuses an extension of a request that is not approved (409) and unknown ids (404)', async () => {
      const accepted = await submit(plans.manual);
      const refused = await http()
        .post(`/v1/preauths/${accepted.id}/extensions`)
        .set(billing)
        .send({ additionalUnits: 5, endDate: addDays(REQUESTED_START, 90) })
        .expect(409);
      expect(refused.body.code).toBe('preauth_illegal_transition');
      await http().get(`/v1/preauths/${randomUUID()}`).set(billing).expect(404);
      await http().get('/v1/preauths/not-a-uuid').set(billing).expect(400);
    });

    it('marks a late decision overdue (sweep) and lists it', async () => {
      const accepted = await submit(plans.manual);
      await settled(accepted.id, 'submitted');
      await sandbox.query(`UPDATE preauth_requests SET decision_due_at = now() - interval '1 hour' WHERE id = $1`, [
        accepted.id,
      ]);
      const overdue = await eventually(async () => {
        const body = await detail(accepted.id);
        if (!body.overdue) throw new Error('not overdue yet');
        return body;
      }, 15_000);
      expect(overdue.events.map((e: { type: string }) => e.type)).toContain('decision_overdue');
      const listed = await http().get('/v1/preauths?overdue=true&status=submitted').set(billing).expect(200);
      expect(listed.body.data.map((i: { id: string }) => i.id)).toContain(accepted.id);
      expect(
        listed.body.data.every((i: { overdue: boolean; status: string }) => i.overdue && i.status === 'submitted'),
      ).toBe(true);
    });

    it('pages the work list by decision due time with a cursor, without PHI', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let previousDue = '';
      do {
        const page: request.Response = await http()
          .get('/v1/preauths')
          .query({ limit: 3, ...(cursor === null ? {} : { cursor }) })
          .set(billing)
          .expect(200);
        for (const item of page.body.data as { id: string; decisionDueAt: string; patient?: unknown }[]) {
          expect(item.patient).toBeUndefined();
          expect(item.decisionDueAt >= previousDue).toBe(true);
          previousDue = item.decisionDueAt;
          seen.push(item.id);
        }
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      const [{ n }] = await sandbox.query<{ n: string }>('SELECT count(*) AS n FROM preauth_requests');
      expect(seen).toHaveLength(Number(n));
      expect(new Set(seen).size).toBe(seen.length);
      await http().get('/v1/preauths?cursor=garbage').set(billing).expect(400);
      await http().get('/v1/preauths?status=bogus').set(billing).expect(400);
      await http().get('/v1/preauths?overdue=maybe').set(billing).expect(400);
    });

    it('reports payer turnaround per payer and urgency', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const report = await http()
        .get(`/v1/reports/payer-turnaround?from=${today}&to=${today}`)
        .set(billing)
        .expect(200);
      expect(report.body).toMatchObject({ from: today, to: today, nextCursor: null });
      const rows = report.body.data as {
        payer: { id: string };
        urgency: string;
        requests: number;
        decided: number;
        approved: number;
        denied: number;
        approvedAfterExtension: number;
        approvedPercent: number | null;
        medianDecisionHours: number | null;
      }[];
      const [counts] = await sandbox.query<{ n: string }>('SELECT count(*) AS n FROM preauth_requests');
      expect(rows.reduce((sum, row) => sum + row.requests, 0)).toBe(Number(counts?.n));
      const sandboxRow = rows.find((row) => row.urgency === 'standard' && row.approved > 0 && row.denied > 0);
      expect(sandboxRow).toBeDefined();
      expect(sandboxRow?.approvedAfterExtension).toBe(1);
      expect(sandboxRow?.medianDecisionHours).toEqual(expect.any(Number));
      await http().get('/v1/reports/payer-turnaround?from=2026-12-31&to=2026-01-01').set(billing).expect(400);
      await http().get('/v1/reports/payer-turnaround?from=yesterday&to=2026-01-01').set(billing).expect(400);
    });
  });
});
