import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandResult, newResourceId } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';
import { AddRatePeriod } from './add-rate-period.command';

@CommandHandler(AddRatePeriod)
export class AddRatePeriodHandler implements ICommandHandler<AddRatePeriod> {
  constructor(private readonly streams: PartnerStreams) {}

  execute(given: AddRatePeriod): Promise<CommandResult<ContributionScheduleState>> {
    const { envelope, period } = given;
    const ratePeriodId = given.ratePeriodId ?? newResourceId(envelope, 'ratePeriod');
    return this.streams.schedule({ type: 'AddRatePeriod', period: { ...period, ratePeriodId } }, envelope);
  }
}
