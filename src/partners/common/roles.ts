import type { Role } from '../../shared/auth/authenticated-user';

/**
 * Who reads the contribution schedule and the member contributions: the administrators who keep them, W13's
 * coordinators and the analysts. They are public bodies' finances, no personal data, but of no use to social
 * workers, volunteers or the data-protection officer (docs/adr/0009).
 */
export const CONTRIBUTION_READERS = ['admin', 'coordinator', 'analyst'] as const satisfies readonly [Role, ...Role[]];
