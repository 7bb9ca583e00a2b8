import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { createLogger } from '@continuum/common';
import type { AppConfig } from '@continuum/config';
import { createWorkerIdentity } from '@continuum/system';
import { WorkerModule } from './worker.module';

/** Builds the worker (a Nest application context: no HTTP server but its health probe). */
export async function createWorkerApp(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, createWorkerIdentity(), createLogger({ ...config.logging, service: 'worker' })),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  // After the shutdown hooks, exit 0 (rather than re-raising the signal) so pino flushes and a graceful stop is told apart from a kill.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}
