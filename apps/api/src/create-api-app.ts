import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { createLogger, REQUEST_ID_HEADER, resolveRequestId } from '@continuum/common';
import type { AppConfig } from '@continuum/config';
import { ApiModule } from './api.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { createValidationPipe } from './http/validation.pipe';
import { setUpOpenApi } from './openapi';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** Health probes are polled every few seconds; logging each would drown the log. */
const UNLOGGED_PATH = /^\/health\//;

/** Builds the HTTP API exactly as production runs it; `main.ts` and the end-to-end tests both use it. */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createLogger({ ...config.logging, service: 'api' });
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    requestIdLogLabel: 'requestId',
    // One line per request, written in the onResponse hook below, instead of Fastify's two.
    disableRequestLogging: true,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (request: IncomingMessage) => resolveRequestId(request.headers[REQUEST_ID_HEADER]),
    // Keep-alive connections are closed on shutdown once their in-flight request is answered.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, logger), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (UNLOGGED_PATH.test(path)) return;
    // The path only: a query string may carry identifiers nobody should find in a log.
    request.log.info(
      { method: request.method, path, statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
}
