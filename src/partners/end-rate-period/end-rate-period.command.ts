import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';

/** End a rate period: set its last working year. */
export class EndRatePeriod extends Command<CommandResult<ContributionScheduleState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly ratePeriodId: string,
    readonly lastWorkingYear: number,
  ) {
    super();
  }
}
