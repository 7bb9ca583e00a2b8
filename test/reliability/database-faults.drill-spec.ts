import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../support/eventually';
import { FaultProxy, type FaultMode } from '../support/fault-proxy';
import { createSandbox, type RunningApi, type Sandbox, startApi } from '../support/test-stack';
import { PreauthDrillStack, call, isStandardErrorBody } from './support/preauth-drill';
import { recordDrill } from './support/results';

describe('Drill: PostgreSQL connections terminated under load', () => {
  let stack: PreauthDrillStack;

  beforeAll(async () => {
    stack = await PreauthDrillStack.start('drill_pg_terminate');
    await stack.startWorker();
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  /** Terminates every connection to the sandbox database (only this one: other suites share the server). */
  const terminateConnections = async (): Promise<number> => {
    const database = new URL(stack.sandbox.databaseUrl).pathname.slice(1);
    const rows = await stack.sandbox.query<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
       WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
    return rows.filter((r) => r.terminated).length;
  };

  it('keeps every accepted request, sends it once, and answers 503 (never 500) meanwhile', async () => {
    const load = stack.submitMany(30, 4, 100);
    let terminated = 0;
    for (let round = 0; round < 8; round += 1) {
      terminated += await terminateConnections();
      await sleep(500);
    }
    const faultRemovedAt = Date.now();
    await eventually(
      async () => {
        const list = await call(`${stack.api.url}/v1/preauths?limit=1`, { headers: stack.billing });
        if (list.status !== 200) {
          const exited = stack.api.process.child.exitCode;
          throw new Error(
            `the work list answered ${list.status} (API exit code ${exited}); API output:\n${stack.api.process.text.slice(-4_000)}`,
          );
        }
      },
      30_000,
      100,
    );
    const recoveryMs = Date.now() - faultRemovedAt;
    await load;
    await stack.waitUntilAllDecided();
    const { lost, duplicated } = await stack.audit();
    recordDrill({
      drill: 'pg_terminate_backend',
      requests: stack.sent,
      lost,
      duplicated,
      serverErrors: stack.serverErrors,
      recoveryMs,
      notes: `${terminated} connections terminated; 5xx all 503: ${stack.unexpected.length === 0}`,
    });

    expect(terminated).toBeGreaterThan(0);
    // Retried with the same key, each of the 30 ends accepted exactly once, and stored once.
    expect(stack.accepted.length).toBe(30);
    expect(await stack.storedCount()).toBe(30);
    expect({ unexpected: stack.unexpected, causes: stack.internalErrors() }).toEqual({ unexpected: [], causes: [] });
    if (lost > 0) process.stdout.write(stack.processReport());
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 120_000);
});

describe('Drill: PostgreSQL unreachable (a fault proxy between the API and the database)', () => {
  let sandbox: Sandbox;
  let proxy: FaultProxy;
  let api: RunningApi;
  const admin = (): Record<string, string> => ({ authorization: `Bearer ${sandbox.adminKey}` });
  /** Routes that need the database on every call. */
  const DATABASE_ROUTES = ['/v1/api-keys', '/v1/audit-events?limit=1', '/v1/preauths?limit=1', '/v1/payer-events'];

  beforeAll(async () => {
    sandbox = await createSandbox('drill_pg_unreachable');
    const direct = new URL(sandbox.databaseUrl);
    proxy = await FaultProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(sandbox.databaseUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    api = await startApi({ ...sandbox.env, DATABASE_URL: viaProxy.toString() });
  }, 90_000);

  afterAll(async () => {
    await api?.process.stop('SIGTERM', 20_000).catch(() => api.process.stop('SIGKILL'));
    await proxy?.close();
  }, 60_000);

  /**
   * `reset`: every connection to the database breaks and new ones are refused. `host gone`: the open ones
   * break and new ones get no answer at all (a failover in progress), so only the connect timeout ends them.
   */
  it.each<[string, FaultMode[]]>([
    ['reset', [{ kind: 'reset' }]],
    ['host gone', [{ kind: 'reset' }, { kind: 'blackhole' }]],
  ])(
    'answers 503 with the standard body while the database is unreachable (%s), then recovers by itself',
    async (name, modes) => {
      let requests = 0;
      const get = async (path: string, timeoutMs?: number) => {
        requests += 1;
        return call(`${api.url}${path}`, { headers: admin() }, timeoutMs);
      };
      for (const path of DATABASE_ROUTES) expect(`${path} → ${(await get(path)).status}`).toBe(`${path} → 200`);

      for (const mode of modes) proxy.setMode(mode);
      // Bounded: a hang shows up as status 0 after 20 s.
      const duringFault = await Promise.all(DATABASE_ROUTES.map((path) => get(path, 20_000)));
      const readyDuringFault = await get('/health/ready', 20_000);
      proxy.setMode({ kind: 'pass' });

      const faultRemovedAt = Date.now();
      await eventually(
        async () => {
          const answer = await get('/v1/api-keys', 10_000);
          if (answer.status !== 200) throw new Error(`still ${answer.status}`);
        },
        30_000,
        100,
      );
      const recoveryMs = Date.now() - faultRemovedAt;
      const readyAfter = await get('/health/ready');
      const notServiceUnavailable = duringFault.filter((a) => a.status !== 503 || !isStandardErrorBody(a));
      recordDrill({
        drill: `database unreachable (${name})`,
        requests,
        lost: 0,
        duplicated: 0,
        serverErrors: [...duringFault, readyDuringFault].filter((a) => a.status >= 500).length,
        recoveryMs,
        notes: `503 expected while unreachable; ${notServiceUnavailable.length} other answers`,
      });

      expect(duringFault.map((a, i) => `${DATABASE_ROUTES[i]} → ${a.status}`)).toEqual(
        DATABASE_ROUTES.map((path) => `${path} → 503`),
      );
      for (const answer of duringFault) {
        expect(answer.body).toEqual({
          statusCode: 503,
          code: 'service_unavailable',
          message: expect.any(String),
          details: {},
        });
      }
      expect(readyDuringFault.status).toBe(503);
      expect(readyDuringFault.body.status).toBe('unavailable');
      expect(readyAfter.status).toBe(200);
    },
    90_000,
  );
});
