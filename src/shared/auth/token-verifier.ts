import type { AppConfig } from '../../config/app-config';
import type { AuthenticatedUser } from './authenticated-user';

/**
 * Turns a bearer token into the user it authenticates, or throws `TokenRejected` (the caller gets a 401) or
 * `TokenVerificationUnavailable` (503: the identity provider cannot be reached).
 */
export interface TokenVerifier {
  readonly mode: AppConfig['auth']['mode'];
  verify(token: string): Promise<AuthenticatedUser>;
}

export const TOKEN_VERIFIER = Symbol('TokenVerifier');
