import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';

/** Withdraw a rate period entered by mistake; it stays in the history. */
export class WithdrawRatePeriod extends Command<CommandResult<ContributionScheduleState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly ratePeriodId: string,
  ) {
    super();
  }
}
