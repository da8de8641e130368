import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandResult, newResourceId } from '../../shared/commands/command-executor';
import { MunicipalityLookup } from '../common/municipality-lookup';
import { PartnerStreams } from '../common/partner-streams';
import type { OrganisationState } from '../domain/organisation.decider';
import { ORGANISATION_CATEGORY } from '../domain/organisation.events';
import { RegisterOrganisation } from './register-organisation.command';

@CommandHandler(RegisterOrganisation)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisation> {
  constructor(
    private readonly streams: PartnerStreams,
    private readonly municipalities: MunicipalityLookup,
  ) {}

  async execute(command: RegisterOrganisation): Promise<CommandResult<OrganisationState>> {
    const { envelope, details } = command;
    const organisationId = command.organisationId ?? newResourceId(envelope, ORGANISATION_CATEGORY);
    const municipalityRegistered = await this.municipalities.isRegistered(details.municipalityId);
    return this.streams.organisation(
      organisationId,
      { type: 'RegisterOrganisation', organisationId, details, municipalityRegistered },
      envelope,
    );
  }
}
