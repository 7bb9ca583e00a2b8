import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AccessError, AccessErrorCode, ApiKeyService, Role } from '@continuum/access';
import { createLogger, REQUEST_ID_HEADER, resolveRequestId } from '@continuum/common';
import type { AppConfig, TrustProxy } from '@continuum/config';
import { bearerSecret } from './access/access.guard';
import { ApiModule } from './api.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import type { ErrorBodyDto } from './http/error-body.dto';
import {
  answerClientError,
  answerFrameworkErrors,
  MAX_PARAM_LENGTH,
  refuseRequestsWhileClosing,
  refuseUnstorableParameters,
} from './http/framework-errors';
import { RequestLogController } from './http/request-log.controller';
import { RouteInventory } from './http/route-inventory';
import { setUpSecurity } from './http/security';
import { createValidationPipe } from './http/validation.pipe';
import { setUpOpenApi } from './openapi';
import { keepPayerCallbackBodiesRaw } from './webhooks/payer-callback-body';

const BODY_LIMIT_BYTES = 1024 * 1024;
/** A whole-catalog import (`PUT /v1/catalog`) may carry thousands of plans (about 2.5 KB each). */
const CATALOG_IMPORT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

/** Builds the HTTP API exactly as production runs it; `main.ts` and the end-to-end tests both use it. */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createLogger({ ...config.logging, service: 'api' });
  // One filter answers every error, including the ones Fastify and Node raise before a request reaches Nest.
  const filter = new ApiExceptionFilter();
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLogController(),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (request: IncomingMessage) => resolveRequestId(request.headers[REQUEST_ID_HEADER]),
    // Keep-alive connections are closed on shutdown once their in-flight request is answered.
    forceCloseConnections: 'idle',
    // A request must arrive whole within the timeout (408 from answerClientError otherwise). Node checks
    // open connections every connectionsCheckingInterval, so that interval bounds how late the 408 comes.
    requestTimeout: config.http.requestTimeoutMs,
    http: {
      requestTimeout: config.http.requestTimeoutMs,
      headersTimeout: Math.min(config.http.requestTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.min(Math.max(config.http.requestTimeoutMs / 4, 250), 30_000),
    },
    // Requests arriving while the server closes get a 503 in the standard body (refuseRequestsWhileClosing).
    return503OnClosing: false,
    trustProxy: fastifyTrustProxy(config.http.trustProxy),
    // Strict JSON: a body that tries to set __proto__ or constructor.prototype is refused, not stripped.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    maxParamLength: MAX_PARAM_LENGTH,
    frameworkErrors: answerFrameworkErrors(filter),
    clientErrorHandler: answerClientError,
  });
  const routes = new RouteInventory();
  routes.attachTo(adapter.getInstance());
  refuseUnstorableParameters(adapter.getInstance());
  refuseRequestsWhileClosing(adapter.getInstance());
  // The catalog import may be large, so only an admin may make the server read it: the key is checked before
  // the body is (the global guard checks it again, and audits, once the request reaches Nest).
  const importAccess: { check?: (request: FastifyRequest) => Promise<ErrorBodyDto | undefined> } = {};
  adapter.getInstance().addHook('onRoute', (route) => {
    if (route.url !== '/v1/catalog' || route.method !== 'PUT') return;
    route.bodyLimit = CATALOG_IMPORT_BODY_LIMIT_BYTES;
    const earlier = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [
      ...earlier,
      async (request: FastifyRequest, reply: FastifyReply) => {
        const refusal = await importAccess.check?.(request);
        if (refusal !== undefined) await reply.code(refusal.statusCode).send(refusal);
      },
    ];
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, logger, routes), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  keepPayerCallbackBodiesRaw(app);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
    });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(filter);
  const apiKeys = app.get(ApiKeyService);
  importAccess.check = async (request) => {
    const key = await apiKeys.authenticate(bearerSecret(request.headers.authorization) ?? '');
    if (key === undefined)
      return filter.toBody(new AccessError(AccessErrorCode.Unauthorized, 'An admin API key is required'));
    if (key.role !== Role.Admin)
      return filter.toBody(
        new AccessError(AccessErrorCode.Forbidden, `This route is not open to ${key.role} keys`, { role: key.role }),
      );
    return undefined;
  };
  setUpSecurity(app);
  // After the shutdown hooks, exit 0 (rather than re-raising the signal) so pino flushes and a graceful stop is told apart from a kill.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  setUpOpenApi(app);
  return app;
}

/** A hop count becomes the function Fastify would build from it (the adapter's types omit the number form). */
const fastifyTrustProxy = (trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) =>
  typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
