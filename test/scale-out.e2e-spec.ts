import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { readDemoCatalog } from '../libs/catalog/src/demo-catalog';
import { payerBody, planBody } from './support/catalog-factories';
import { today } from './support/dates';
import { eventually } from './support/eventually';
import { type RunningPayerSim, startPayerSim } from './support/payer-sim';
import { preauthRequestBody } from './support/preauth-factories';
import type { ServiceUnderTest } from './support/service-process';
import { createSandbox, type RunningApi, type Sandbox, startApi, startWorker } from './support/test-stack';

const SIM_TOKEN = 'scale-out-sim-token';
const REQUESTS = 300;
const BATCH = 20;
/** Statuses that are a payer's final decision on an initial request. */
const DECIDED = ['approved', 'partially_approved', 'denied', 'no_auth_required'];

interface Accepted {
  id: string;
  traceNumber: string;
  /** Index of the API replica that took it. */
  via: number;
}

interface SimRecord {
  traceNumber: string;
  deliveries: number;
  created: number;
  decision: { action: string } | null;
  rejection: unknown;
}

/** Trace numbers a worker logged as delivered to the payer (`submission delivered`, info level). */
function deliveredBy(worker: ServiceUnderTest): string[] {
  return worker.text
    .split('\n')
    .filter((line) => line.includes('"msg":"submission delivered"'))
    .map((line) => (JSON.parse(line) as { traceNumber: string }).traceNumber);
}

async function inBatches<T, R>(items: T[], size: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    results.push(...(await Promise.all(batch.map((item, i) => run(item, start + i)))));
  }
  return results;
}

