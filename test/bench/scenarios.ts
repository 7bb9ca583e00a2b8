import { Webhook } from 'standardwebhooks';
import type { LoadSpec, RunStats } from './load';
import { runLoad } from './load';
import { type BenchStack, SANDBOX_PAYER } from './stack';
import { sleep } from './processes';
import { preauthRequestBody } from '../support/preauth-factories';

/** Plan ids the scenarios price and submit against (looked up after each catalog import; ids survive). */
export interface ScenarioPlans {
  estimate: string;
  sandbox: string;
  manual: string;
}

const SERVICE_START = '2026-12-01';

const insuredCoverage = (planId: string): Record<string, unknown> => ({
  type: 'insured',
  planId,
  network: 'in',
  accumulators: { deductibleMetCents: 50_000, outOfPocketMetCents: 80_000 },
});

/** A valid pre-auth body (the e2e suites' shape); identical across requests, only the Idempotency-Key changes. */
export const preauthBody = (planId: string): string =>
  JSON.stringify(preauthRequestBody(planId, { memberId: 'MBENCH0001', requestedStartDate: SERVICE_START }));

let sequence = 0;
/** Unique across the whole bench run (and across runs, through the stack id). */
const nextId = (stack: BenchStack, label: string): string => `bench-${stack.id}-${label}-${(sequence += 1)}`;

/**
 * Estimates use a billing key: admissions (publishable) keys are rate-limited to 60 requests a minute per
 * address, which a load test from one address would hit at once.
 */
export function estimateSpec(stack: BenchStack, kind: 'insured' | 'self_pay' | 'levels', planId: string): LoadSpec {
  const headers = { authorization: `Bearer ${stack.billingKey}` };
  if (kind === 'levels') {
    return {
      method: 'POST',
      path: '/v1/estimates/levels',
      headers,
      body: JSON.stringify({ coverage: insuredCoverage(planId), serviceStartDate: SERVICE_START }),
      expectStatus: 200,
    };
  }
  const coverage =
    kind === 'insured'
      ? insuredCoverage(planId)
      : { type: 'self_pay', household: { size: 3, annualIncomeCents: 4_000_000, state: 'NY' } };
  return {
    method: 'POST',
    path: '/v1/estimates',
    headers,
    body: JSON.stringify({
      levelOfCare: 'iop',
      coverage,
      schedule: { daysPerWeek: 3, weeks: 12 },
      serviceStartDate: SERVICE_START,
    }),
    expectStatus: 200,
  };
}

/** `POST /v1/preauths`, a new Idempotency-Key each time, so every answer is a fresh 202. */
export function intakeSpec(stack: BenchStack, planId: string, label: string): LoadSpec {
  return {
    method: 'POST',
    path: '/v1/preauths',
    headers: { authorization: `Bearer ${stack.billingKey}` },
    body: preauthBody(planId),
    perRequest: (headers) => ({ headers: { ...headers, 'idempotency-key': nextId(stack, label) } }),
    expectStatus: 202,
  };
}

/**
 * Signed payer callbacks, each with a new webhook-id (so each is stored: 202) and trace number. The trace numbers
 * match no request, so the worker files them as `unmatched`: ingestion (verify, store, enqueue) is what is measured.
 */
export function webhookSpec(stack: BenchStack): LoadSpec {
  const secret = stack.payerSecrets[SANDBOX_PAYER];
  if (secret === undefined) throw new Error(`no signing secret for ${SANDBOX_PAYER}`);
  const signer = new Webhook(secret);
  return {
    method: 'POST',
    path: `/v1/webhooks/payers/${SANDBOX_PAYER}`,
    perRequest: (headers) => {
      const id = nextId(stack, 'cb');
      const body = JSON.stringify({
        type: 'preauth.decision',
        data: {
          traceNumber: `CTMX${id.slice(-20)}`,
          action: 'A1',
          authorizationNumber: 'AUTH-BENCH',
          approvedUnits: 24,
        },
      });
      const at = new Date();
      return {
        headers: {
          ...headers,
          'webhook-id': `msg_${id}`,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signer.sign(`msg_${id}`, at, body),
        },
        body,
      };
    },
    expectStatus: 202,
  };
}

export interface PipelineRun extends RunStats {
  /** Rate at which the API accepted the batch (the intake part alone). */
  intakeRequestsPerSecond: number;
  decided: number;
  notDecided: number;
  elapsedMs: number;
}

