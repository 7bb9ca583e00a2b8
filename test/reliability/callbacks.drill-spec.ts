import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { eventually } from '../support/eventually';
import { PreauthDrillStack, SIM_TOKEN, call, isStandardErrorBody, type Answer } from './support/preauth-drill';
import { recordDrill } from './support/results';

const SECRET = `whsec_${Buffer.from('reliability drill payer secret..').toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.from('a secret the payer never had....').toString('base64')}`;

interface Callback {
  kind: 'genuine' | 'forged';
  body: string;
  headers: Record<string, string>;
}

/** Signs like a payer, with the reference implementation. */
function signed(secret: string, body: string, at = new Date(), webhookId = `msg_${randomUUID()}`) {
  return {
    'content-type': 'application/json',
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(webhookId, at, body),
  };
}

/** Fisher–Yates with a fixed seed, so a failing order can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('Drill: duplicate, reordered and forged payer callbacks', () => {
  let stack: PreauthDrillStack;
  const SEED = Number(process.env.DRILL_SEED ?? 20_261_123);

  beforeAll(async () => {
    stack = await PreauthDrillStack.start('drill_callbacks', { payer: { webhookSecrets: [SECRET] } });
    // The payer pends every request and never decides by itself: the drill's callbacks are the only answers.
    const rules = await call(`${stack.sim.url}/v1/sim/rules`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${SIM_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ outcome: 'pend_then_approve', pendForMs: 3_600_000 }] }),
    });
    if (rules.status !== 200) throw new Error(`setting the sim rules answered ${rules.status}`);
    await stack.startWorker();
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it(`applies each genuine callback once, in decidedAt order, and nothing forged (seed ${SEED})`, async () => {
    await stack.submitMany(6, 3, 50);
    await eventually(
      async () => {
        for (const { id } of stack.accepted)
          if ((await stack.status(id)) !== 'pended') throw new Error(`${id} not pended`);
      },
      30_000,
      250,
    );

    const callbacks: Callback[] = [];
    for (const { traceNumber } of stack.accepted) {
      const approvedAt = new Date();
      const approval = JSON.stringify({
        type: 'preauth.decision',
        data: {
          traceNumber,
          action: 'A1',
          authorizationNumber: `AUTH-${traceNumber}`,
          decidedAt: approvedAt.toISOString(),
        },
      });
      // An older pend notice: whenever it lands, it must not move the request back.
      const latePend = JSON.stringify({
        type: 'preauth.pended',
        data: { traceNumber, reasonCode: 'IR', decidedAt: new Date(approvedAt.getTime() - 60_000).toISOString() },
      });
      const denial = JSON.stringify({
        type: 'preauth.decision',
        data: { traceNumber, action: 'A3', reasonCode: 'MN' },
      });
      const approvalHeaders = signed(SECRET, approval);
      const pendHeaders = signed(SECRET, latePend);
      for (let copy = 0; copy < 4; copy += 1)
        callbacks.push({ kind: 'genuine', body: approval, headers: approvalHeaders });
      for (let copy = 0; copy < 2; copy += 1) callbacks.push({ kind: 'genuine', body: latePend, headers: pendHeaders });
      callbacks.push(
        { kind: 'forged', body: denial, headers: signed(OTHER_SECRET, denial) },
        { kind: 'forged', body: denial, headers: { ...approvalHeaders } },
        { kind: 'forged', body: denial, headers: signed(SECRET, denial, new Date(Date.now() - 10 * 60_000)) },
        { kind: 'forged', body: denial, headers: signed(SECRET, denial, new Date(Date.now() + 10 * 60_000)) },
        { kind: 'forged', body: denial, headers: { 'content-type': 'application/json' } },
      );
    }

    const answers: { callback: Callback; answer: Answer }[] = [];
    const order = shuffled(callbacks, SEED);
    // Eight at a time: duplicates of one webhook-id often arrive together.
    for (let start = 0; start < order.length; start += 8) {
      const batch = order.slice(start, start + 8);
      answers.push(
        ...(await Promise.all(
          batch.map(async (callback) => ({
            callback,
            answer: await call(`${stack.api.url}/v1/webhooks/payers/${stack.payerCode}`, {
              method: 'POST',
              headers: callback.headers,
              body: callback.body,
            }),
          })),
        )),
      );
    }

    await stack.waitUntilAllDecided(30_000);
    const rows = await stack.sandbox.query<{ trace_number: string; webhook_id: string; n: string }>(
      `SELECT trace_number, webhook_id, count(*) AS n FROM payer_events GROUP BY trace_number, webhook_id`,
    );
    const approvals = await stack.sandbox.query<{ preauth_id: string; n: string }>(
      `SELECT preauth_id, count(*) AS n FROM preauth_events
       WHERE type = 'status_changed' AND to_status IN ('approved', 'denied') GROUP BY preauth_id`,
    );
    const statuses = await Promise.all(stack.accepted.map(({ id }) => stack.status(id)));
    const serverErrors = answers.filter(({ answer }) => answer.status >= 500 || answer.status === 0).length;
    const lost = statuses.filter((s) => s !== 'approved').length;
    const duplicated =
      rows.filter((r) => Number(r.n) > 1).length +
      Math.max(0, rows.length - 2 * stack.accepted.length) +
      approvals.filter((a) => Number(a.n) > 1).length;
    recordDrill({
      drill: 'payer callbacks dup/reorder/forged',
      requests: answers.length,
      lost,
      duplicated,
      serverErrors,
      recoveryMs: null,
    });

    expect(serverErrors).toBe(0);
    for (const { callback, answer } of answers) {
      if (callback.kind === 'forged') {
        expect(answer.status).toBe(401);
        expect(isStandardErrorBody(answer)).toBe(true);
      } else {
        expect([200, 202]).toContain(answer.status);
      }
    }
    // Exactly one stored event per genuine webhook-id (an approval and a pend per request), none forged.
    expect(rows).toHaveLength(2 * stack.accepted.length);
    expect(statuses.every((s) => s === 'approved')).toBe(true);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 120_000);
});
