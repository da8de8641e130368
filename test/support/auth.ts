import { createHash } from 'node:crypto';
import { ROLES, type Role } from '../../src/shared/auth/authenticated-user';
import { mintDevelopmentToken } from '../../src/shared/auth/development-tokens';
import { referenceDataId } from '../../src/partners/reference-data/reference-data-ids';

/**
 * Tokens for tests. `startTestApp` sets `AUTH_DEV_SECRET` to this secret, so any token minted here is accepted by a
 * test app:
 *
 *   const response = await service.request({ method: 'GET', url: '/access-log?userId=u1',
 *                                           headers: await authHeader({ role: 'dpo' }) });
 *   await authHeader({ role: 'social_worker', organisationId: OTHER_ORGANISATION })
 */
export const TEST_AUTH_SECRET = 'onthaal-tests-only-development-secret-0123456789';

/**
 * Two organisations for "own versus other" checks: registered ones of the reference data (the service refuses a
 * token naming an organisation it does not know), and ones no other test uses by name.
 */
export const HOME_ORGANISATION = referenceDataId('organisation', 'ocmw-ledegem');
export const OTHER_ORGANISATION = referenceDataId('organisation', 'ocmw-lendelede');

export interface TestTokenOptions {
  /** One role, or `roles` for several. */
  readonly role?: Role;
  readonly roles?: readonly Role[];
  /** Defaults to `HOME_ORGANISATION`. */
  readonly organisationId?: string;
  /** Defaults to `testUserId(roles, organisationId)`: the same user for the same roles and organisation. */
  readonly userId?: string;
  readonly name?: string;
  readonly expiresInSeconds?: number;
  readonly issuedAt?: Date;
  /** Sign with another secret (a forged token). */
  readonly secret?: string;
}

/** A development token the test app accepts. */
export function tokenFor(options: TestTokenOptions): Promise<string> {
  const roles = options.roles ?? (options.role ? [options.role] : []);
  if (roles.length === 0) throw new Error('tokenFor needs a role or roles');
  const organisationId = options.organisationId ?? HOME_ORGANISATION;
  return mintDevelopmentToken(options.secret ?? TEST_AUTH_SECRET, {
    userId: options.userId ?? testUserId(roles, organisationId),
    organisationId,
    roles,
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.expiresInSeconds === undefined ? {} : { expiresInSeconds: options.expiresInSeconds }),
    ...(options.issuedAt === undefined ? {} : { issuedAt: options.issuedAt }),
  });
}

/** `{ authorization: 'Bearer …' }` for `service.request({ headers })`. */
export async function authHeader(options: TestTokenOptions): Promise<{ authorization: string }> {
  return bearer(await tokenFor(options));
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** A stable UUID per roles and organisation, so that a test can look its user up in the access log. */
export function testUserId(roles: readonly Role[], organisationId: string = HOME_ORGANISATION): string {
  const hex = createHash('sha256')
    .update(`${[...roles].sort().join(',')}@${organisationId}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export { ROLES, type Role };
