import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** Health probes are polled every few seconds; logging each would drown the log. */
const UNLOGGED_PATH = /^\/health\//;

/**
 * One log line per answered request (Fastify's default is two), with the request id under `requestId`.
 * Only the path is logged: a query string may carry identifiers nobody should find in a log.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {
    // Logged once, on completion.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const path = request.url.split('?')[0] ?? '';
    if (UNLOGGED_PATH.test(path)) return;
    const line = {
      method: request.method,
      path,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime),
    };
    if (error !== null && error !== undefined) request.log.error({ ...line, err: error }, 'request failed');
    else request.log.info(line, 'request completed');
  }
}
