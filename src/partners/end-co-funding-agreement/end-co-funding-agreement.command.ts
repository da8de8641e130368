import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';

/** End a co-funding agreement: set its last working year. */
export class EndCoFundingAgreement extends Command<CommandResult<ContributionScheduleState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly agreementId: string,
    readonly lastWorkingYear: number,
  ) {
    super();
  }
}
