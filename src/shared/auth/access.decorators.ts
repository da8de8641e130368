import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedUser, Role } from './authenticated-user';

export const ROLES_KEY = 'onthaal:roles';
export const PUBLIC_KEY = 'onthaal:public';

/**
 * The roles an endpoint admits. Every route must carry `@Roles(...)` or `@Public()`; the access guard refuses a route
 * that carries neither, so a forgotten declaration closes the endpoint instead of opening it.
 */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(ROLES_KEY, roles);

/** An endpoint open without a token (health, metrics, the OpenAPI document). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The caller, as the access guard verified it. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>();
  if (!request.user) throw new Error('CurrentUser used on a route without an authenticated user');
  return request.user;
});
