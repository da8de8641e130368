import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { CommandContext } from './command-executor';
import type { CommandHeaders } from '../http/command-headers';

/** The command's envelope: who asks, and the request's `If-Match`, `Idempotency-Key` and id. */
export function commandContext(user: AuthenticatedUser, headers: CommandHeaders): CommandContext {
  return { user, ...headers };
}
