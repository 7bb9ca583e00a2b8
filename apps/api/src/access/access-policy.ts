import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from '@continuum/access';
import { ErrorBodyDto } from '../http/error-body.dto';

export const ACCESS_POLICY = 'continuum:access-policy';

/**
 * Who may call a route. A route without a policy is admin-only, so nothing is ever open by omission: a route
 * is public only when it says `@Public()`.
 */
export type AccessPolicy = { public: true } | { public: false; roles: readonly Role[] };

export const ADMIN_ONLY: AccessPolicy = { public: false, roles: [Role.Admin] };

/** No key needed (health probes). Use sparingly: the route walk test lists every public route by name. */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { public: true } satisfies AccessPolicy);

/** These roles may call the route; `admin` always may. */
export const Allow = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ACCESS_POLICY, { public: false, roles: [Role.Admin, ...roles] } satisfies AccessPolicy),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      type: ErrorBodyDto,
      description: '`unauthorized`: no key, or an unknown or revoked one.',
    }),
    ApiForbiddenResponse({
      type: ErrorBodyDto,
      description: "`forbidden`: the key's role or origin may not call this.",
    }),
  );

/** Admin-only, said explicitly (the default too). */
export const AdminOnly = (): MethodDecorator & ClassDecorator => Allow();
