import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive, readPidFile, StartupError } from '@continuum/common';

export class LauncherAlreadyRunningError extends StartupError {}

/**
 * One launcher per DATA_DIR: a second one would stop the first one's PostgreSQL, taking it for an orphan.
 * Returns a function that releases the lock.
 */
export function acquireLauncherLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'launcher.pid');
  const holder = readPidFile(lockFile);
  if (holder !== undefined && holder !== process.pid && isProcessAlive(holder) && isLauncher(holder)) {
    throw new LauncherAlreadyRunningError(
      `Continuum is already running from ${dataDir} (launcher pid ${holder}). Stop it first, or set DATA_DIR to another directory.`,
    );
  }
  writeFileSync(lockFile, `${process.pid}\n`);
  return () => {
    if (readPidFile(lockFile) === process.pid) rmSync(lockFile, { force: true });
  };
}

function isLauncher(pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  // Where /proc is missing we cannot tell, and err on the side of not starting twice.
  return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('launcher');
}
