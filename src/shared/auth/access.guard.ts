import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { authenticationUnavailable, forbidden, unauthenticated, unknownOrganisation } from './access-problems';
import { accessDeclaration, admits } from './access-policy';
import { ACCESS_LOGGED_KEY, type AccessLoggedOptions } from './access-log/access-logged.decorator';
import { setBeforeAppend } from '../commands/before-append';
import { AccessLog } from './access-log/access-log.service';
import { RequestAccessLogEntry, startAccessLogEntry } from './access-log/pending-entry';
import type { AuthenticatedUser } from './authenticated-user';
import { ORGANISATION_REGISTRY, type OrganisationRegistry } from './organisation-registry';
import { TokenRejected, TokenVerificationUnavailable } from './token-claims';
import { TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

/** RFC 6750 §2.1: `Bearer` and a b64token. Tokens longer than this are not tokens we issue or accept. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;
const MAX_TOKEN_LENGTH = 8192;

/**
 * The global guard (APP_GUARD) every route passes: a `@Public()` route is open; any other route needs a valid bearer
 * token (401 otherwise) naming a registered organisation (403 `TOKEN_ORGANISATION_UNKNOWN` otherwise) and one of the roles
 * its `@Roles(...)` lists (403 otherwise); a route that declares neither is refused to everyone. It also opens the access-log entry of an `@AccessLogged` route before authenticating, so
 * that refused calls are logged too.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');
  private readonly reportedUndeclared = new Set<string>();

  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly accessLog: AccessLog,
    @Inject(ORGANISATION_REGISTRY) private readonly organisations: OrganisationRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Only HTTP reaches this app; anything else would be a route nobody declared.
    if (context.getType() !== 'http') return false;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const declaration = accessDeclaration(context.getHandler(), context.getClass());
    this.openAccessLogEntry(context, request);
    if (declaration.kind === 'public') return true;
    if (declaration.kind === 'undeclared') this.reportUndeclared(context);

    const user = await this.authenticate(request, reply);
    (request as { user?: AuthenticatedUser }).user = user;
    // Responses to authenticated calls hold data of an organisation: no shared cache may keep them.
    void reply.header('cache-control', 'no-store');
    if (!(await this.organisations.isRegistered(user.organisationId))) {
      throw unknownOrganisation(this.config.auth.mode === 'oidc' ? this.config.auth.organisationClaim : 'org');
    }
    if (!admits(declaration, user)) throw forbidden();
    return true;
  }

  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<AuthenticatedUser> {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (token === undefined || token.length > MAX_TOKEN_LENGTH) {
      void reply.header('www-authenticate', 'Bearer realm="onthaal"');
      throw unauthenticated();
    }
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenVerificationUnavailable) {
        this.logger.warn({ msg: 'token verification unavailable', reason: error.reason });
        throw authenticationUnavailable();
      }
      if (!(error instanceof TokenRejected)) throw error;
      // The reason helps an operator; the caller learns only that the token was not accepted (RFC 6750 §3.1).
      this.logger.debug({ msg: 'token rejected', reason: error.reason });
      void reply.header('www-authenticate', 'Bearer realm="onthaal", error="invalid_token"');
      throw unauthenticated();
    }
  }

  private openAccessLogEntry(context: ExecutionContext, request: FastifyRequest): void {
    const options = Reflect.getMetadata(ACCESS_LOGGED_KEY, context.getHandler()) as AccessLoggedOptions | undefined;
    if (options === undefined) return;
    const method = request.method;
    const entry = new RequestAccessLogEntry(
      options.action ?? (method === 'GET' || method === 'HEAD' ? 'read' : 'write'),
      options.resource,
      method,
      request.routeOptions.url ?? 'unmatched',
    );
    const params = request.params as Record<string, unknown> | undefined;
    const query = request.query as Record<string, unknown> | undefined;
    if (options.idParam !== undefined) entry.setResourceId(params?.[options.idParam]);
    if (options.personIdParam !== undefined) entry.addPerson(params?.[options.personIdParam]);
    if (options.personIdQuery !== undefined) entry.addPerson(query?.[options.personIdQuery]);
    startAccessLogEntry(request, entry);
    if (entry.action === 'write') setBeforeAppend(request, () => this.recordPending(entry, request));
  }

  /** Once per request, right before its first append: the write is in the log before it can be committed. */
  private async recordPending(entry: RequestAccessLogEntry, request: FastifyRequest): Promise<void> {
    if (entry.pendingStored) return;
    const user = (request as { user?: AuthenticatedUser }).user;
    await this.accessLog.record(entry.recordOf(user, String(request.id), null));
    entry.pendingStored = true;
  }

  private reportUndeclared(context: ExecutionContext): void {
    const name = `${context.getClass().name}.${context.getHandler().name}`;
    if (this.reportedUndeclared.has(name)) return;
    this.reportedUndeclared.add(name);
    this.logger.error(`${name} declares neither @Roles nor @Public: refused to everyone`);
  }
}
