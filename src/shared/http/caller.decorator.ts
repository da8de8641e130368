import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { NOT_ACCESS_LOGGED, pendingAccessLogEntry } from '../auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { Caller as CallerOfRequest } from '../commands/caller';
import { commandContext } from '../commands/command-context';
import { commandHeadersOf } from './command-headers';

export type Caller = CallerOfRequest;

/**
 * `@Caller() caller: Caller`: the one parameter every endpoint takes about who asks (docs/architecture.md, "The
 * command pipeline"). A write's `If-Match` and `Idempotency-Key` are checked here (400 when malformed); a read
 * ignores them, as HTTP lets it.
 */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
  const user = request.user;
  if (user === undefined) throw new Error('@Caller() used on a route without an authenticated user');
  const reads = request.method === 'GET' || request.method === 'HEAD';
  const headers = reads ? { correlationId: String(request.id) } : commandHeadersOf(request);
  return {
    user,
    envelope: commandContext(user, headers),
    accessLog: pendingAccessLogEntry(request) ?? NOT_ACCESS_LOGGED,
  };
});