describe('Scale-out: two API and two worker processes on one PostgreSQL and Redis', () => {
  let sandbox: Sandbox;
  const apis: RunningApi[] = [];
  let workers: ServiceUnderTest[] = [];
  let sim: RunningPayerSim | undefined;
  let billing: Record<string, string>;
  let planId: string;
  let accepted: Accepted[] = [];

  const admin = () => ({ authorization: `Bearer ${sandbox.adminKey}` });
  const api = (index: number) => {
    const replica = apis[index % apis.length];
    if (replica === undefined) throw new Error('no API replica');
    return request(replica.url);
  };
  const simRecord = async (traceNumber: string): Promise<SimRecord | null> => {
    const response = await request(sim?.url ?? '')
      .get(`/v1/sim/submissions/${traceNumber}`)
      .set('authorization', `Bearer ${SIM_TOKEN}`);
    return response.status === 200 ? (response.body as SimRecord) : null;
  };
  const snapshotVersion = async (index: number): Promise<number> =>
    (await api(index).get('/v1/catalog/snapshot').set(admin()).expect(200)).body.version as number;

  beforeAll(async () => {
    // No CATALOG_REFRESH_SECONDS override: every replica checks the version every 10 s, as in production,
    // so a change seen well before 10 s can only have come through the announcement on Redis.
    sandbox = await createSandbox('scale_out');
    expect(sandbox.env.CATALOG_REFRESH_SECONDS).toBeUndefined();
    sim = await startPayerSim({ PAYER_SIM_ADMIN_TOKEN: SIM_TOKEN });
    // The fastest approving mode: every request approved in the answer itself, no callback.
    await request(sim.url)
      .put('/v1/sim/rules')
      .set('authorization', `Bearer ${SIM_TOKEN}`)
      .send({ rules: [{ name: 'approve at once', outcome: 'approve', delayMs: 0 }] })
      .expect(200);
    sandbox.env.SANDBOX_PAYER_URL = sim.url;

    // One after the other: each picks a free port.
    apis.push(await startApi(sandbox.env));
    apis.push(await startApi(sandbox.env));
    workers = await Promise.all([startWorker(sandbox.env), startWorker(sandbox.env)]);

    await api(0).put('/v1/catalog').set(admin()).send(readDemoCatalog()).expect(200);
    const payer = await api(0)
      .post('/v1/payers')
      .set(admin())
      .send(payerBody({ connectionType: 'sandbox', endpointUrl: null }))
      .expect(201);
    planId = (await api(0).post('/v1/plans').set(admin()).send(planBody(payer.body.id)).expect(201)).body.id;
    const key = await api(0).post('/v1/api-keys').set(admin()).send({ name: 'billing', role: 'billing' }).expect(201);
    billing = { authorization: `Bearer ${key.body.key}` };
    // Both replicas price from the same catalog before the load starts.
    const latest = await snapshotVersion(0);
    await eventually(async () => expect(await snapshotVersion(1)).toBe(latest), 15_000);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([
      ...apis.map((a) => a.process.stop()),
      ...workers.map((w) => w.stop()),
      sim?.process.stop(),
    ]);
  });

  it(`sends each of ${REQUESTS} pre-auths, pushed through both APIs, to the payer exactly once and decides each once`, async () => {
    accepted = await inBatches(
      Array.from({ length: REQUESTS }, (_, i) => i),
      BATCH,
      async (i): Promise<Accepted> => {
        const response = await api(i)
          .post('/v1/preauths')
          .set(billing)
          .set('idempotency-key', randomUUID())
          .send(preauthRequestBody(planId));
        if (response.status !== 202)
          throw new Error(`request ${i}: ${response.status} ${JSON.stringify(response.body)}`);
        expect(response.headers['idempotent-replayed']).toBeUndefined();
        return { id: response.body.id as string, traceNumber: response.body.traceNumber as string, via: i % 2 };
      },
    );
    const ids = new Set(accepted.map((a) => a.id));
    const traces = new Set(accepted.map((a) => a.traceNumber));
    expect(ids.size).toBe(REQUESTS);
    expect(traces.size).toBe(REQUESTS);
    expect(accepted.filter((a) => a.via === 1)).toHaveLength(REQUESTS / 2);

    // Bounded wait until every request has left `queued`/`submitted`.
    const statuses = await eventually(
      async () => {
        const rows = await sandbox.query<{ status: string; n: number }>(
          'SELECT status, count(*)::int AS n FROM preauth_requests GROUP BY status ORDER BY status',
        );
        const waiting = rows.filter((r) => r.status === 'queued' || r.status === 'submitted');
        if (waiting.length > 0) throw new Error(`still waiting: ${JSON.stringify(rows)}`);
        return rows;
      },
      90_000,
      500,
    );
    expect(statuses).toEqual([{ status: 'approved', n: REQUESTS }]);

    // (1) At the payer: exactly our trace numbers, each created once and delivered once.
    const stats = (
      await request(sim?.url ?? '')
        .get('/v1/sim/stats')
        .set('authorization', `Bearer ${SIM_TOKEN}`)
    ).body as { traceNumbers: number; created: number; deliveries: number; duplicates: number };
    expect(stats).toMatchObject({ traceNumbers: REQUESTS, created: REQUESTS, deliveries: REQUESTS, duplicates: 0 });
    const records = await inBatches(accepted, BATCH, async (a) => ({
      traceNumber: a.traceNumber,
      record: await simRecord(a.traceNumber),
    }));
    const notExactlyOnce = records.filter(
      ({ record }) => record?.created !== 1 || record.deliveries !== 1 || record.decision?.action !== 'A1',
    );
    expect(notExactlyOnce).toEqual([]);

    // (2) In the database: one submission per request, sent on the first attempt, with the trace number the
    // API answered; one `submitted` change and exactly one decision in each request's history.
    const submissions = await sandbox.query<{
      preauth_id: string;
      trace_number: string;
      state: string;
      attempts: number;
    }>(`SELECT preauth_id, trace_number, state, attempts FROM preauth_submissions`);
    expect(submissions).toHaveLength(REQUESTS);
    const submissionOf = new Map(submissions.map((s) => [s.preauth_id, s]));
    expect(
      accepted.filter((a) => {
        const s = submissionOf.get(a.id);
        return s?.trace_number !== a.traceNumber || s.state !== 'sent' || s.attempts !== 1;
      }),
    ).toEqual([]);
    const history = await sandbox.query<{ preauth_id: string; submitted: number; decisions: number; failures: number }>(
      `SELECT preauth_id,
              count(*) FILTER (WHERE type = 'status_changed' AND to_status = 'submitted')::int AS submitted,
              count(*) FILTER (WHERE type = 'status_changed' AND to_status = ANY($1))::int AS decisions,
              count(*) FILTER (WHERE type = 'delivery_attempt_failed')::int AS failures
         FROM preauth_events GROUP BY preauth_id`,
      [DECIDED],
    );
    expect(history).toHaveLength(REQUESTS);
    expect(history.filter((h) => h.submitted !== 1 || h.decisions !== 1 || h.failures !== 0)).toEqual([]);
    const [{ n: owed }] = await sandbox.query<{ n: number }>('SELECT count(*)::int AS n FROM job_outbox');
    expect(owed).toBe(0);

    // Either API shows a request taken by the other, decided, with that single decision in its history.
    for (const taken of [accepted[0], accepted[1]]) {
      if (taken === undefined) throw new Error('nothing accepted');
      const detail = (
        await api(taken.via + 1)
          .get(`/v1/preauths/${taken.id}`)
          .set(billing)
          .expect(200)
      ).body as {
        status: string;
        events: { toStatus: string }[];
      };
      expect(detail.status).toBe('approved');
      expect(detail.events.filter((e) => e.toStatus === 'approved')).toHaveLength(1);
    }
  }, 150_000);

  it('delivers each trace number by exactly one of the two workers', () => {
    if (accepted.length === 0) throw new Error('the load test did not run');
    const [first, second] = workers.map(deliveredBy);
    if (first === undefined || second === undefined) throw new Error('two workers expected');
    // How BullMQ spreads jobs between the two is up to timing; that none is sent twice or lost is not.
    expect(new Set(first).size).toBe(first.length);
    expect(new Set(second).size).toBe(second.length);
    expect(first.filter((trace) => second.includes(trace))).toEqual([]);
    expect(new Set([...first, ...second])).toEqual(new Set(accepted.map((a) => a.traceNumber)));
  });

  it('prices on each API with a rate changed through the other, without waiting for the 10-second check', async () => {
    const estimate = async (index: number) =>
      (
        await api(index)
          .post('/v1/estimates')
          .set(billing)
          .send({
            levelOfCare: 'detox',
            coverage: { type: 'self_pay', household: { size: 1, annualIncomeCents: 10_000_000, state: 'CA' } },
            schedule: { units: 5 },
            serviceStartDate: today(),
          })
          .expect(200)
      ).body as { catalogVersion: number; patientResponsibilityCents: number };

    for (const [writer, reader] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const rates = (await api(writer).get('/v1/rates').set(admin()).expect(200)).body as {
        levels: { levelOfCare: string; selfPayCents: number }[];
      };
      const before = await estimate(reader);
      const changed = {
        ...rates,
        levels: rates.levels.map((l) =>
          l.levelOfCare === 'detox' ? { ...l, selfPayCents: l.selfPayCents + 1_234 } : l,
        ),
      };
      await api(writer).put('/v1/rates').set(admin()).send(changed).expect(200);
      // The change notice reaches the other replica; the bound stays below the 10-second periodic check, so
      // only the notice (not the fallback poll) can pass this, however slow the machine is otherwise.
      const seen = await eventually(async () => {
        const current = await estimate(reader);
        if (current.catalogVersion <= before.catalogVersion) throw new Error('the other replica has the old catalog');
        return current;
      }, 8_000);
      expect(seen.patientResponsibilityCents).toBe(before.patientResponsibilityCents + 5 * 1_234);
      const fresh = await estimate(writer);
      expect([fresh.catalogVersion, fresh.patientResponsibilityCents]).toEqual([
        seen.catalogVersion,
        seen.patientResponsibilityCents,
      ]);
    }
  }, 60_000);
});
