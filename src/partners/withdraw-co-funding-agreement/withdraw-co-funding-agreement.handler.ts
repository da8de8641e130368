import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';
import { WithdrawCoFundingAgreement } from './withdraw-co-funding-agreement.command';

@CommandHandler(WithdrawCoFundingAgreement)
export class WithdrawCoFundingAgreementHandler implements ICommandHandler<WithdrawCoFundingAgreement> {
  constructor(private readonly streams: PartnerStreams) {}

  execute({ envelope, agreementId }: WithdrawCoFundingAgreement): Promise<CommandResult<ContributionScheduleState>> {
    return this.streams.schedule({ type: 'WithdrawCoFundingAgreement', agreementId }, envelope);
  }
}
