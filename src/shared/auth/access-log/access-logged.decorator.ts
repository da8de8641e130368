import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AccessAction } from './access-log.service';
import { NOT_ACCESS_LOGGED, pendingAccessLogEntry, type PendingAccessLogEntry } from './pending-entry';

export const ACCESS_LOGGED_KEY = 'onthaal:access-logged';

export interface AccessLoggedOptions {
  /** What kind of thing is accessed, one camelCase word: `caseFile`, `client`, `referral`. */
  readonly resource: string;
  /** Defaults to `read` for GET and HEAD, `write` otherwise. */
  readonly action?: AccessAction;
  /** The route parameter holding the resource's id (a UUID). */
  readonly idParam?: string;
  /** The route parameter holding the id of the person whose data this is (a UUID). */
  readonly personIdParam?: string;
  /** The query parameter holding that person's id, for look-ups by person. */
  readonly personIdQuery?: string;
}

/**
 * Every call of this endpoint is written to the access log when its response is sent, whatever the outcome: refused
 * (401, 403), failed (400, 404, 5xx) or served. A response is only sent once its entry is stored; if the log cannot be
 * written, the caller gets a 503 instead of the data. Ids that are not UUIDs are logged as absent, never as given.
 */
export const AccessLogged = (options: AccessLoggedOptions) => {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(options.resource)) {
    throw new Error(`Access-log resource must be one camelCase word: ${options.resource}`);
  }
  return SetMetadata(ACCESS_LOGGED_KEY, options);
};

/**
 * The entry being recorded for this request, for a handler that learns the ids only as it works (the person a case
 * file belongs to, the people in a list): `entry.addPerson(personId)`. Empty on a route without `@AccessLogged`.
 */
export const AccessLogEntry = createParamDecorator(
  (_data: unknown, context: ExecutionContext): PendingAccessLogEntry =>
    pendingAccessLogEntry(context.switchToHttp().getRequest<object>()) ?? NOT_ACCESS_LOGGED,
);
