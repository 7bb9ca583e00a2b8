import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { planBody, payerBody } from '../../support/catalog-factories';
import { eventually } from '../../support/eventually';
import { type RunningPayerSim, startPayerSim } from '../../support/payer-sim';
import type { ServiceUnderTest } from '../../support/service-process';
import { createSandbox, type RunningApi, type Sandbox, startApi, startWorker } from '../../support/test-stack';
import { memberIdWith, preauthRequestBody } from '../../support/preauth-factories';

export const SIM_TOKEN = 'sim-reliability-token';

/** Statuses in which the payer's answer has been recorded. */
const DECIDED = new Set(['approved', 'partially_approved', 'denied', 'no_auth_required']);

/** Every HTTP call of a drill gives up after this long: a hang is a finding, not a stuck test. */
export const REQUEST_TIMEOUT_MS = 15_000;
/** How long `submitMany` keeps retrying one request (same Idempotency-Key) that the API cannot take yet. */
const SUBMIT_RETRY_BOUND_MS = 60_000;
const SUBMIT_RETRY_GAP_MS = 200;

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** One HTTP exchange with a bound; a timeout or a refused connection is status 0, never a thrown error. */
export async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<Answer> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      body = { raw: text };
    }
    return { status: response.status, body, headers: response.headers };
  } catch {
    return { status: 0, body: {}, headers: new Headers() };
  }
}

/** The standard error body `{ statusCode, code, message, details }` with a status that matches the answer. */
export function isStandardErrorBody(answer: Answer): boolean {
  const { statusCode, code, message, details } = answer.body;
  return (
    statusCode === answer.status &&
    typeof code === 'string' &&
    typeof message === 'string' &&
    typeof details === 'object' &&
    details !== null
  );
}

/** A valid pre-auth body; the member id's prefix picks the sandbox payer's answer. */
export const preauthBody = (planId: string, memberPrefix = 'M'): Record<string, unknown> =>
  preauthRequestBody(planId, { memberId: memberIdWith(memberPrefix) });

export interface Accepted {
  id: string;
  traceNumber: string;
}

export interface DrillStackOptions {
  /** Environment for the sandbox's processes (REDIS_URL for a private Redis, timings). */
  env?: NodeJS.ProcessEnv;
  /** Environment of the sandbox payer. */
  simEnv?: NodeJS.ProcessEnv;
  /** The payer's endpoint, given the sim's URL and the payer's code; default: the sim directly. */
  endpointFor?: (simUrl: string, payerCode: string) => Promise<string> | string;
  /** Overrides of the payer's catalog entry (e.g. `webhookSecrets`). */
  payer?: Record<string, unknown>;
}

/**
 * A sandbox with the API, the sandbox payer, one sandbox payer with a plan and a billing key: what every
 * pre-auth drill needs. Workers are started by the drill, since killing them is the point of some drills.
 */
export class PreauthDrillStack {
  readonly workers: ServiceUnderTest[] = [];
  readonly accepted: Accepted[] = [];
  sent = 0;
  /** Every 5xx answer, 503s included. */
  serverErrors = 0;
  /** Answers that were neither a decision nor a clean refusal: a 500 (an unexpected error) or no answer in time. */
  unexpected: number[] = [];
  billing: Record<string, string> = {};
  planId = '';
  payerCode = '';

  private constructor(
    readonly sandbox: Sandbox,
    readonly sim: RunningPayerSim,
    public api: RunningApi,
  ) {}

