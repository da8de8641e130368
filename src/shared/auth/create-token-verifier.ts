import type { AppConfig } from '../../config/app-config';
import { developmentSecret, DevelopmentTokenVerifier } from './development-tokens';
import { OidcTokenVerifier } from './oidc-tokens';
import type { TokenVerifier } from './token-verifier';

/** The verifier the configuration asks for: the identity provider's (OIDC), or development tokens. */
export async function createTokenVerifier(config: AppConfig): Promise<TokenVerifier> {
  const { auth } = config;
  if (auth.mode === 'oidc') return new OidcTokenVerifier(auth);
  return new DevelopmentTokenVerifier(await developmentSecret(auth, config.dataDir), auth.clockToleranceSeconds);
}
