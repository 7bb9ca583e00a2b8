import IORedis from 'ioredis';
import request from 'supertest';
import { eventually } from './support/eventually';
import type { ServiceUnderTest } from './support/service-process';
import { createSandbox, type RunningApi, type Sandbox, startApi, startWorker } from './support/test-stack';

describe('Queue: jobs travel from the API process to the worker process', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let worker: ServiceUnderTest;

  beforeAll(async () => {
    sandbox = await createSandbox('queue', { LOG_LEVEL: 'info' });
    [api, worker] = await Promise.all([startApi(sandbox.env), startWorker(sandbox.env)]);
  });

  afterAll(async () => {
    await Promise.all([api?.process.stop(), worker?.stop()]);
  });

  it('runs the repeatable heartbeat, which readiness then reports', async () => {
    const body = await eventually(async () => {
      const response = await request(api.url).get('/health/ready').expect(200);
      expect(response.body.status).toBe('ok');
      return response.body as { checks: { worker: { status: string; workerId: string } } };
    });
    expect(body.checks.worker.status).toBe('up');
    expect(body.checks.worker.workerId).toContain(`/${worker.child.pid}/`);
    const rows = await sandbox.query<{ pid: number }>('SELECT pid FROM worker_heartbeats');
    expect(rows).toEqual([{ pid: worker.child.pid }]);
  });

  it('answers a queue probe from the worker process, not the API', async () => {
    const response = await request(api.url)
      .post('/v1/system/queue-probe')
      .set('authorization', `Bearer ${sandbox.adminKey}`)
      .expect(200);
    expect(response.body).toEqual({
      probeId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      workerId: expect.stringContaining(`/${worker.child.pid}/`),
      roundTripMs: expect.any(Number),
    });
    expect(response.body.workerId).not.toContain(`/${api.process.child.pid}/`);
  });

  it('keeps payloads free of anything but ids (the probe job in Redis)', async () => {
    // The job's data is what BullMQ stores in clear text; it must hold ids and times only.
    const probe = await request(api.url)
      .post('/v1/system/queue-probe')
      .set('authorization', `Bearer ${sandbox.adminKey}`)
      .set('x-request-id', 'probe-req-0001');
    expect(probe.status).toBe(200);
    const redis = new IORedis(sandbox.env.REDIS_URL ?? '');
    try {
      const data = await redis.hget(`${sandbox.queuePrefix}:system:probe-${probe.body.probeId}`, 'data');
      expect(JSON.parse(data ?? 'null')).toEqual({
        probeId: probe.body.probeId,
        correlationId: 'probe-req-0001',
        sentAt: expect.any(String),
      });
    } finally {
      redis.disconnect();
    }
  });

  // A killed process would end by the signal; a graceful one runs its shutdown hooks, then exits 0.
  it('stops the worker gracefully on SIGTERM: it stops taking jobs, closes connections, exits', async () => {
    const status = await worker.stop('SIGTERM');
    expect(status).toEqual({ code: 0, signal: null });
    expect(worker.text).toContain('"msg":"stopped taking jobs"');
    expect(worker.text).toContain('"msg":"queue connections closed"');
    expect(worker.text).not.toContain('shutdown did not finish');
  });

  it('stops the API gracefully on SIGTERM: it closes its connections and exits', async () => {
    const status = await api.process.stop('SIGTERM');
    expect(status).toEqual({ code: 0, signal: null });
    expect(api.process.text).toContain('"msg":"queue connections closed"');
  });
});
