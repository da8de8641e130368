import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import type { CommandContext } from '../../shared/commands/command-executor';
import type { CommandHeaders } from '../../shared/http/command-headers';

/** The command's envelope: who asks, and the request's `If-Match`, `Idempotency-Key` and id. */
export function commandContext(user: AuthenticatedUser, headers: CommandHeaders): CommandContext {
  return { user, ...headers };
}
