import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import type { Logger } from 'pino';
import type { SandboxRejection } from '@continuum/payer-gateway';
import { parse278Request, type Request278, X12SyntaxError } from '@continuum/x12';
import { parseRules, RulesError } from './decision-rules-parser';
import type { PayerSimulator, SubmissionAnswer } from './payer-simulator';
import { PAYER_CODE } from './sim-config';
import type { SimScheduler } from './sim-scheduler';
import type { SubmissionStore } from './submission-store';
import { checkSubmission } from './submission-validation';
import { submissionFrom278, type X12Responder } from './x12-translation';

export const X12_CONTENT_TYPE = 'application/edi-x12';
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface SimServerDeps {
  simulator: PayerSimulator;
  store: SubmissionStore;
  scheduler: SimScheduler;
  x12: X12Responder;
  adminToken: string | null;
  logger: Logger;
}

type PayerRoute = { Params: { payerCode: string }; Body: unknown };

const rejection = (code: string, message: string): SandboxRejection => ({ code, message });

const UNAVAILABLE = rejection('payer_unavailable', 'The payer is unavailable (simulated outage); retry later.');

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * The sandbox payer's HTTP surface: submissions in JSON and X12, the `/v1/sim/*` control endpoints (behind
 * `PAYER_SIM_ADMIN_TOKEN` when set) and `/health`. Request bodies are never logged: they carry PHI.
 */
