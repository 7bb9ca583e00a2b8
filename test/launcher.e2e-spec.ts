import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../libs/common/src/process/free-port';
import { isProcessAlive, readPidFile, waitForExit } from '../libs/common/src/process/orphan-process';
import { eventually } from './support/eventually';
import { ServiceUnderTest } from './support/service-process';

/**
 * `npm start` on embedded defaults: no DATABASE_URL, no REDIS_URL. Each launcher runs in its own process
 * group, so a test can send SIGINT to the whole group exactly as Ctrl-C in a terminal does.
 */
describe('Launcher (npm start) on embedded defaults', () => {
  let dataDir: string;
  let port: number;
  const launchers: ServiceUnderTest[] = [];

  const launch = (): ServiceUnderTest => {
    const launcher = new ServiceUnderTest(
      'launcher',
      { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', HEARTBEAT_INTERVAL_SECONDS: '1' },
      { detached: true },
    );
    launchers.push(launcher);
    return launcher;
  };
  const postmasterPid = (): number | undefined => readPidFile(join(dataDir, 'postgres', 'postmaster.pid'));
  const readiness = async (): Promise<{ status: string }> => {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
    return (await response.json()) as { status: string };
  };

  beforeAll(async () => {
    // Under /tmp: when tests run as root, PostgreSQL runs as `postgres`, which must reach the directory.
    dataDir = mkdtempSync(join(tmpdir(), 'continuum-launcher-'));
    chmodSync(dataDir, 0o755);
    port = await findFreePort();
  });

  afterAll(() => {
    for (const launcher of launchers) {
      if (launcher.child.pid !== undefined && launcher.child.exitCode === null) {
        try {
          process.kill(-launcher.child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    const pid = postmasterPid();
    if (pid !== undefined && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    const redisPid = readPidFile(join(dataDir, 'redis', 'redis.pid'));
    if (redisPid !== undefined && isProcessAlive(redisPid)) process.kill(redisPid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts PostgreSQL, Redis, API and worker, prints where to go, and becomes ready', async () => {
    const launcher = launch();
    const [, apiUrl] = await launcher.waitForOutput(/API\s+(http:\/\/localhost:\d+)/, 90_000);
    expect(apiUrl).toBe(`http://localhost:${port}`);
    expect(launcher.text).toContain(`API docs     http://localhost:${port}/docs`);
    expect(launcher.text).toContain(`Health       http://localhost:${port}/health/ready`);
    expect(launcher.text).toContain('Catalog      demo catalog loaded from config/ (4 payers, 5 plans)');
    expect(launcher.text).toMatch(/PostgreSQL\s+embedded, 127\.0\.0\.1:(\d+)/);
    // Never the shared default ports.
    const [, pgPort] = launcher.text.match(/PostgreSQL\s+embedded, 127\.0\.0\.1:(\d+)/) ?? [];
    const [, redisPort] = launcher.text.match(/Redis\s+embedded, 127\.0\.0\.1:(\d+)/) ?? [];
    expect(pgPort).not.toBe('5432');
    expect(redisPort).not.toBe('6379');
    await eventually(async () => expect((await readiness()).status).toBe('ok'), 30_000);
  });

  it('generates development PHI keys with a warning, and prints a working demo key per role', async () => {
    const launcher = launchers[0];
    if (launcher === undefined) throw new Error('no launcher running');
    expect(launcher.text).toContain('WARNING: PHI is encrypted with a development key');
    const keys = demoKeysIn(launcher.text);
    const status = async (key: string): Promise<number> =>
      (await fetch(`http://127.0.0.1:${port}/v1/api-keys`, { headers: { authorization: `Bearer ${key}` } })).status;
    expect(await status(keys.admin)).toBe(200);
    expect(await status(keys.billing)).toBe(403);
    expect(await status(keys.admissions)).toBe(403);
    expect(await status('cnt_admin_not-a-real-key')).toBe(401);
    // The estimator page it prints works with the demo admissions key from the page's own origin.
    const estimator = `http://localhost:${port}/estimate?key=${keys.admissions}`;
    expect(launcher.text).toContain(`Estimator    ${estimator}`);
    expect((await fetch(estimator)).status).toBe(200);
    const fromPage = await fetch(`http://127.0.0.1:${port}/v1/levels-of-care`, {
      headers: { authorization: `Bearer ${keys.admissions}`, origin: `http://localhost:${port}` },
    });
    expect(fromPage.status).toBe(200);
    const secrets = readFileSync(join(dataDir, 'development-secrets.json'), 'utf8');
    expect(secrets).toContain(keys.admin);
  });

  it('stops everything in order on Ctrl-C (SIGINT to the whole process group)', async () => {
    const launcher = launchers[0];
    if (launcher?.child.pid === undefined) throw new Error('no launcher running');
    const pid = postmasterPid();
    process.kill(-launcher.child.pid, 'SIGINT');
    expect(await launcher.waitForExit(60_000)).toEqual({ code: 0, signal: null });
    expect(launcher.text).toContain('[launcher] stopped');
    // Every child (API, worker, sandbox payer) finished its own graceful shutdown: none ran into its deadline.
    expect(launcher.text).not.toContain('shutdown did not finish');
    // Each child ended cleanly (code 0, not killed by a signal), as the launcher reports it.
    const exits = Object.fromEntries(
      [...launcher.text.matchAll(/\[launcher\] (api|worker|payer-sim) exited \((.+)\)/g)].map((m) => [m[1], m[2]]),
    );
    expect(exits).toEqual({ api: 'code 0', worker: 'code 0', 'payer-sim': 'code 0' });
    expect(pid !== undefined && (await waitForExit(pid, 5_000))).toBe(true);
    expect(existsSync(join(dataDir, 'launcher.pid'))).toBe(false);
  });

  it('keeps the data and recovers servers left running by a launcher killed with kill -9', async () => {
    const first = launch();
    await first.waitForOutput(/Press Ctrl-C to stop/, 90_000);
    const orphanedPostgres = postmasterPid();
    // Only the launcher dies; PostgreSQL and Redis are left running (the API and worker notice and stop).
    first.child.kill('SIGKILL');
    await first.waitForExit();
    expect(orphanedPostgres !== undefined && isProcessAlive(orphanedPostgres)).toBe(true);

    const second = launch();
    await second.waitForOutput(/Press Ctrl-C to stop/, 90_000);
    expect(second.text).toContain(`stopped PostgreSQL (pid ${orphanedPostgres}) left running by an earlier run`);
    expect(second.text).toMatch(/stopped redis-server \(pid \d+\) left running by an earlier run/);
    expect(second.text).not.toContain('initdb');
    // The same keys as the first run: the data written with them stays readable, the printed keys keep working.
    expect(demoKeysIn(second.text)).toEqual(demoKeysIn(first.text));
    // The catalog is loaded once; later starts keep what is there.
    expect(second.text).toMatch(/Catalog {6}catalog version \d+ \(4 payers, 5 plans\)/);
    await eventually(async () => expect((await readiness()).status).toBe('ok'), 30_000);

    if (second.child.pid !== undefined) process.kill(-second.child.pid, 'SIGINT');
    expect(await second.waitForExit(60_000)).toEqual({ code: 0, signal: null });
  });

  it("shows PostgreSQL's own log lines when it cannot start", async () => {
    const conf = join(dataDir, 'postgres', 'postgresql.conf');
    const original = readFileSync(conf, 'utf8');
    appendFileSync(conf, '\nno_such_setting = on\n');
    try {
      const launcher = launch();
      const status = await launcher.waitForExit(60_000);
      expect({ status, output: launcher.text }).toMatchObject({ status: { code: 1 } });
      expect(launcher.text).toContain('Embedded PostgreSQL failed to start');
      expect(launcher.text).toContain('unrecognized configuration parameter "no_such_setting"');
      expect(launcher.text).not.toContain('undefined');
    } finally {
      writeFileSync(conf, original);
    }
  });
});

function demoKeysIn(banner: string): Record<'admin' | 'billing' | 'admissions', string> {
  const keyOf = (role: string): string => {
    const match = new RegExp(`^\\s+${role}\\s+(cnt_\\w+_[\\w-]+)`, 'm').exec(banner);
    if (match?.[1] === undefined) throw new Error(`no ${role} key in the banner:\n${banner}`);
    return match[1];
  };
  return { admin: keyOf('admin'), billing: keyOf('billing'), admissions: keyOf('admissions') };
}
