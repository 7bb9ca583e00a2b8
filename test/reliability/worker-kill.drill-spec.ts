import { eventually } from '../support/eventually';
import { FaultProxy } from '../support/fault-proxy';
import { PreauthDrillStack, SIM_TOKEN, call } from './support/preauth-drill';
import { recordDrill } from './support/results';

describe('Drill: kill -9 a worker in the middle of submissions', () => {
  let stack: PreauthDrillStack;
  let proxy: FaultProxy;

  beforeAll(async () => {
    stack = await PreauthDrillStack.start('drill_worker_kill', {
      endpointFor: async (simUrl, code) => {
        proxy = await FaultProxy.start({ host: '127.0.0.1', port: Number(new URL(simUrl).port) });
        return `http://127.0.0.1:${proxy.port}/v1/payers/${code}/preauths`;
      },
    });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([stack?.stop(), proxy?.close()]);
  }, 60_000);

  it('loses nothing and sends nothing twice when a new worker takes over', async () => {
    // Slow answers keep submissions in flight (already at the payer, answer not yet read) when the kill lands.
    proxy.setMode({ kind: 'latency', ms: 1_500 });
    const victim = await stack.startWorker();
    const load = stack.submitMany(20, 4, 100);
    await eventually(async () => {
      const stats = await call(`${stack.sim.url}/v1/sim/stats`, { headers: { authorization: `Bearer ${SIM_TOKEN}` } });
      if (Number(stats.body.deliveries) < 3) throw new Error('not enough submissions at the payer yet');
    }, 30_000);
    await victim.stop('SIGKILL', 10_000);
    await load;

    proxy.setMode({ kind: 'pass' });
    const replacementStarted = Date.now();
    await stack.startWorker();
    const recoveryMs = Date.now() - replacementStarted + (await stack.waitForProgress());
    await stack.waitUntilAllDecided();
    const { lost, duplicated } = await stack.audit();
    recordDrill({
      drill: 'worker kill -9',
      requests: stack.sent,
      lost,
      duplicated,
      serverErrors: stack.serverErrors,
      recoveryMs,
    });

    expect(stack.accepted).toHaveLength(20);
    expect(stack.unexpected).toEqual([]);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 120_000);
});