  static async start(label: string, options: DrillStackOptions = {}): Promise<PreauthDrillStack> {
    const sandbox = await createSandbox(label, {
      CATALOG_REFRESH_SECONDS: '1',
      OUTBOX_REDRIVE_SECONDS: '1',
      JOB_LOCK_SECONDS: '2',
      PREAUTH_SUBMIT_BACKOFF_MS: '200',
      ...options.env,
    });
    const sim = await startPayerSim({ PAYER_SIM_ADMIN_TOKEN: SIM_TOKEN, ...options.simEnv });
    sandbox.env.SANDBOX_PAYER_URL = sim.url;
    const api = await startApi(sandbox.env);
    const stack = new PreauthDrillStack(sandbox, sim, api);
    const admin = { authorization: `Bearer ${sandbox.adminKey}`, 'content-type': 'application/json' };
    const code = `drill-${randomUUID().slice(0, 6)}`;
    const endpointUrl = (await options.endpointFor?.(sim.url, code)) ?? null;
    const payer = await call(`${api.url}/v1/payers`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(payerBody({ code, connectionType: 'sandbox', endpointUrl, ...options.payer })),
    });
    if (payer.status !== 201) throw new Error(`creating the payer answered ${payer.status}`);
    const plan = await call(`${api.url}/v1/plans`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(planBody(payer.body.id as string)),
    });
    if (plan.status !== 201) throw new Error(`creating the plan answered ${plan.status}`);
    const key = await call(`${api.url}/v1/api-keys`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'drill billing', role: 'billing' }),
    });
    if (key.status !== 201) throw new Error(`creating the billing key answered ${key.status}`);
    stack.billing = { authorization: `Bearer ${key.body.key as string}` };
    stack.planId = plan.body.id as string;
    stack.payerCode = code;
    return stack;
  }

  async startWorker(env: NodeJS.ProcessEnv = {}): Promise<ServiceUnderTest> {
    const worker = await startWorker({ ...this.sandbox.env, ...env });
    this.workers.push(worker);
    return worker;
  }

  /** Sends one pre-auth; a 202 is remembered as accepted work the drill must see decided exactly once. */
  async submit(idempotencyKey: string = randomUUID(), body = preauthBody(this.planId)): Promise<Answer> {
    this.sent += 1;
    const answer = await call(`${this.api.url}/v1/preauths`, {
      method: 'POST',
      headers: { ...this.billing, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    if (answer.status >= 500) this.serverErrors += 1;
    if (answer.status === 0 || (answer.status >= 500 && answer.status !== 503)) this.unexpected.push(answer.status);
    if (answer.status === 202 && !this.accepted.some((a) => a.id === answer.body.id)) {
      this.accepted.push({ id: answer.body.id as string, traceNumber: answer.body.traceNumber as string });
    }
    return answer;
  }

  /**
   * Submits `count` pre-auths, `concurrency` at a time, spaced by `gapMs`, so faults land among requests in
   * flight. Each has its own Idempotency-Key, and is retried with that same key, as a client should, while
   * the answer says to try again (503, or 409 while the first attempt is still being written) or never came:
   * so every one of the `count` ends accepted exactly once, unless the API stays down past the bound.
   */
  async submitMany(count: number, concurrency = 4, gapMs = 50): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next += 1;
          await this.submitUntilAnswered(randomUUID());
          await sleep(gapMs);
        }
      }),
    );
  }

  /** A retry repeats the same body too: another body under the same key would be a 422. */
  private async submitUntilAnswered(idempotencyKey: string): Promise<Answer> {
    const body = preauthBody(this.planId);
    const giveUpAt = Date.now() + SUBMIT_RETRY_BOUND_MS;
    for (;;) {
      const answer = await this.submit(idempotencyKey, body);
      if (![0, 409, 503].includes(answer.status) || Date.now() > giveUpAt) return answer;
      await sleep(SUBMIT_RETRY_GAP_MS);
    }
  }

  /** How many pre-auth rows the sandbox holds: a drill that accepted each of its requests once sees as many. */
  async storedCount(): Promise<number> {
    const [row] = await this.sandbox.query<{ n: string }>('SELECT count(*) AS n FROM preauth_requests');
    return Number(row?.n ?? 0);
  }

  async status(id: string): Promise<string | undefined> {
    const rows = await this.sandbox.query<{ status: string }>('SELECT status FROM preauth_requests WHERE id = $1', [
      id,
    ]);
    return rows[0]?.status;
  }

  async decidedCount(): Promise<number> {
    const [row] = await this.sandbox.query<{ n: string }>(
      `SELECT count(*) AS n FROM preauth_requests WHERE status IN ('approved', 'partially_approved', 'denied', 'no_auth_required')`,
    );
    return Number(row?.n ?? 0);
  }

  /** Ms from now until one more request is decided (or all accepted ones are): the first sign of recovery. */
  async waitForProgress(timeoutMs = 45_000): Promise<number> {
    const started = Date.now();
    const baseline = await this.decidedCount();
    await eventually(
      async () => {
        const decided = await this.decidedCount();
        if (decided <= baseline && decided < this.accepted.length) throw new Error('no progress yet');
      },
      timeoutMs,
      100,
    );
    return Date.now() - started;
  }

  /** Waits (bounded) until every accepted request is decided; returns the ms it took. */
  async waitUntilAllDecided(timeoutMs = 45_000): Promise<number> {
    const started = Date.now();
    await eventually(
      async () => {
        const ids = this.accepted.map((a) => a.id);
        const rows = await this.sandbox.query<{ status: string }>(
          'SELECT status FROM preauth_requests WHERE id = ANY($1::uuid[])',
          [ids],
        );
        const open = rows.filter((r) => !DECIDED.has(r.status)).length + (ids.length - rows.length);
        if (open > 0) throw new Error(`${open} of ${ids.length} accepted requests are not decided yet`);
      },
      timeoutMs,
      250,
    ).catch(() => undefined);
    return Date.now() - started;
  }

  /**
   * Lost: accepted but not decided, or unknown to the payer. Duplicated: a second request created at the
   * payer (the sim's total against the accepted count), or a second submission, `submitted` or decision
   * event for one request in the database.
   */
  async audit(): Promise<{ lost: number; duplicated: number }> {
    const ids = this.accepted.map((a) => a.id);
    const rows = await this.sandbox.query<{ id: string; status: string; submissions: string; decisions: string }>(
      `SELECT r.id, r.status,
         (SELECT count(*) FROM preauth_submissions s WHERE s.preauth_id = r.id) AS submissions,
         (SELECT count(*) FROM preauth_events e WHERE e.preauth_id = r.id AND e.type = 'status_changed'
            AND e.to_status IN ('submitted', 'approved', 'partially_approved', 'denied', 'no_auth_required')) AS decisions
       FROM preauth_requests r WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
    let lost = ids.length - rows.length;
    let duplicated = 0;
    for (const row of rows) {
      if (!DECIDED.has(row.status)) lost += 1;
      if (Number(row.submissions) > 1) duplicated += 1;
      // One `submitted` and one decision per request (the sandbox payer decides in its answer, so exactly two).
      if (Number(row.decisions) > 2) duplicated += 1;
    }
    for (const { traceNumber } of this.accepted) {
      const record = await call(`${this.sim.url}/v1/sim/submissions/${traceNumber}`, {
        headers: { authorization: `Bearer ${SIM_TOKEN}` },
      });
      if (record.status !== 200 || record.body.created !== 1) lost += 1;
    }
    const stats = await call(`${this.sim.url}/v1/sim/stats`, { headers: { authorization: `Bearer ${SIM_TOKEN}` } });
    duplicated += Math.max(0, Number(stats.body.created) - this.accepted.length);
    return { lost, duplicated };
  }

  /** Distinct messages of the errors the API answered with a 500 (from its `request failed` log lines). */
  internalErrors(): string[] {
    const messages = this.api.process.text
      .split('\n')
      .filter((line) => line.includes('"code":"internal_error"'))
      .map((line) => /"message":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 300));
    return [...new Set(messages)];
  }

  /** Exit codes and the last lines of every process's output, for a drill's failure message. */
  processReport(): string {
    const processes = [this.api.process, ...this.workers, this.sim.process];
    return processes
      .map(
        (p, i) =>
          `--- process ${i} (exit ${p.child.exitCode ?? p.child.signalCode ?? 'running'}):\n${p.text.slice(-3_000)}`,
      )
      .join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all([
      this.api.process.stop('SIGTERM', 20_000).catch(() => this.api.process.stop('SIGKILL')),
      ...this.workers.map((w) => w.stop('SIGTERM', 20_000).catch(() => w.stop('SIGKILL'))),
      this.sim.process.stop(),
    ]);
  }
}
