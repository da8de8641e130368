import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';
import type { RatePeriod } from '../domain/contribution-schedule.events';

/** Add a contribution rate for a span of working years. */
export class AddRatePeriod extends Command<CommandResult<ContributionScheduleState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly period: Omit<RatePeriod, 'ratePeriodId'>,
    /** Given by the defaults loader (ids derived from the data file); otherwise a new id. */
    readonly ratePeriodId?: string,
  ) {
    super();
  }
}
