import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (a postgres server started as root, say).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The command line of a running process, or '' where the platform does not expose it. */
const commandLineOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};

/** Reads the first line of a pid file (postmaster.pid and redis.pid both start with the pid). */
export function readPidFile(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await sleep(50);
  }
  return !isProcessAlive(pid);
}

/**
 * Stops a server left running by a run that was killed (its parent died with `kill -9`, so nothing
 * stopped it). The pid is only signalled when its command line names the expected program, so a
 * recycled pid belonging to something else is left alone. Returns the pid it stopped, if any.
 */
export async function stopOrphanedServer(
  pidFile: string,
  program: string,
  signal: NodeJS.Signals,
  timeoutMs = 15_000,
): Promise<number | undefined> {
  const pid = readPidFile(pidFile);
  if (pid === undefined || !isProcessAlive(pid)) return undefined;
  const commandLine = commandLineOf(pid);
  if (commandLine !== '' && !commandLine.includes(program)) return undefined;
  process.kill(pid, signal);
  if (!(await waitForExit(pid, timeoutMs))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
  return pid;
}
