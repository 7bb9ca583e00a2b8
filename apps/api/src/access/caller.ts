import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedKey } from '@continuum/access';
import type { AuditContext } from '@continuum/audit';

/** The authenticated caller of a request, as services take it for their audit rows. */
export interface Caller extends AuditContext {
  key: AuthenticatedKey;
  requestId: string;
  clientAddress: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `AccessGuard` on every route that is not public. */
    caller?: Caller;
  }
}

export function callerOf(key: AuthenticatedKey, request: FastifyRequest): Caller {
  return {
    key,
    actor: { type: 'api_key', keyId: key.id, role: key.role },
    requestId: request.id,
    clientAddress: request.ip,
  };
}

/** The audit context of an unauthenticated request (for rows about refused access). */
export const anonymousContextOf = (request: FastifyRequest): AuditContext => ({
  actor: { type: 'anonymous' },
  requestId: request.id,
  clientAddress: request.ip,
});

/** `@CurrentCaller() caller: Caller` in a handler of a non-public route. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<FastifyRequest>().caller;
  if (caller === undefined) throw new Error('CurrentCaller used on a route AccessGuard did not authenticate');
  return caller;
});
