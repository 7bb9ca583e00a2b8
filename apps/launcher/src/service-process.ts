import { type ChildProcess, fork } from 'node:child_process';
import { waitForExit } from '@continuum/common';

/** One of the stack's Node processes (API, worker, sandbox payer), run from its compiled entry point. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private stopping = false;

  constructor(
    readonly name: string,
    private readonly entryPoint: string,
  ) {}

  /** Starts the process; `onUnexpectedExit` fires if it ends while nobody asked it to stop. */
  start(env: NodeJS.ProcessEnv, onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.child = fork(this.entryPoint, [], { env, stdio: 'inherit' });
    this.child.once('exit', (code, signal) => {
      if (!this.stopping) onUnexpectedExit(code, signal);
    });
  }

  get isRunning(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM, then SIGKILL if it has not finished its graceful shutdown in time. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child?.pid === undefined || !this.isRunning) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child.pid, timeoutMs))) child.kill('SIGKILL');
  }
}
