import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { readDemoCatalog } from '../libs/catalog/src/demo-catalog';
import { planBody, payerBody } from './support/catalog-factories';
import { eventually } from './support/eventually';
import { type RunningPayerSim, startPayerSim } from './support/payer-sim';
import { preauthRequestBody } from './support/preauth-factories';
import type { ServiceUnderTest } from './support/service-process';
import { createSandbox, type RunningApi, type Sandbox, startApi, startWorker } from './support/test-stack';

const SIM_TOKEN = 'sim-test-token';

/** The outbound URL policy on payer endpoints: refused when saved (422), and at connect time by the worker. */
describe('Outbound URLs: payer endpoints', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let worker: ServiceUnderTest;
  let sim: RunningPayerSim;
  /** The sandbox payer's `host:port`: the only allow-listed destination here. */
  let simHost: string;

  const http = () => request(api.url);
  const admin = () => ({ authorization: `Bearer ${sandbox.adminKey}` });
  const fieldErrors = (body: unknown) =>
    (body as { details: { fields: { field: string; messages: string[] }[] } }).details.fields;

  beforeAll(async () => {
    sandbox = await createSandbox('outbound', {
      PREAUTH_SUBMIT_ATTEMPTS: '5',
      PREAUTH_SUBMIT_BACKOFF_MS: '100',
      OUTBOX_REDRIVE_SECONDS: '1',
    });
    sim = await startPayerSim({ PAYER_SIM_ADMIN_TOKEN: SIM_TOKEN, PAYER_SIM_CALLBACK_URL: 'http://127.0.0.1:9' });
    simHost = new URL(sim.url).host;
    sandbox.env.OUTBOUND_ALLOWED_HOSTS = simHost;
    api = await startApi(sandbox.env);
    worker = await startWorker(sandbox.env);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.process.stop(), worker?.stop(), sim?.process.stop()]);
  });

  describe('when a payer is saved', () => {
    it.each([
      ['https://169.254.169.254/latest/meta-data/', 'is a link-local address (such as cloud metadata)'],
      ['https://10.0.0.5/278', 'is a private address'],
      ['https://192.168.1.10/278', 'is a private address'],
      ['https://127.0.0.1/278', 'is a loopback address'],
      ['https://[::1]/278', 'is a loopback address'],
      ['https://[fd00::7]/278', 'is a unique local (private) address'],
      ['https://[::ffff:169.254.169.254]/278', 'is a link-local address'],
      ['https://localhost/278', 'is this machine'],
      ['http://payer.example/278', 'must use https'],
      ['https://user:secret@payer.example/278', 'must not contain a username or password'],
    ])('refuses endpointUrl %s with 422 naming the field and why', async (endpointUrl, why) => {
      const response = await http()
        .post('/v1/payers')
        .set(admin())
        .send(payerBody({ connectionType: 'x12', endpointUrl }))
        .expect(422);
      expect(response.body).toMatchObject({ statusCode: 422, code: expect.any(String), message: expect.any(String) });
      expect(fieldErrors(response.body)).toEqual([{ field: 'endpointUrl', messages: [expect.stringContaining(why)] }]);
    });

    it('refuses a PATCH to a private endpoint and keeps the old one', async () => {
      const endpointUrl = `${sim.url}/v1/payers/x/x12/278`;
      const created = await http()
        .post('/v1/payers')
        .set(admin())
        .send(payerBody({ connectionType: 'x12', endpointUrl }))
        .expect(201);
      const response = await http()
        .patch(`/v1/payers/${created.body.id}`)
        .set(admin())
        .send({ endpointUrl: 'https://169.254.169.254/latest/meta-data/' })
        .expect(422);
      expect(fieldErrors(response.body).map((f) => f.field)).toEqual(['endpointUrl']);
      const after = await http().get(`/v1/payers/${created.body.id}`).set(admin()).expect(200);
      expect(after.body.endpointUrl).toBe(endpointUrl);
    });

    it('refuses a catalog import with a private payer endpoint, naming the payer', async () => {
      const document = readDemoCatalog();
      // bluepeak-health, a sandbox payer (an endpoint is optional for it).
      const index = document.payers.findIndex((payer) => payer.code === 'bluepeak-health');
      const payer = document.payers[index];
      if (payer === undefined) throw new Error('the demo catalog has no bluepeak-health payer');
      document.payers[index] = { ...payer, endpointUrl: 'https://10.1.2.3/preauths' };
      const response = await http().put('/v1/catalog').set(admin()).send(document).expect(422);
      expect(fieldErrors(response.body)).toEqual([
        { field: `payers[${index}].endpointUrl`, messages: [expect.stringContaining('is a private address')] },
      ]);
      // Nothing of the document was written.
      await http().get(`/v1/payers/${payer.code}`).set(admin()).expect(404);
    });

    it('accepts the allow-listed host:port over http, and not another port of that host', async () => {
      await http()
        .post('/v1/payers')
        .set(admin())
        .send(payerBody({ connectionType: 'x12', endpointUrl: `http://${simHost}/v1/payers/x/x12/278` }))
        .expect(201);
      const otherPort = Number(new URL(sim.url).port) === 9 ? 10 : 9;
      await http()
        .post('/v1/payers')
        .set(admin())
        .send(payerBody({ connectionType: 'x12', endpointUrl: `http://127.0.0.1:${otherPort}/278` }))
        .expect(422);
    });
  });

  describe('when the worker sends', () => {
    it('refuses at connect time a host that resolves to loopback, fails the request at once and logs no PHI', async () => {
      const payer = await http().post('/v1/payers').set(admin()).send(payerBody()).expect(201);
      const plan = await http().post('/v1/plans').set(admin()).send(planBody(payer.body.id)).expect(201);
      // A payer saved before the policy existed (or whose name resolved elsewhere then): `localhost` is
      // 127.0.0.1 here, and only the sandbox payer's 127.0.0.1:<port> is allow-listed, not `localhost`.
      const code = payer.body.code as string;
      await sandbox.query(`UPDATE payers SET endpoint_url = $1 WHERE id = $2`, [
        `http://localhost:${new URL(sim.url).port}/v1/payers/${code}/preauths`,
        payer.body.id,
      ]);
      const key = await http().post('/v1/api-keys').set(admin()).send({ name: 'billing', role: 'billing' }).expect(201);
      const billing = { authorization: `Bearer ${key.body.key as string}` };
      const body = preauthRequestBody(plan.body.id as string);

      const accepted = await http()
        .post('/v1/preauths')
        .set(billing)
        .set('idempotency-key', randomUUID())
        .send(body)
        .expect(202);

      const failed = await eventually(async () => {
        const detail = (
          await http()
            .get(`/v1/preauths/${accepted.body.id as string}`)
            .set(billing)
            .expect(200)
        ).body;
        if (detail.status !== 'submission_failed') throw new Error(`status ${detail.status as string}`);
        return detail as {
          statusReason: { code: string; text: string };
          submissions: { state: string; attempts: number }[];
        };
      });
      expect(failed.statusReason.text).toMatch(/^refused: (127\.0\.0\.1|::1) is not a public address$/);
      // Not retried: one attempt, although five were allowed.
      expect(failed.submissions[0]).toMatchObject({ state: 'failed', attempts: 1 });
      // Nothing reached the payer.
      await request(sim.url)
        .get(`/v1/sim/submissions/${accepted.body.traceNumber as string}`)
        .set('authorization', `Bearer ${SIM_TOKEN}`)
        .expect(404);
      const logged = worker.text;
      expect(logged).toMatch(/payer endpoint refused; not retried/);
      const patient = body.patient as { firstName: string; lastName: string };
      for (const phi of [body.memberId as string, patient.firstName, patient.lastName]) {
        expect(logged).not.toContain(phi);
      }
    });
  });
});
