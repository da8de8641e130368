/**
 * The roles of docs/architecture.md §7 and docs/domain.md §2: what a user may do is decided by role and organisation
 * together.
 */
export const ROLES = [
  'social_worker',
  'coordinator',
  'analyst',
  'member_analyst',
  'volunteer',
  'dpo',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who is calling, from a verified bearer token. `userId` is the identity provider's subject (an opaque id, never a
 * name or an e-mail address), `organisationId` the partner organisation the user works for.
 */
export interface AuthenticatedUser {
  readonly userId: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
  /** Display name, for the user's own screens only: never logged, never stored in events. */
  readonly name?: string;
}
