import { type ChildProcess, fork, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/** ts-node's transpile-only hook, so child scripts of the bench run from their TypeScript source like main.ts. */
const TS_NODE = require.resolve('ts-node/register/transpile-only');

/**
 * A child process whose output goes straight to a log file: piping it through this process would make the load
 * generator pay for every log line the services write.
 */
export class BenchProcess {
  private readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} has no pid`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM, then SIGKILL if it is still there after `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

const baseEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME });

/** Runs a compiled entry point (the API, the worker, the sandbox payer) with only the given environment. */
export function spawnEntry(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  nodeOptions: string[] = [],
): BenchProcess {
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeOptions, entry], {
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  return new BenchProcess(name, child);
}

/** Runs one of the bench's own TypeScript scripts, with an IPC channel for messages. */
export function forkScript(name: string, script: string, env: NodeJS.ProcessEnv, logFile: string): BenchProcess {
  const out = openSync(logFile, 'a');
  const child = fork(script, [], {
    env: { ...baseEnv(), ...env },
    execArgv: ['-r', TS_NODE],
    stdio: ['ignore', out, out, 'ipc'],
  });
  closeSync(out);
  return new BenchProcess(name, child);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `url` until it answers 200, failing early when `process` has exited. */
export async function waitForHttp(url: string, process: BenchProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!process.running) throw new Error(`${process.name} exited while starting (see its log)`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`${process.name} not ready at ${url} within ${timeoutMs} ms (${last})`);
}

export { sleep };
