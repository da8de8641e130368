import type { JWTPayload } from 'jose';
import { type AuthenticatedUser, isRole, type Role } from './authenticated-user';

/**
 * What a user or organisation id may look like: opaque identifiers only. No spaces, no `@` (an e-mail address as the
 * subject would put a person's address into every log line and access-log entry), bounded in length.
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9._:|-]{1,200}$/;

export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER_PATTERN.test(value);
}

/** A token that does not authenticate anyone. `reason` is for the debug log only, never for the caller. */
export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(`Token rejected: ${reason}`);
    this.name = 'TokenRejected';
  }
}

/** The identity provider (its discovery document or its keys) could not be reached: not the caller's fault. */
export class TokenVerificationUnavailable extends Error {
  constructor(readonly reason: string) {
    super(`Token verification unavailable: ${reason}`);
    this.name = 'TokenVerificationUnavailable';
  }
}

/** Claim names: `sub` is fixed by JWT; where the organisation and the roles are depends on the identity provider. */
export interface ClaimNames {
  readonly organisation: string;
  readonly roles: string;
}

export const DEFAULT_CLAIM_NAMES: ClaimNames = { organisation: 'org', roles: 'roles' };

const MAX_NAME_LENGTH = 200;

/**
 * The verified payload as the user it names. Refuses the token when an id is missing or not an identifier, when no
 * role is given, and when any role is unknown: a role this service does not define must not be half-understood.
 */
export function userFromClaims(payload: JWTPayload, names: ClaimNames = DEFAULT_CLAIM_NAMES): AuthenticatedUser {
  if (!isIdentifier(payload.sub)) throw new TokenRejected('subject missing or not an identifier');
  const organisationId = payload[names.organisation];
  if (!isIdentifier(organisationId)) throw new TokenRejected('organisation missing or not an identifier');
  const claimed = payload[names.roles];
  const roles = typeof claimed === 'string' ? [claimed] : claimed;
  if (!Array.isArray(roles) || roles.length === 0) throw new TokenRejected('no roles');
  if (!roles.every(isRole)) throw new TokenRejected('unknown role');
  const name = payload.name;
  return {
    userId: payload.sub,
    organisationId,
    roles: [...new Set<Role>(roles)],
    ...(typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME_LENGTH ? { name } : {}),
  };
}
