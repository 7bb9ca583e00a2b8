import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { exitOnStartupError, installShutdownDeadline, stopWhenParentDies, useUtc } from '@continuum/common';
import { AppConfig, loadEnvironment } from '@continuum/config';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  useUtc();
  const config = new AppConfig(loadEnvironment(process.env));
  installShutdownDeadline(config.shutdownTimeoutMs);
  stopWhenParentDies();
  const app = await createApiApp(config);
  await app.listen({ port: config.http.port, host: config.http.host });
  new Logger('Bootstrap').log({ url: await app.getUrl() }, 'api listening');
  for (const warning of config.deprecationWarnings) new Logger('Bootstrap').warn(warning);
}

bootstrap().catch(exitOnStartupError('api'));
