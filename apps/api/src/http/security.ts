import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiKeyService } from '@continuum/access';
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
  });
}
