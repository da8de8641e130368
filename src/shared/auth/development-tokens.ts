import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { AppConfig } from '../../config/app-config';
import { readOrCreateSecretFile } from '../crypto/secret-file';
import type { AuthenticatedUser, Role } from './authenticated-user';
import { TokenRejected, userFromClaims } from './token-claims';
import type { TokenVerifier } from './token-verifier';

/** Development tokens name this issuer and audience, so that one can never pass for an identity provider's. */
export const DEVELOPMENT_ISSUER = 'onthaal-development';
export const DEVELOPMENT_AUDIENCE = 'onthaal';
/** Under `DATA_DIR`, next to the embedded database it goes with. */
export const DEVELOPMENT_SECRET_FILE = 'auth-dev-secret';
const DEFAULT_LIFETIME_SECONDS = 8 * 3600;

type DevelopmentAuth = Extract<AppConfig['auth'], { mode: 'development' }>;

/**
 * The development signing secret: `AUTH_DEV_SECRET`, or else a random one generated on first use and kept in
 * `DATA_DIR/auth-dev-secret` (mode 0600), so that `npm run token` and the service agree without configuration.
 */
export async function developmentSecret(auth: DevelopmentAuth, dataDir: string): Promise<string> {
  if (auth.secret !== undefined) return auth.secret;
  const secret = await readOrCreateSecretFile(dataDir, DEVELOPMENT_SECRET_FILE, () =>
    randomBytes(32).toString('base64url'),
  );
  if (secret.length < 32) {
    throw new Error(
      `${join(dataDir, DEVELOPMENT_SECRET_FILE)} does not hold a development secret; delete it to make a new one`,
    );
  }
  return secret;
}

export interface DevelopmentTokenRequest {
  readonly userId?: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
  readonly name?: string;
  /** Defaults to 8 hours, a working day. */
  readonly expiresInSeconds?: number;
  /** Defaults to now; tests move it to mint expired or not-yet-valid tokens. */
  readonly issuedAt?: Date;
}

/** An HS256 token that `DevelopmentTokenVerifier` accepts with the same secret. `userId` defaults to a new UUID. */
export function mintDevelopmentToken(secret: string, request: DevelopmentTokenRequest): Promise<string> {
  const issuedAt = Math.floor((request.issuedAt ?? new Date()).getTime() / 1000);
  return new SignJWT({
    org: request.organisationId,
    roles: [...request.roles],
    ...(request.name === undefined ? {} : { name: request.name }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.userId ?? randomUUID())
    .setIssuer(DEVELOPMENT_ISSUER)
    .setAudience(DEVELOPMENT_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + (request.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS))
    .sign(new TextEncoder().encode(secret));
}

/** Verifies development tokens: HS256 only, this service's own issuer and audience, an expiry required. */
export class DevelopmentTokenVerifier implements TokenVerifier {
  readonly mode = 'development';
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly clockToleranceSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: DEVELOPMENT_ISSUER,
        audience: DEVELOPMENT_AUDIENCE,
        clockTolerance: this.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      return userFromClaims(payload);
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      if (error instanceof errors.JOSEError) throw new TokenRejected(error.code);
      throw error;
    }
  }
}
