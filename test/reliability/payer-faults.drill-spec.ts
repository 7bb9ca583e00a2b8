import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultProxy, type FaultMode } from '../support/fault-proxy';
import { PreauthDrillStack } from './support/preauth-drill';
import { recordDrill } from './support/results';

/** Connects to the proxy, writes `ping` and collects what comes back within `waitMs`, or the socket error. */
async function exchange(port: number, waitMs: number): Promise<{ data: string; error?: string }> {
  const socket: Socket = connect(port, '127.0.0.1');
  let data = '';
  let error: string | undefined;
  socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
  socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
  socket.write('ping');
  await sleep(waitMs);
  socket.destroy();
  return { data, error };
}

describe('FaultProxy (the drills’ TCP fault injector)', () => {
  let echo: Server;
  let proxy: FaultProxy;

  beforeAll(async () => {
    echo = createServer((socket) => {
      // The proxy resets its upstream side too; an echo socket that sees ECONNRESET just goes away.
      socket.on('error', () => socket.destroy());
      socket.pipe(socket);
    });
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    const address = echo.address();
    if (address === null || typeof address === 'string') throw new Error('no echo port');
    proxy = await FaultProxy.start({ host: '127.0.0.1', port: address.port });
  });

  afterAll(async () => {
    await proxy.close();
    echo.close();
  });

  it('passes, delays, swallows and resets, switchable at run time', async () => {
    expect(await exchange(proxy.port, 300)).toEqual({ data: 'ping', error: undefined });

    proxy.setMode({ kind: 'latency', ms: 600 });
    expect((await exchange(proxy.port, 200)).data).toBe('');
    proxy.setMode({ kind: 'latency', ms: 100 });
    expect((await exchange(proxy.port, 800)).data).toBe('ping');

    proxy.setMode({ kind: 'blackhole' });
    expect(await exchange(proxy.port, 500)).toEqual({ data: '', error: undefined });

    proxy.setMode({ kind: 'reset' });
    expect(await exchange(proxy.port, 300)).toEqual({ data: '', error: 'ECONNRESET' });

    proxy.setMode({ kind: 'pass' });
    expect((await exchange(proxy.port, 300)).data).toBe('ping');
  });
});

describe('Drill: latency, blackhole and resets between the worker and the payer', () => {
  let stack: PreauthDrillStack;
  let proxy: FaultProxy;

  beforeAll(async () => {
    stack = await PreauthDrillStack.start('drill_payer_faults', {
      env: { PAYER_REQUEST_TIMEOUT_SECONDS: '2', PREAUTH_SUBMIT_ATTEMPTS: '10', PREAUTH_SUBMIT_BACKOFF_MS: '200' },
      endpointFor: async (simUrl, code) => {
        proxy = await FaultProxy.start({ host: '127.0.0.1', port: Number(new URL(simUrl).port) });
        return `http://127.0.0.1:${proxy.port}/v1/payers/${code}/preauths`;
      },
    });
    await stack.startWorker();
  }, 90_000);

  afterAll(async () => {
    await Promise.all([stack?.stop(), proxy?.close()]);
  }, 60_000);

  it('retries through timeouts and resets and the payer creates each request once', async () => {
    // Below the timeout; above it (the payer has the request, the worker gives up and resends); no answer; RST.
    const phases: FaultMode[] = [
      { kind: 'latency', ms: 300 },
      { kind: 'latency', ms: 3_000 },
      { kind: 'blackhole' },
      { kind: 'reset' },
    ];
    for (const mode of phases) {
      proxy.setMode(mode);
      await stack.submitMany(4, 2, 50);
      await sleep(3_000);
    }
    proxy.setMode({ kind: 'pass' });
    const recoveryMs = await stack.waitForProgress();
    await stack.waitUntilAllDecided();
    const { lost, duplicated } = await stack.audit();
    recordDrill({
      drill: 'payer latency/blackhole/reset',
      requests: stack.sent,
      lost,
      duplicated,
      serverErrors: stack.serverErrors,
      recoveryMs,
    });

    expect(stack.accepted).toHaveLength(16);
    expect(stack.unexpected).toEqual([]);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    // The timeouts and resets were failed attempts that were retried, not silent successes.
    const [retried] = await stack.sandbox.query<{ n: string }>(
      'SELECT count(*) AS n FROM preauth_submissions WHERE attempts > 1',
    );
    expect(Number(retried?.n)).toBeGreaterThan(0);
  }, 120_000);
});
