import type { AppConfig } from '../../config/app-config';
import type { AuthenticatedUser } from './authenticated-user';
import { developmentSecret, DevelopmentTokenVerifier } from './development-tokens';
import { OidcTokenVerifier } from './oidc-tokens';

/**
 * Turns a bearer token into the user it authenticates, or throws `TokenRejected` (the caller gets a 401) or
 * `TokenVerificationUnavailable` (503: the identity provider cannot be reached).
 */
export interface TokenVerifier {
  readonly mode: AppConfig['auth']['mode'];
  verify(token: string): Promise<AuthenticatedUser>;
}

export const TOKEN_VERIFIER = Symbol('TokenVerifier');

export async function createTokenVerifier(config: AppConfig): Promise<TokenVerifier> {
  const { auth } = config;
  if (auth.mode === 'oidc') return new OidcTokenVerifier(auth);
  return new DevelopmentTokenVerifier(await developmentSecret(auth, config.dataDir), auth.clockToleranceSeconds);
}