const DECIDED_OK = ['approved'];
const DECIDED_BADLY = ['denied', 'rejected', 'submission_failed', 'cancelled', 'partially_approved', 'pended'];

/**
 * Pre-auth pipeline end to end: `jobs` pre-auths to the sandbox payer (approving in its synchronous answer),
 * `connections` at a time; completed requests per second from the first POST to the last `approved` row.
 */
export async function runPipeline(
  stack: BenchStack,
  planId: string,
  jobs: number,
  connections: number,
): Promise<PipelineRun> {
  // Row timestamps are PostgreSQL's clock: take the start from it too.
  const [{ now }] = await stack.query<{ now: Date }>('SELECT clock_timestamp() AS now');
  const intake = await runLoad(stack.apiUrl, intakeSpec(stack, planId, 'pipeline'), connections, { amount: jobs });
  const deadline = Date.now() + 300_000;
  for (;;) {
    const [row] = await stack.query<{ ok: string; bad: string; last: Date | null }>(
      `SELECT count(*) FILTER (WHERE status = ANY($3)) AS ok, count(*) FILTER (WHERE status = ANY($4)) AS bad,
              max(updated_at) FILTER (WHERE status = ANY($3)) AS last
         FROM preauth_requests WHERE plan_id = $1 AND received_at >= $2`,
      [planId, now, DECIDED_OK, DECIDED_BADLY],
    );
    const decided = Number(row.ok);
    const bad = Number(row.bad);
    const accepted = intake.statusCodes['202'] ?? 0;
    if (decided + bad >= accepted || Date.now() > deadline) {
      const elapsedMs = row.last === null ? Number.NaN : row.last.getTime() - now.getTime();
      return {
        ...intake,
        requestsPerSecond: (decided * 1000) / elapsedMs,
        intakeRequestsPerSecond: intake.requestsPerSecond,
        // A request not approved, or never decided, is a pipeline error.
        errors: intake.errors + bad + Math.max(0, accepted - decided - bad),
        decided,
        notDecided: Math.max(0, jobs - decided),
        elapsedMs,
      };
    }
    await sleep(50);
  }
}

/** Waits until the worker has caught up (no outbox rows owed, no callback waiting), so runs do not overlap. */
export async function drain(stack: BenchStack, timeoutMs = 180_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await stack.query<{ owed: string; waiting: string }>(
      `SELECT (SELECT count(*) FROM job_outbox) AS owed,
              (SELECT count(*) FROM payer_events WHERE status = 'received') AS waiting`,
    );
    if (Number(row.owed) === 0 && Number(row.waiting) === 0) return true;
    await sleep(250);
  }
  return false;
}

/**
 * `rows` finished (denied) pre-auths in one INSERT … SELECT generate_series. The PHI columns hold placeholders
 * instead of ciphertext: nothing on the intake path reads other callers' rows, and these are never opened.
 */
export async function insertFillerRows(stack: BenchStack, rows: number, planId: string): Promise<number> {
  const started = Date.now();
  await stack.query(
    `INSERT INTO preauth_requests (
       idempotency_scope, idempotency_key, request_fingerprint, accepted_answer, status, payer_id, plan_id,
       level_of_care, urgency, patient, member_id, member_id_index, diagnoses, clinical_summary,
       requesting_provider, servicing_provider, service_lines, requested_units, unit_type, place_of_service,
       requested_start, requested_end, received_at, decision_due_at, decided_at, version)
     SELECT 'bench-filler', 'filler-' || g, md5(g::text), '{}'::jsonb, 'denied', p.payer_id, p.id,
       'iop', 'standard', 'filler', 'filler', md5('member' || g), 'filler', 'filler',
       '{"name":"Filler","npi":"1234567893"}'::jsonb, '{"name":"Filler","npi":"1234567893"}'::jsonb, '[]'::jsonb,
       24, 'day', '11', DATE '2025-01-01', DATE '2025-02-25',
       now() - g * interval '1 second', now() - g * interval '1 second' + interval '7 days',
       now() - g * interval '1 second' + interval '1 day', 1
     FROM generate_series(1, $1::int) AS g, (SELECT id, payer_id FROM plans WHERE id = $2) AS p`,
    [rows, planId],
  );
  await stack.query('ANALYZE preauth_requests');
  return Date.now() - started;
}
