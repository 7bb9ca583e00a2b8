import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AccessError,
  AccessErrorCode,
  AdmissionsRateLimiter,
  ApiKeyService,
  type AuthenticatedKey,
  Role,
} from '@continuum/access';
import { AuditAction, AuditOutcome, AuditService } from '@continuum/audit';
import { ACCESS_POLICY, type AccessPolicy, ADMIN_ONLY } from './access-policy';
import { anonymousContextOf, callerOf } from './caller';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The secret of an `Authorization: Bearer <key>` header, or undefined. */
export const bearerSecret = (header: string | undefined): string | undefined =>
  header === undefined ? undefined : BEARER.exec(header)?.[1];

/**
 * Runs before every handler (registered as a global guard): resolves the API key, checks the route's policy,
 * and for publishable admissions keys the browser origin and the rate limits. 401 means "who are you?",
 * 403 "you may not", 429 "not so fast".
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
    private readonly rateLimiter: AdmissionsRateLimiter,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy =
      this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? ADMIN_ONLY;
    if (policy.public) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    const secret = bearerSecret(header);
    if (secret === undefined) {
      throw new AccessError(
        AccessErrorCode.Unauthorized,
        header === undefined
          ? 'An API key is required: send it as "Authorization: Bearer <key>"'
          : 'The Authorization header must be "Bearer <key>"',
      );
    }
    const key = await this.apiKeys.authenticate(secret);
    if (key === undefined) {
      await this.deny(request, undefined, 'unknown_or_revoked_key');
      throw new AccessError(AccessErrorCode.Unauthorized, 'The API key is not valid (unknown or revoked)');
    }
    if (!policy.roles.includes(key.role)) {
      await this.deny(request, key, 'role');
      throw new AccessError(AccessErrorCode.Forbidden, `This route is not open to ${key.role} keys`, {
        role: key.role,
      });
    }
    if (key.role === Role.Admissions) {
      await this.checkPublishableKey(request, context.switchToHttp().getResponse<FastifyReply>(), key);
    }
    request.caller = callerOf(key, request);
    return true;
  }

  private async checkPublishableKey(
    request: FastifyRequest,
    reply: FastifyReply,
    key: AuthenticatedKey,
  ): Promise<void> {
    // A page calling from a browser always sends Origin; a request without one (a server, curl) cannot be
    // told apart from a forged header anyway, so the rate limits are what protect a publishable key.
    const origin = request.headers.origin;
    if (origin !== undefined && !key.allowedOrigins.has(origin)) {
      await this.deny(request, key, 'origin');
      throw new AccessError(AccessErrorCode.Forbidden, 'This key may not be used from this origin', {
        origin: origin.slice(0, 200),
      });
    }
    const decision = await this.rateLimiter.consume(key.id, request.ip);
    void reply.header('ratelimit-limit', decision.limit);
    void reply.header('ratelimit-remaining', decision.remaining);
    void reply.header('ratelimit-reset', decision.resetSeconds);
    if (!decision.allowed) {
      void reply.header('retry-after', decision.resetSeconds);
      throw new AccessError(AccessErrorCode.RateLimited, `Too many requests; retry in ${decision.resetSeconds} s`, {
        retryAfterSeconds: decision.resetSeconds,
      });
    }
  }

  /** Records a refusal. A failure to record never turns the 401/403 into a 500. */
  private async deny(request: FastifyRequest, key: AuthenticatedKey | undefined, reason: string): Promise<void> {
    const context = key === undefined ? anonymousContextOf(request) : callerOf(key, request);
    await this.audit
      .record(context, {
        action: AuditAction.AccessDeny,
        subjectType: 'route',
        subjectId: `${request.method} ${request.routeOptions.url ?? ''}`.slice(0, 64),
        outcome: AuditOutcome.Denied,
        details: { reason },
      })
      .catch((error: unknown) => {
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'access denial not audited');
      });
  }
}
