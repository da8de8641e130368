import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';
import { EndCoFundingAgreement } from './end-co-funding-agreement.command';

@CommandHandler(EndCoFundingAgreement)
export class EndCoFundingAgreementHandler implements ICommandHandler<EndCoFundingAgreement> {
  constructor(private readonly streams: PartnerStreams) {}

  execute({
    envelope,
    agreementId,
    lastWorkingYear,
  }: EndCoFundingAgreement): Promise<CommandResult<ContributionScheduleState>> {
    return this.streams.schedule({ type: 'EndCoFundingAgreement', agreementId, lastWorkingYear }, envelope);
  }
}
