import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandResult, newResourceId } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import { MunicipalityLookup } from '../common/municipality-lookup';
import type { ContributionScheduleState } from '../domain/contribution-schedule.decider';
import { AddCoFundingAgreement } from './add-co-funding-agreement.command';

@CommandHandler(AddCoFundingAgreement)
export class AddCoFundingAgreementHandler implements ICommandHandler<AddCoFundingAgreement> {
  constructor(
    private readonly streams: PartnerStreams,
    private readonly municipalities: MunicipalityLookup,
  ) {}

  async execute(given: AddCoFundingAgreement): Promise<CommandResult<ContributionScheduleState>> {
    const { envelope, agreement } = given;
    const agreementId = given.agreementId ?? newResourceId(envelope, 'coFundingAgreement');
    const municipalityRegistered = await this.municipalities.isRegistered(agreement.municipalityId);
    const command = {
      type: 'AddCoFundingAgreement',
      agreement: { ...agreement, agreementId },
      municipalityRegistered,
    } as const;
    return this.streams.schedule(command, envelope);
  }
}
