import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthenticatedUser, Role } from './authenticated-user';

export const ROLES_KEY = 'onthaal:roles';
export const PUBLIC_KEY = 'onthaal:public';
/** The OpenAPI security scheme of bearer tokens (app.factory.ts adds it to the document). */
export const BEARER_SCHEME = 'bearer';
/** OpenAPI extension listing an operation's roles; `describeAccess` also writes them into its description. */
export const ROLES_EXTENSION = 'x-roles';

/**
 * The roles an endpoint admits. Every route must carry `@Roles(...)` or `@Public()`; the access guard refuses a route
 * that carries neither, so a forgotten declaration closes the endpoint instead of opening it. Also documents the
 * operation in OpenAPI: bearer security, its roles, and its 401/403/429 problems. On a controller it applies to
 * every handler that declares nothing itself.
 */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(BEARER_SCHEME),
    ApiExtension(ROLES_EXTENSION, roles),
    ApiUnauthorizedResponse({ description: 'Problem details, code `UNAUTHENTICATED`: no valid bearer token' }),
    ApiForbiddenResponse({
      description: 'Problem details, code `FORBIDDEN`: not allowed for your role or organisation',
    }),
    ApiTooManyRequestsResponse({ description: 'Problem details, code `RATE_LIMITED`, with `Retry-After`' }),
  );

/** An endpoint open without a token (health, metrics, the OpenAPI document). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The caller, as the access guard verified it. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>();
  if (!request.user) throw new Error('CurrentUser used on a route without an authenticated user');
  return request.user;
});
