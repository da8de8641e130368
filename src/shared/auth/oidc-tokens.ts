import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AppConfig } from '../../config/app-config';
import type { AuthenticatedUser } from './authenticated-user';
import { TokenRejected, TokenVerificationUnavailable, userFromClaims } from './token-claims';
import type { TokenVerifier } from './token-verifier';

type OidcAuth = Extract<AppConfig['auth'], { mode: 'oidc' }>;

const FETCH_TIMEOUT_MS = 5_000;

/**
 * Verifies an OpenID Connect issuer's access tokens against its JSON Web Key Set: only the asymmetric algorithms
 * configured (never HS* or `none`), the configured issuer and audience, an expiry required, a small clock tolerance.
 * The key set comes from `AUTH_OIDC_JWKS_URL` or the issuer's discovery document, fetched on first use (a start
 * while the identity provider is down still succeeds) and again after a failure. jose caches the keys and refetches
 * them when a token names a key it does not know, so a key rotation needs no restart.
 */
export class OidcTokenVerifier implements TokenVerifier {
  readonly mode = 'oidc';
  private keySet: Promise<JWTVerifyGetKey> | undefined;

  constructor(private readonly auth: OidcAuth) {}

  async verify(token: string): Promise<AuthenticatedUser> {
    const keys = await this.keys();
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [...this.auth.algorithms],
        issuer: this.auth.issuer,
        audience: this.auth.audience,
        clockTolerance: this.auth.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      return userFromClaims(payload, { organisation: this.auth.organisationClaim, roles: this.auth.rolesClaim });
    } catch (error) {
      throw classify(error);
    }
  }

  private keys(): Promise<JWTVerifyGetKey> {
    this.keySet ??= this.resolveJwksUrl().then((url) =>
      createRemoteJWKSet(url, { timeoutDuration: FETCH_TIMEOUT_MS, cooldownDuration: 30_000 }),
    );
    const keySet = this.keySet;
    // A failed discovery is tried again by the next request rather than remembered for ever.
    keySet.catch(() => {
      if (this.keySet === keySet) this.keySet = undefined;
    });
    return keySet;
  }

  private async resolveJwksUrl(): Promise<URL> {
    if (this.auth.jwksUrl !== undefined) return new URL(this.auth.jwksUrl);
    const discovery = `${this.auth.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(discovery, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      document = (await response.json()) as typeof document;
    } catch (error) {
      throw new TokenVerificationUnavailable(error instanceof Error ? error.message : 'discovery failed');
    }
    // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
    if (document.issuer !== this.auth.issuer || typeof document.jwks_uri !== 'string') {
      throw new TokenVerificationUnavailable('discovery document does not match the configured issuer');
    }
    return new URL(document.jwks_uri);
  }
}

/** Token faults are the caller's (401); a key set that cannot be fetched or read is ours (503). */
function classify(error: unknown): Error {
  if (error instanceof TokenRejected) return error;
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new TokenVerificationUnavailable(error.code);
  }
  // jose throws its generic JOSEError only for a key-set response it cannot use (not 200, not JSON).
  if (error instanceof errors.JOSEError) {
    return error.code === 'ERR_JOSE_GENERIC'
      ? new TokenVerificationUnavailable(error.code)
      : new TokenRejected(error.code);
  }
  return new TokenVerificationUnavailable(error instanceof Error ? error.name : 'unknown');
}
