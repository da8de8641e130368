import type { AuthenticatedUser, Role } from './authenticated-user';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';

/** What a route declares about who may call it. `undeclared` is a mistake, and it closes the route. */
export type AccessDeclaration =
  | { readonly kind: 'public' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] }
  | { readonly kind: 'undeclared' };

/**
 * The handler's own declaration wins over its controller's; at one level `@Roles` wins over `@Public` (the closed
 * reading of a contradiction).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- handlers and controllers are plain functions
export function accessDeclaration(handler: Function, controller: Function): AccessDeclaration {
  for (const target of [handler, controller]) {
    const roles = Reflect.getMetadata(ROLES_KEY, target) as readonly Role[] | undefined;
    if (roles !== undefined && roles.length > 0) return { kind: 'roles', roles };
    if (Reflect.getMetadata(PUBLIC_KEY, target) === true) return { kind: 'public' };
  }
  return { kind: 'undeclared' };
}

/** Whether an authenticated user may call a route with this declaration: one of its roles must be listed. */
export function admits(declaration: AccessDeclaration, user: AuthenticatedUser): boolean {
  switch (declaration.kind) {
    case 'public':
      return true;
    case 'roles':
      return user.roles.some((role) => declaration.roles.includes(role));
    case 'undeclared':
      return false;
  }
}
