import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';

/** Withdraw a co-funding agreement entered by mistake; it stays in the history. */
export class WithdrawCoFundingAgreement extends Command<CommandResult<ContributionScheduleState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly agreementId: string,
  ) {
    super();
  }
}
