import { AccessDenied } from '../domain/domain-error';
import type { AuthenticatedUser } from './authenticated-user';
import { assertOneOfOrganisations, assertOrganisation, isOwnOrganisation } from './organisation-scope';

const worker: AuthenticatedUser = { userId: 'u-1', organisationId: 'ocmw-menen', roles: ['social_worker'] };

function refusal(check: () => void): unknown {
  try {
    check();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('organisation scope', () => {
  it('passes for the own organisation', () => {
    expect(isOwnOrganisation(worker, 'ocmw-menen')).toBe(true);
    expect(() => assertOrganisation(worker, 'ocmw-menen')).not.toThrow();
    expect(() => assertOneOfOrganisations(worker, ['caw', 'ocmw-menen'])).not.toThrow();
  });

  it('refuses another organisation with the generic 403 of a missing role', () => {
    for (const error of [
      refusal(() => assertOrganisation(worker, 'ocmw-kortrijk')),
      refusal(() => assertOneOfOrganisations(worker, ['caw', 'ocmw-kortrijk'])),
      refusal(() => assertOneOfOrganisations(worker, [])),
    ]) {
      expect(error).toBeInstanceOf(AccessDenied);
      expect((error as AccessDenied).code).toBe('FORBIDDEN');
      expect((error as AccessDenied).message).not.toContain('ocmw-kortrijk');
    }
  });
});
