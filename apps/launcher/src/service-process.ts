import { type ChildProcess, fork } from 'node:child_process';
import { waitForExit } from '@continuum/common';

/** One of the stack's Node processes (API, worker, sandbox payer), run from its compiled entry point. */
export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<ServiceExit> | undefined;
  private stopping = false;

  constructor(
    readonly name: string,
    private readonly entryPoint: string,
  ) {}

  /** Starts the process; `onUnexpectedExit` fires if it ends while nobody asked it to stop. */
  start(env: NodeJS.ProcessEnv, onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    const child = fork(this.entryPoint, [], { env, stdio: 'inherit' });
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.stopping) onUnexpectedExit(code, signal);
        resolve({ code, signal });
      }),
    );
  }

  get isRunning(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * SIGTERM, then SIGKILL if it has not finished its graceful shutdown in time. Resolves with how it ended
   * (also when it had already ended, e.g. on the terminal's own Ctrl-C); undefined if it never started.
   */
  async stop(timeoutMs: number): Promise<ServiceExit | undefined> {
    this.stopping = true;
    const child = this.child;
    if (child?.pid !== undefined && this.isRunning) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child.pid, timeoutMs))) child.kill('SIGKILL');
    }
    return this.exited;
  }
}
