import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { CommandContext } from './command-executor';
import type { CommandHeaders } from '../http/command-headers';

/** The command's envelope: who asks, and the request's `If-Match`, `Idempotency-Key` and id. No personal data. */
export function commandContext(user: AuthenticatedUser, headers: CommandHeaders): CommandContext {
  // The display name stays out: the executor copies the user into every event's metadata.
  return { user: { userId: user.userId, organisationId: user.organisationId, roles: user.roles }, ...headers };
}
