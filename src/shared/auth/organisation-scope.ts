import { forbidden } from './access-problems';
import type { AuthenticatedUser } from './authenticated-user';

/**
 * Organisation scope, for capabilities to call once they know which organisation(s) a resource belongs to. Each
 * refusal is the same 403 as a missing role, so a caller learns nothing about another organisation's resources.
 * Which organisations may see what (the ones working a case file, the receiver of a consented referral) is each
 * capability's rule; these are the checks it ends in.
 */
export function isOwnOrganisation(user: AuthenticatedUser, organisationId: string): boolean {
  return user.organisationId === organisationId;
}

/** Throws 403 unless the resource belongs to the caller's organisation. */
export function assertOrganisation(user: AuthenticatedUser, organisationId: string): void {
  if (!isOwnOrganisation(user, organisationId)) throw forbidden();
}

/** Throws 403 unless the caller's organisation is one of those the resource is shared with. */
export function assertOneOfOrganisations(user: AuthenticatedUser, organisationIds: Iterable<string>): void {
  for (const organisationId of organisationIds) if (isOwnOrganisation(user, organisationId)) return;
  throw forbidden();
}
