/**
 * `npm run start:payer-sim`: a sandbox payer for demos and tests. It takes pre-authorization requests in JSON
 * and X12 278, decides them by configurable rules, answers at once or later by signed callback, and dedupes
 * by trace number. State lives in memory.
 */
import {
  createLogger,
  exitOnStartupError,
  installShutdownDeadline,
  stopWhenParentDies,
  useUtc,
} from '@continuum/common';
import { CallbackSender } from './callback-sender';
import { PayerSimulator } from './payer-simulator';
import { loadSimConfig } from './sim-config';
import { SimScheduler } from './sim-scheduler';
import { createSimServer } from './sim-server';
import { SubmissionStore } from './submission-store';
import { X12Responder } from './x12-translation';

const SHUTDOWN_TIMEOUT_MS = 10_000;

/** For the start log: a URL may carry a password. */
const withoutCredentials = (url: string | null): string | null => {
  if (url === null) return null;
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
};

async function bootstrap(): Promise<void> {
  useUtc();
  const config = loadSimConfig(process.env);
  const logger = createLogger({ level: config.logLevel, pretty: false, service: 'payer-sim' });
  const scheduler = new SimScheduler();
  const store = new SubmissionStore();
  const x12 = new X12Responder();
  const callbacks = new CallbackSender({
    callbackUrl: config.callbackUrl,
    webhookSecrets: config.webhookSecrets,
    scheduler,
    logger,
  });
  const simulator = new PayerSimulator({
    store,
    scheduler,
    callbacks,
    x12,
    logger,
    rules: config.rules,
    defaultDelayMs: config.decisionDelayMs,
  });
  const server = createSimServer({ simulator, store, scheduler, x12, adminToken: config.adminToken, logger });

  installShutdownDeadline(SHUTDOWN_TIMEOUT_MS);
  stopWhenParentDies();
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // Ctrl-C reaches every process in the group, then the launcher sends its own SIGTERM (and a closed IPC
    // channel another): later signals must not find the default handler, which would kill the process
    // mid-shutdown instead of letting it exit with code 0.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'payer sim stopping');
    // Pending decisions and callback retries die with the sandbox: its state is in memory anyway.
    scheduler.cancelAll();
    callbacks.stop();
    // Exit at once, as the API and worker do: a process left to wind down by itself restores the default
    // signal handlers on the way out, and the launcher's SIGTERM landing then would kill it instead.
    void server.close().then(() => {
      logger.info('payer sim stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const url = await server.listen({ port: config.port, host: config.host });
  logger.info(
    {
      url,
      rules: config.rulesSource,
      decisionDelayMs: config.decisionDelayMs,
      callbackUrl: withoutCredentials(config.callbackUrl),
      payersWithSecrets: [...config.webhookSecrets.keys()],
      controlEndpointsGuarded: config.adminToken !== null,
    },
    'payer sim listening',
  );
}

bootstrap().catch(exitOnStartupError('payer-sim'));
