import { StartupError } from '../errors/app-error';

/**
 * Small helpers every process entry point (`main.ts`) shares.
 */

/** Instants are UTC everywhere; date-only values never shift with a server's zone. */
export function useUtc(): void {
  process.env.TZ = 'UTC';
}

/**
 * Graceful shutdown must end: once SIGTERM or SIGINT arrives, the process exits after `timeoutMs` even if
 * a request or job refuses to finish.
 */
export function installShutdownDeadline(timeoutMs: number): void {
  const arm = (signal: NodeJS.Signals): void => {
    setTimeout(() => {
      process.stderr.write(`shutdown did not finish within ${timeoutMs} ms after ${signal}; exiting\n`);
      process.exit(1);
    }, timeoutMs).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}

/** Prints why a process could not start (configuration errors as plain sentences) and exits with 1. */
export function exitOnStartupError(service: string): (error: unknown) => never {
  return (error: unknown) => {
    const text =
      error instanceof StartupError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`continuum ${service} could not start: ${text}\n`);
    process.exit(1);
  };
}

/**
 * When a launcher (`npm start`) forked this process and then died without stopping it (`kill -9`), the IPC
 * channel closes: shut down gracefully instead of running on as an orphan against servers that are gone.
 */
export function stopWhenParentDies(): void {
  if (process.send === undefined) return;
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  // A 'disconnect' listener refs the IPC channel, which alone would keep the process alive after a graceful
  // shutdown closed everything else (the sandbox payer then only exited on its 10 s deadline). Unref it: the
  // listener still fires, but the channel no longer holds the event loop open.
  process.channel?.unref();
}
