import type { PendingAccessLogEntry } from '../auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { CommandContext } from './command-executor';

/**
 * Who asks, with what the request says about the asking: the user, the command's envelope (`If-Match`,
 * `Idempotency-Key`, the request id) and the request's access-log entry, to which a handler adds the people it
 * learns of. Commands and queries carry it from the controller (`@Caller()`) to their handler, which need know
 * nothing of HTTP.
 */
export interface Caller {
  readonly user: AuthenticatedUser;
  readonly envelope: CommandContext;
  readonly accessLog: PendingAccessLogEntry;
}
