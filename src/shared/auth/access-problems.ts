import { AccessDenied } from '../domain/domain-error';
import { ProblemException } from '../http/problem-details';

/**
 * The problems of access control. Their texts are fixed: a 401 never says why a token failed, and a 403 is the same
 * whether the role was wrong or the resource belongs to another organisation, so neither reveals anything about the
 * token's checks or the resource.
 */
export function unauthenticated(): ProblemException {
  return new ProblemException(401, 'UNAUTHENTICATED', 'Authentication required', 'Send a valid bearer token.');
}

/** The domain's `AccessDenied`: guards and handlers refuse alike. */
export function forbidden(): AccessDenied {
  return new AccessDenied();
}

/**
 * A valid token whose organisation claim names no registered organisation. It names the claim, never its value, so
 * that the caller (or the operator mapping claims at the identity provider) knows what to fix.
 */
export function unknownOrganisation(claim: string): ProblemException {
  return new ProblemException(
    403,
    'TOKEN_ORGANISATION_UNKNOWN',
    'The token names no registered organisation',
    `The token's \`${claim}\` claim does not name an organisation registered here (GET /organisations lists them).`,
  );
}

export function authenticationUnavailable(): ProblemException {
  return new ProblemException(
    503,
    'AUTHENTICATION_UNAVAILABLE',
    'Tokens cannot be verified right now',
    'The identity provider could not be reached. Try again shortly.',
  );
}

export function rateLimited(retryAfterSeconds: number): ProblemException {
  return new ProblemException(
    429,
    'RATE_LIMITED',
    'Too many requests',
    `Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
  );
}