export function createSimServer(deps: SimServerDeps): FastifyInstance {
  // Typed with the base logger (which pino's Logger is), the instance keeps Fastify's default types.
  const server = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: deps.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: 'idle',
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  // X12 is text: the route parses it itself, so keep the raw string.
  server.addContentTypeParser(X12_CONTENT_TYPE, { parseAs: 'string' }, (_request, body, done) => done(null, body));

  server.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send(rejection('internal_error', 'The payer sim failed to handle the request.'));
    }
    const code = status === 415 ? 'unsupported_media_type' : status === 413 ? 'payload_too_large' : 'invalid_request';
    return reply.code(status).send(rejection(code, error.message));
  });
  server.setNotFoundHandler((request, reply) =>
    reply.code(404).send(rejection('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );

  server.get('/health', () => ({ status: 'ok' }));

  const badPayerCode = (payerCode: string, reply: FastifyReply): boolean => {
    if (PAYER_CODE.test(payerCode)) return false;
    void reply.code(400).send(rejection('invalid_request', 'payerCode must be 1–64 letters, digits, - or _'));
    return true;
  };

  server.post<PayerRoute>('/v1/payers/:payerCode/preauths', (request, reply) => {
    const { payerCode } = request.params;
    if (badPayerCode(payerCode, reply)) return reply;
    const check = checkSubmission(request.body);
    if (!check.valid) return reply.code(400).send(rejection('invalid_request', check.problems.join('; ')));
    const answer = deps.simulator.submit(payerCode, check.submission);
    switch (answer.kind) {
      case 'accepted':
        return reply.code(answer.status).send(answer.receipt);
      case 'rejected':
        return reply.code(400).send(answer.rejection);
      case 'unavailable':
        return reply.code(503).header('retry-after', '1').send(UNAVAILABLE);
    }
  });

  server.post<PayerRoute>('/v1/payers/:payerCode/x12/278', (request, reply) => {
    const { payerCode } = request.params;
    if (badPayerCode(payerCode, reply)) return reply;
    if (typeof request.body !== 'string') {
      return reply.code(415).send(rejection('unsupported_media_type', `send the 278 request as ${X12_CONTENT_TYPE}`));
    }
    let x12Request: Request278;
    try {
      x12Request = parse278Request(request.body);
    } catch (error) {
      if (!(error instanceof X12SyntaxError)) throw error;
      return reply.code(400).send(rejection('invalid_request', `unreadable 278 request: ${error.message}`));
    }
    const answer = deps.simulator.submit(payerCode, submissionFrom278(x12Request), x12Request);
    if (answer.kind === 'unavailable') return reply.code(503).header('retry-after', '1').send(UNAVAILABLE);
    // Clearinghouses answer a refused request with a 278 carrying AAA segments, over HTTP 200.
    return reply
      .code(answer.kind === 'accepted' ? answer.status : 200)
      .type(X12_CONTENT_TYPE)
      .send(deps.x12.respond(x12Request, answer.record.payerReference, x12AnswerOf(answer)));
  });

  void server.register((control: FastifyInstance, _options, done) => {
    if (deps.adminToken !== null) control.addHook('onRequest', adminGuard(deps.adminToken));
    registerControlRoutes(control, deps);
    done();
  });
  return server;
}

const x12AnswerOf = (
  answer: Exclude<SubmissionAnswer, { kind: 'unavailable' }>,
): Parameters<X12Responder['respond']>[2] =>
  answer.kind === 'rejected'
    ? { rejection: answer.rejection }
    : answer.receipt.decision === null
      ? {}
      : { decision: answer.receipt.decision };

/** Bearer token check, in constant time (digests of equal length, whatever the token's length). */
function adminGuard(token: string) {
  const expected = digest(token);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (given === '' || !timingSafeEqual(digest(given), expected)) {
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send(rejection('unauthorized', 'send PAYER_SIM_ADMIN_TOKEN as "Authorization: Bearer <token>"'));
    }
  };
}

function registerControlRoutes(control: FastifyInstance, deps: SimServerDeps): void {
  control.get('/v1/sim/rules', () => ({ rules: deps.simulator.currentRules }));

  control.put<{ Body: unknown }>('/v1/sim/rules', (request, reply) => {
    try {
      deps.simulator.replaceRules(parseRules(request.body));
    } catch (error) {
      if (!(error instanceof RulesError)) throw error;
      return reply.code(400).send(rejection('invalid_rules', error.message));
    }
    request.log.info({ rules: deps.simulator.currentRules.length }, 'rules replaced');
    return { rules: deps.simulator.currentRules };
  });

  control.post('/v1/sim/reset', (request, reply) => {
    deps.simulator.reset();
    request.log.info('sim reset');
    return reply.code(204).send();
  });

  control.get<{ Params: { traceNumber: string }; Querystring: { payerCode?: string } }>(
    '/v1/sim/submissions/:traceNumber',
    (request, reply) => {
      const record = deps.store.find(request.params.traceNumber, request.query.payerCode);
      if (record === undefined)
        return reply.code(404).send(rejection('not_found', 'no submission with this trace number'));
      // The submission itself is PHI: only what the payer did with it is shown.
      return {
        traceNumber: record.traceNumber,
        payerCode: record.payerCode,
        payerReference: record.payerReference,
        format: record.format,
        deliveries: record.deliveries,
        created: record.created ? 1 : 0,
        decision: record.decision,
        rejection: record.rejection,
        callbacks: record.callbacks.map(({ webhookId, type, status, attempts, lastStatusCode }) => ({
          webhookId,
          type,
          status,
          attempts,
          lastStatusCode,
        })),
      };
    },
  );

  // Scenario: the payer revokes an authorization it granted (signed `preauth.cancelled` callback, HCR01 C).
  control.post<{
    Params: { traceNumber: string };
    Querystring: { payerCode?: string };
    Body: { lastCoveredDay?: string | null } | undefined;
  }>('/v1/sim/submissions/:traceNumber/revocation', (request, reply) => {
    const lastCoveredDay = request.body?.lastCoveredDay ?? null;
    if (lastCoveredDay !== null && !/^\d{4}-\d{2}-\d{2}$/.test(lastCoveredDay)) {
      return reply.code(400).send(rejection('invalid_date', 'lastCoveredDay must be YYYY-MM-DD'));
    }
    const decision = deps.simulator.revoke(request.params.traceNumber, request.query.payerCode, lastCoveredDay);
    if (decision === undefined) {
      return reply.code(404).send(rejection('not_found', 'no approved submission with this trace number'));
    }
    return reply.code(202).send({ decision });
  });

  control.get('/v1/sim/stats', () => ({ ...deps.store.stats(), scheduledTimers: deps.scheduler.pending }));
}
