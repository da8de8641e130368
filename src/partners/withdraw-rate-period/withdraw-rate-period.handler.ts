import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';
import { WithdrawRatePeriod } from './withdraw-rate-period.command';

@CommandHandler(WithdrawRatePeriod)
export class WithdrawRatePeriodHandler implements ICommandHandler<WithdrawRatePeriod> {
  constructor(private readonly streams: PartnerStreams) {}

  execute({ envelope, ratePeriodId }: WithdrawRatePeriod): Promise<CommandResult<ContributionScheduleState>> {
    return this.streams.schedule({ type: 'WithdrawRatePeriod', ratePeriodId }, envelope);
  }
}
