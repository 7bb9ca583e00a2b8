import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { findFreePort } from '../libs/common/src/process/free-port';
import { payerBody, planBody } from './support/catalog-factories';
import { eventually } from './support/eventually';
import { type RunningPayerSim, startPayerSim } from './support/payer-sim';
import { preauthRequestBody } from './support/preauth-factories';
import type { ServiceUnderTest } from './support/service-process';
import { createSandbox, type RunningApi, type Sandbox, startApi, startWorker } from './support/test-stack';

/** Values nobody should ever find in a log: recognizable patient data and secrets. */
const PATIENT = {
  patientName: 'Ophelia Wrenfield-Dasgupta',
  dateOfBirth: '1979-11-03',
  /** `PEND`: the sandbox payer pends it, then calls back with the approval. */
  memberId: 'PENDQXW5551234987',
  diagnosis: 'F10.239',
  clinicalSummary: 'Reports nightly benzodiazepine use; prior detox at Lakeside 2023',
};

const SIM_TOKEN = 'sim-log-safety-token';

describe('Logs never carry PHI or secrets (API, worker and sandbox payer at debug level)', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let worker: ServiceUnderTest;
  let sim: RunningPayerSim;
  const payerCode = `logs-${randomUUID().slice(0, 6)}`;
  const payerSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const secrets: string[] = [];

  beforeAll(async () => {
    const apiPort = await findFreePort();
    sandbox = await createSandbox('logs', { LOG_LEVEL: 'debug', CATALOG_REFRESH_SECONDS: '1', PORT: String(apiPort) });
    sim = await startPayerSim({
      LOG_LEVEL: 'debug',
      PAYER_SIM_ADMIN_TOKEN: SIM_TOKEN,
      PAYER_SIM_CALLBACK_URL: `http://127.0.0.1:${apiPort}`,
      PAYER_SIM_WEBHOOK_SECRETS: `${payerCode}=${payerSecret}`,
    });
    await request(sim.url)
      .put('/v1/sim/rules')
      .set('authorization', `Bearer ${SIM_TOKEN}`)
      .send({ rules: [{ when: { memberIdPrefix: 'PEND' }, outcome: 'pend_then_approve', pendForMs: 500 }] })
      .expect(200);
    sandbox.env.SANDBOX_PAYER_URL = sim.url;
    api = await startApi(sandbox.env);
    worker = await startWorker(sandbox.env, 'debug');
    secrets.push(
      sandbox.adminKey,
      sandbox.env.PHI_ENCRYPTION_KEYS ?? '',
      sandbox.env.PHI_BLIND_INDEX_KEY ?? '',
      payerSecret,
      SIM_TOKEN,
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.process.stop(), worker?.stop(), sim?.process.stop()]);
  });

  it('keeps every patient value and key out of the captured output', async () => {
    const admin = { authorization: `Bearer ${sandbox.adminKey}` };
    const http = () => request(api.url);
    const requestIds: string[] = [];
    const tagged = (id: string) => {
      requestIds.push(id);
      return { 'x-request-id': id };
    };

    // A new key's secret, and its use.
    const created = await http()
      .post('/v1/api-keys')
      .set(admin)
      .set(tagged('log-create-key'))
      .send({ name: 'Billing UI', role: 'billing' })
      .expect(201);
    secrets.push(created.body.key as string);
    await http()
      .get('/v1/me')
      .set({ authorization: `Bearer ${created.body.key}` })
      .set(tagged('log-use-key'))
      .expect(200);

    // Patient values in a body the API refuses, in a query string, in headers, in malformed JSON.
    await http().post('/v1/api-keys').set(admin).set(tagged('log-phi-body')).send(PATIENT).expect(400);
    await http()
      .get(`/v1/audit-events?memberId=${PATIENT.memberId}&patientName=${encodeURIComponent(PATIENT.patientName)}`)
      .set(admin)
      .set(tagged('log-phi-query'))
      .expect(400);
    await http()
      .get(`/v1/audit-events?subjectId=${PATIENT.memberId}`)
      .set(admin)
      .set(tagged('log-phi-filter'))
      .expect(200);
    await http()
      .post('/v1/api-keys')
      .set(admin)
      .set(tagged('log-phi-malformed'))
      .set('content-type', 'application/json')
      .send(`{"patientName": "${PATIENT.patientName}", "dateOfBirth": ${PATIENT.dateOfBirth}}`)
      .expect(400);
    await http()
      .get('/v1/me')
      .set({ authorization: `Bearer ${PATIENT.memberId}`, 'x-patient-name': PATIENT.patientName })
      .set(tagged('log-phi-header'))
      .expect(401);
    await http()
      .get('/v1/me')
      .set({ authorization: `Bearer cnt_admin_${PATIENT.clinicalSummary.replace(/\W/g, '')}` })
      .set(tagged('log-forged-key'))
      .expect(401);

    // A real PHI write and reads: a Good Faith Estimate with this patient, its JSON and its document.
    const gfe = await http()
      .post('/v1/good-faith-estimates')
      .set(admin)
      .set(tagged('log-gfe-create'))
      .send({
        patient: { name: PATIENT.patientName, dateOfBirth: PATIENT.dateOfBirth },
        primaryService: { description: 'Intensive outpatient program', serviceCode: 'H0015' },
        diagnosisCodes: [PATIENT.diagnosis],
        providers: [
          {
            name: 'Harborview Recovery Center',
            npi: '1234567893',
            tin: '123456789',
            location: { line1: '1 Main St', city: 'Albany', state: 'NY', postalCode: '12207' },
            items: [{ description: 'IOP day', serviceCode: 'H0015', units: 36, unitChargeCents: 15_000 }],
          },
        ],
      })
      .expect(201);
    await http()
      .get(`/v1/good-faith-estimates/${gfe.body.id as string}`)
      .set(admin)
      .set(tagged('log-gfe-read'))
      .expect(200);
    await http()
      .get(`/v1/good-faith-estimates/${gfe.body.id as string}/document`)
      .set(admin)
      .set(tagged('log-gfe-document'))
      .expect(200);

    // Through the worker: a job crosses Redis and runs there.
    await http().post('/v1/system/queue-probe').set(admin).set(tagged('log-worker-probe')).expect(200);
    await worker.waitForOutput(/log-worker-probe/, 10_000);

    // A pre-auth with this patient through the worker to the sandbox payer, which pends it and calls back
    // (signed) with the approval: the request and the callback cross every process.
    const payer = await http()
      .post('/v1/payers')
      .set(admin)
      .send(payerBody({ code: payerCode, connectionType: 'sandbox', endpointUrl: null, webhookSecrets: [payerSecret] }))
      .expect(201);
    const plan = await http()
      .post('/v1/plans')
      .set(admin)
      .send(planBody(payer.body.id as string))
      .expect(201);
    const [firstName, lastName] = PATIENT.patientName.split(' ');
    const accepted = await http()
      .post('/v1/preauths')
      .set(admin)
      .set(tagged('log-preauth-submit'))
      .set('idempotency-key', randomUUID())
      .send(
        preauthRequestBody(plan.body.id as string, {
          patient: { firstName, lastName, dateOfBirth: PATIENT.dateOfBirth, sex: 'F' },
          memberId: PATIENT.memberId,
          diagnoses: [PATIENT.diagnosis],
          clinicalSummary: PATIENT.clinicalSummary,
        }),
      )
      .expect(202);
    await eventually(async () => {
      const [row] = await sandbox.query<{ status: string }>(
        `SELECT e.status FROM payer_events e WHERE e.trace_number = $1`,
        [accepted.body.traceNumber],
      );
      if (row?.status !== 'applied') throw new Error(`payer callback ${row?.status ?? 'not received'} yet`);
    }, 20_000);
    await http()
      .get(`/v1/preauths/${accepted.body.id as string}`)
      .set(admin)
      .set(tagged('log-preauth-read'))
      .expect(200);

    // Logs are written asynchronously: wait for the last request's line before reading the capture.
    await api.process.waitForOutput(/log-preauth-read/, 10_000);
    const output = `${api.process.text}\n${worker.text}\n${sim.process.text}`;
    // The payer sandbox's capture is real too: it logged the submission and its callback.
    expect(sim.process.text).toContain(String(accepted.body.traceNumber));
    // The capture is real: every request above left its line.
    for (const id of requestIds) expect(output).toContain(id);
    for (const value of [...Object.values(PATIENT), ...secrets]) {
      expect({ leaked: value, found: output.includes(value) }).toEqual({ leaked: value, found: false });
    }
    // Not even fragments: the distinctive parts of the name and member id.
    expect(output).not.toMatch(/Wrenfield|Dasgupta|5551234987|benzodiazepine/);
  });
});
