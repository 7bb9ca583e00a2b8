import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Compiled entry points: `npm test` builds before it runs the suites. */
export const ENTRY_POINTS = {
  api: join(ROOT, 'dist/apps/api/apps/api/src/main.js'),
  worker: join(ROOT, 'dist/apps/worker/apps/worker/src/main.js'),
  launcher: join(ROOT, 'dist/apps/launcher/apps/launcher/src/main.js'),
  'phi-reencrypt': join(ROOT, 'dist/apps/worker/apps/worker/src/reencrypt-phi.command.js'),
  seed: join(ROOT, 'dist/apps/worker/apps/worker/src/seed-catalog.command.js'),
  'payer-sim': join(ROOT, 'dist/apps/payer-sim/apps/payer-sim/src/main.js'),
} as const;

/**
 * The variables that shift a process's clock under `npm run test:time-travel` (libfaketime): passed on to
 * every process a test starts, so the whole stack runs on the test's clock. Not to the launcher: it starts
 * redis-server and PostgreSQL, which crash with libfaketime preloaded (its test has no dates to shift).
 */
export function clockEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name === 'LD_PRELOAD' || name.startsWith('FAKETIME')),
  );
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A real process of the stack, started from its compiled entry point, with its output kept for assertions. */
export class ServiceUnderTest {
  readonly child: ChildProcess;
  private output = '';
  private readonly exited: Promise<ExitStatus>;

  /** `detached`: its own process group, so a test can signal the group the way a terminal's Ctrl-C does. */
  constructor(
    app: keyof typeof ENTRY_POINTS,
    env: NodeJS.ProcessEnv,
    options: { cwd?: string; detached?: boolean } = {},
  ) {
    this.child = spawn(process.execPath, [ENTRY_POINTS[app]], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...(app === 'launcher' ? {} : clockEnvironment()),
        ...env,
      },
      cwd: options.cwd ?? ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.detached ?? false,
    });
    const collect = (chunk: Buffer): void => {
      this.output += chunk.toString('utf8');
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get text(): string {
    return this.output;
  }

  /** Resolves with the first match of `pattern` in the output, or rejects when the process exits or time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const match = this.output.match(pattern);
        if (match !== null) {
          cleanup();
          resolve(match);
          return true;
        }
        return false;
      };
      const onData = (): void => void check();
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${pattern} within ${timeoutMs} ms; output so far:\n${this.output}`));
      }, timeoutMs);
      const onExit = (): void => {
        if (!check()) {
          cleanup();
          reject(new Error(`process exited before printing ${pattern}; output:\n${this.output}`));
        }
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.stdout?.off('data', onData);
        this.child.stderr?.off('data', onData);
        this.child.off('exit', onExit);
      };
      this.child.stdout?.on('data', onData);
      this.child.stderr?.on('data', onData);
      this.child.once('exit', onExit);
      check();
    });
  }

  waitForExit(timeoutMs = 30_000): Promise<ExitStatus> {
    return Promise.race([
      this.exited,
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`still running after ${timeoutMs} ms; output:\n${this.output}`)),
          timeoutMs,
        ).unref(),
      ),
    ]);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<ExitStatus> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.waitForExit(timeoutMs);
  }
}
