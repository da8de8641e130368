import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';
import type { CoFundingAgreement } from '../domain/contribution-schedule.events';

/** Add a co-funding agreement to a municipality's contribution. */
export class AddCoFundingAgreement extends Command<CommandResult<ContributionScheduleState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly agreement: Omit<CoFundingAgreement, 'agreementId'>,
    /** Given by the defaults loader (ids derived from the data file); otherwise a new id. */
    readonly agreementId?: string,
  ) {
    super();
  }
}
