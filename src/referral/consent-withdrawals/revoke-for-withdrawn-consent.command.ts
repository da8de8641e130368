import { Command } from '@nestjs/cqrs';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { ReferralState } from '../domain/referral.decider';

/**
 * Revoke a referral whose consent was withdrawn (reason `consent_withdrawn`), on behalf of its sending organisation.
 * The service itself sends it, so it carries the envelope alone: no user, no request, no access-log entry.
 */
export class RevokeForWithdrawnConsent extends Command<CommandResult<ReferralState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly referralId: string,
    readonly sendingOrganisationId: string,
    readonly today: CalendarDate,
  ) {
    super();
  }
}
