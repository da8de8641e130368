export { ROLES, isRole, type Role, type AuthenticatedUser } from './authenticated-user';
export { Roles, Public, CurrentUser, ROLES_KEY, PUBLIC_KEY, BEARER_SCHEME, ROLES_EXTENSION } from './access.decorators';
export { accessDeclaration, admits, type AccessDeclaration } from './access-policy';
export { forbidden, unauthenticated } from './access-problems';
export { assertOrganisation, assertOneOfOrganisations, isOwnOrganisation } from './organisation-scope';
export { AccessLogged, AccessLogEntry, type AccessLoggedOptions } from './access-log/access-logged.decorator';
export type { PendingAccessLogEntry } from './access-log/pending-entry';
export {
  AccessLog,
  outcomeOf,
  type AccessLogRecord,
  type AccessLogEntryView,
  type AccessOutcome,
  type AccessAction,
} from './access-log/access-log.service';
export { AccessLog1764374400000 } from './access-log/access-log.migration';
export { AuthModule } from './auth.module';
export { TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';
export { createTokenVerifier } from './create-token-verifier';
export { TokenRejected, TokenVerificationUnavailable, IDENTIFIER_PATTERN, isIdentifier } from './token-claims';
export {
  mintDevelopmentToken,
  developmentSecret,
  DEVELOPMENT_ISSUER,
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_SECRET_FILE,
  type DevelopmentTokenRequest,
} from './development-tokens';
export { registeredRoutes, trackRoutes, type RegisteredRoute } from './route-inventory';
export { describeAccess } from './openapi-access';
export { installAccessLogHook } from './access-log/access-log.hook';
