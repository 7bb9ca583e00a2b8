import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { exitOnStartupError, installShutdownDeadline, stopWhenParentDies, useUtc } from '@continuum/common';
import { AppConfig, loadEnvironment } from '@continuum/config';
import { WORKER_IDENTITY, type WorkerIdentity } from '@continuum/system';
import { createWorkerApp } from './create-worker-app';

async function bootstrap(): Promise<void> {
  useUtc();
  const config = new AppConfig(loadEnvironment(process.env));
  installShutdownDeadline(config.shutdownTimeoutMs);
  stopWhenParentDies();
  const app = await createWorkerApp(config);
  await app.init();
  new Logger('Bootstrap').log({ workerId: app.get<WorkerIdentity>(WORKER_IDENTITY).workerId }, 'worker started');
  for (const warning of config.deprecationWarnings) new Logger('Bootstrap').warn(warning);
}

bootstrap().catch(exitOnStartupError('worker'));
