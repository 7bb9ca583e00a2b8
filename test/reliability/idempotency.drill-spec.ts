import { randomUUID } from 'node:crypto';
import { PreauthDrillStack, preauthBody } from './support/preauth-drill';
import { recordDrill } from './support/results';

describe('Drill: the same Idempotency-Key sent 50 times at once', () => {
  let stack: PreauthDrillStack;

  beforeAll(async () => {
    stack = await PreauthDrillStack.start('drill_idempotency');
    await stack.startWorker();
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('creates one request and sends it to the payer once', async () => {
    const key = randomUUID();
    const body = preauthBody(stack.planId);
    const answers = await Promise.all(Array.from({ length: 50 }, () => stack.submit(key, body)));

    await stack.waitUntilAllDecided(30_000);
    const [rows] = await stack.sandbox.query<{ n: string }>(
      'SELECT count(*) AS n FROM preauth_requests WHERE idempotency_key = $1',
      [key],
    );
    const { lost, duplicated } = await stack.audit();
    recordDrill({
      drill: 'idempotency-key x50 concurrent',
      requests: stack.sent,
      lost,
      duplicated: duplicated + Math.max(0, Number(rows?.n) - 1),
      serverErrors: stack.serverErrors,
      recoveryMs: null,
    });

    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].filter((s) => s !== 202 && s !== 409)).toEqual([]);
    for (const conflict of answers.filter((a) => a.status === 409))
      expect(conflict.body.code).toBe('idempotency_in_flight');
    expect(new Set(answers.filter((a) => a.status === 202).map((a) => a.body.id)).size).toBe(1);
    expect(rows?.n).toBe('1');
    expect(stack.accepted).toHaveLength(1);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 90_000);
});
