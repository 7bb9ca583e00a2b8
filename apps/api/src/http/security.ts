import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessError, AccessErrorCode, ApiKeyService } from '@continuum/access';
import { REQUEST_ID_HEADER } from '@continuum/common';
import { helmetHeaders } from './helmet-headers';

/** How long browsers may cache a CORS preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Security headers (helmet) and CORS. Browsers may call the API only from origins some active admissions key
 * allows; the guard then checks the origin against the presented key itself. Other keys are secret and
 * belong on servers, so no other origin is ever allowed.
 */
export function setUpSecurity(app: NestFastifyApplication): void {
  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI (at /docs) needs inline styles and its inline initialiser.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        // Plain-HTTP deployments (and `npm start` on localhost) must still load the docs' own assets.
        upgradeInsecureRequests: null,
      },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(securityHeaders);
      done();
    });
  refuseDisallowedPreflights(app);
  const apiKeys = app.get(ApiKeyService);
  app.enableCors({
    origin: (origin, callback) => {
      if (origin === undefined) {
        callback(null, false);
        return;
      }
      apiKeys.isAdmissionsOrigin(origin).then(
        (allowed) => callback(null, allowed),
        (error: Error) => callback(error, false),
      );
    },
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', REQUEST_ID_HEADER],
    exposedHeaders: [REQUEST_ID_HEADER, 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    credentials: false,
    // A preflight without Access-Control-Request-Method is answered like any other; the strict check's
    // plain-text 400 would be the one error outside the standard body.
    strictPreflight: false,
  });
}

/**
 * `@fastify/cors` leaves a preflight from an origin it does not allow to its `OPTIONS *` route, which calls
 * it not found (404). It is a refusal: 403 with the standard body, and still no Access-Control-Allow-* headers.
 */
function refuseDisallowedPreflights(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      if (route.method !== 'OPTIONS' || route.url !== '*') return;
      const earlier = route.preHandler === undefined ? [] : [route.preHandler].flat();
      route.preHandler = [
        ...earlier,
        (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
          const origin = request.headers.origin;
          const allowed = (request as FastifyRequest & { corsPreflightEnabled?: boolean }).corsPreflightEnabled;
          if (origin === undefined || allowed === true) {
            done();
            return;
          }
          const shown = origin.slice(0, 200);
          done(new AccessError(AccessErrorCode.Forbidden, `Origin ${shown} may not call this API`, { origin: shown }));
        },
      ];
    });
}
