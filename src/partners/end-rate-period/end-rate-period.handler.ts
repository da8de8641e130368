import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';
import { EndRatePeriod } from './end-rate-period.command';

@CommandHandler(EndRatePeriod)
export class EndRatePeriodHandler implements ICommandHandler<EndRatePeriod> {
  constructor(private readonly streams: PartnerStreams) {}

  execute({
    envelope,
    ratePeriodId,
    lastWorkingYear,
  }: EndRatePeriod): Promise<CommandResult<ContributionScheduleState>> {
    return this.streams.schedule({ type: 'EndRatePeriod', ratePeriodId, lastWorkingYear }, envelope);
  }
}
