import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import request from 'supertest';
import { planBody, payerBody } from './support/catalog-factories';
import { daysFromToday } from './support/dates';
import { eventually } from './support/eventually';
import { type RunningPayerSim, startPayerSim } from './support/payer-sim';
import type { ServiceUnderTest } from './support/service-process';
import { createSandbox, type RunningApi, type Sandbox, startApi, startWorker } from './support/test-stack';

const SIM_TOKEN = 'sim-test-token';

/**
 * Sits between the worker and the sandbox payer: forwards every request at once (so the payer has it), but
 * holds the first answer for each trace number, long enough for the test to kill the worker mid-submission.
 */
class SlowFirstAnswerProxy {
  private server: Server | undefined;
  private readonly held = new Set<string>();
  constructor(
    private readonly target: string,
    private readonly holdMs: number,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const trace = /"traceNumber":"([^"]+)"/.exec(body)?.[1] ?? '';
        const hold = !this.held.has(trace);
        this.held.add(trace);
        void fetch(`${this.target}${incoming.url ?? ''}`, {
          method: incoming.method,
          headers: { 'content-type': incoming.headers['content-type'] ?? 'application/json' },
          body,
        }).then(async (answer) => {
          const text = await answer.text();
          setTimeout(
            () => {
              if (!outgoing.destroyed)
                outgoing.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
            },
            hold ? this.holdMs : 0,
          );
        });
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('Pre-authorization reliability', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let worker: ServiceUnderTest | undefined;
  let sim: RunningPayerSim;
  let proxy: SlowFirstAnswerProxy;
  let billing: Record<string, string>;
  let directPlan: string;
  let slowPlan: string;

  const http = () => request(api.url);
  const admin = () => ({ authorization: `Bearer ${sandbox.adminKey}` });
  const body = (planId: string) => ({
    patient: { firstName: 'Rowan', lastName: 'Ellisworth', dateOfBirth: '1979-07-30', sex: 'M' },
    memberId: `M${randomUUID().slice(0, 8)}`,
    planId,
    requestingProvider: { name: 'Harbor Recovery Center', npi: '1234567893' },
    servicingProvider: { name: 'Harbor Recovery Center', npi: '1234567893' },
    levelOfCare: 'residential',
    diagnoses: ['F11.20'],
    serviceLines: [{ procedureCode: 'H0018', revenueCode: '1002', units: 14, unitType: 'day' }],
    requestedStartDate: daysFromToday(-4),
    requestedEndDate: daysFromToday(9),
    urgency: 'expedited',
    clinicalSummary: 'Opioid use disorder, failed outpatient twice.',
  });
  const submit = async (planId: string) =>
    (await http().post('/v1/preauths').set(billing).set('idempotency-key', randomUUID()).send(body(planId)).expect(202))
      .body as { id: string; traceNumber: string };
  const statusOf = async (id: string) => (await http().get(`/v1/preauths/${id}`).set(billing).expect(200)).body;
  const simRecord = async (traceNumber: string) => {
    const response = await request(sim.url)
      .get(`/v1/sim/submissions/${traceNumber}`)
      .set('authorization', `Bearer ${SIM_TOKEN}`);
    return response.status === 200 ? (response.body as { created: number; deliveries: number }) : null;
  };

  beforeAll(async () => {
    sandbox = await createSandbox('preauth_reliability', {
      CATALOG_REFRESH_SECONDS: '1',
      OUTBOX_REDRIVE_SECONDS: '1',
      JOB_LOCK_SECONDS: '2',
      PREAUTH_SUBMIT_ATTEMPTS: '2',
      PREAUTH_SUBMIT_BACKOFF_MS: '100',
    });
    sim = await startPayerSim({ PAYER_SIM_ADMIN_TOKEN: SIM_TOKEN });
    proxy = new SlowFirstAnswerProxy(sim.url, 6_000);
    const proxyUrl = await proxy.start();
    sandbox.env.SANDBOX_PAYER_URL = sim.url;
    api = await startApi(sandbox.env);
    const payer = async (overrides: Record<string, unknown>) =>
      (await http().post('/v1/payers').set(admin()).send(payerBody(overrides)).expect(201)).body as {
        id: string;
        code: string;
      };
    const direct = await payer({ connectionType: 'sandbox', endpointUrl: null });
    const slowCode = `slow-${randomUUID().slice(0, 6)}`;
    const slow = await payer({
      code: slowCode,
      connectionType: 'sandbox',
      endpointUrl: `${proxyUrl}/v1/payers/${slowCode}/preauths`,
    });
    directPlan = (await http().post('/v1/plans').set(admin()).send(planBody(direct.id)).expect(201)).body.id;
    slowPlan = (await http().post('/v1/plans').set(admin()).send(planBody(slow.id)).expect(201)).body.id;
    const key = await http().post('/v1/api-keys').set(admin()).send({ name: 'billing', role: 'billing' }).expect(201);
    billing = { authorization: `Bearer ${key.body.key}` };
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.process.stop(), worker?.stop(), sim?.process.stop(), proxy?.stop()]);
  });

  it('a worker killed mid-submission leads to exactly one request at the payer', async () => {
    worker = await startWorker(sandbox.env);
    const accepted = await submit(slowPlan);
    // The payer has the request; the worker is still waiting for the (held) answer.
    await eventually(async () => {
      if ((await simRecord(accepted.traceNumber))?.created !== 1) throw new Error('not at the payer yet');
    });
    await worker.stop('SIGKILL');
    expect((await statusOf(accepted.id)).status).toBe('queued');

    worker = await startWorker(sandbox.env);
    const decided = await eventually(async () => {
      const current = await statusOf(accepted.id);
      if (current.status !== 'approved') throw new Error(`status ${current.status}`);
      return current;
    }, 30_000);
    // Sent twice (the second time after the lock lapsed), created once: the payer deduped on the trace number.
    expect(await simRecord(accepted.traceNumber)).toMatchObject({ created: 1, deliveries: 2 });
    expect(decided.events.filter((e: { toStatus: string }) => e.toStatus === 'submitted')).toHaveLength(1);
    expect(decided.submissions).toHaveLength(1);
    await worker.stop();
    worker = undefined;
  }, 60_000);

  it('requests waiting in Redis survive a flush: the outbox re-drive sends every one, once', async () => {
    const accepted = await Promise.all(Array.from({ length: 5 }, () => submit(directPlan)));
    const redis = new IORedis(sandbox.env.REDIS_URL ?? '');
    try {
      const keys = await redis.keys(`${sandbox.queuePrefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    worker = await startWorker(sandbox.env);
    for (const { id, traceNumber } of accepted) {
      await eventually(async () => {
        const current = await statusOf(id);
        if (current.status !== 'approved') throw new Error(`status ${current.status}`);
      }, 30_000);
      expect(await simRecord(traceNumber)).toMatchObject({ created: 1, deliveries: 1 });
    }
    const [{ n }] = await sandbox.query<{ n: string }>('SELECT count(*) AS n FROM job_outbox');
    expect(n).toBe('0');
    await worker.stop();
    worker = undefined;
  }, 60_000);

  it('accepts requests while Redis is unreachable and sends them once it is back', async () => {
    const offline = await startApi({ ...sandbox.env, REDIS_URL: 'redis://127.0.0.1:9' });
    let accepted: { id: string; traceNumber: string };
    try {
      const response = await request(offline.url)
        .post('/v1/preauths')
        .set(billing)
        .set('idempotency-key', randomUUID())
        .send(body(directPlan))
        .expect(202);
      accepted = response.body;
    } finally {
      await offline.process.stop();
    }
    const [row] = await sandbox.query<{ enqueued_at: Date | null }>(
      `SELECT enqueued_at FROM job_outbox WHERE payload ->> 'preauthId' = $1`,
      [accepted.id],
    );
    expect(row?.enqueued_at).toBeNull();
    worker = await startWorker(sandbox.env);
    await eventually(async () => {
      const current = await statusOf(accepted.id);
      if (current.status !== 'approved') throw new Error(`status ${current.status}`);
    }, 30_000);
    expect(await simRecord(accepted.traceNumber)).toMatchObject({ created: 1, deliveries: 1 });
    await worker.stop();
    worker = undefined;
  }, 60_000);

  it('runs again a job that failed for good while its request is still owed (a handler crash, not a payer answer)', async () => {
    const accepted = await submit(directPlan);
    // A stand-in worker whose handler throws on every attempt, as if the database had been down throughout.
    const connection = new IORedis(sandbox.env.REDIS_URL ?? '', { maxRetriesPerRequest: null });
    const inspector = new Queue('preauth', { connection, prefix: sandbox.queuePrefix });
    const crashing = new Worker(
      'preauth',
      () => {
        throw new Error('simulated crash before anything was recorded');
      },
      { connection, prefix: sandbox.queuePrefix },
    );
    try {
      await eventually(async () => {
        const [row] = await sandbox.query<{ job_id: string }>(
          `SELECT job_id FROM job_outbox WHERE payload ->> 'preauthId' = $1`,
          [accepted.id],
        );
        const job = row === undefined ? undefined : await inspector.getJob(row.job_id);
        if ((await job?.getState()) !== 'failed') throw new Error('not failed for good yet');
      }, 20_000);
    } finally {
      await crashing.close();
      await inspector.close();
      connection.disconnect();
    }
    expect((await statusOf(accepted.id)).status).toBe('queued');
    worker = await startWorker(sandbox.env);
    await eventually(async () => {
      const current = await statusOf(accepted.id);
      if (current.status !== 'approved') throw new Error(`status ${current.status}`);
    }, 30_000);
    expect(await simRecord(accepted.traceNumber)).toMatchObject({ created: 1, deliveries: 1 });
  }, 60_000);
});
