import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import { MunicipalityLookup } from '../common/municipality-lookup';
import type { OrganisationState } from '../domain/organisation.decider';
import { ChangeOrganisation } from './change-organisation.command';

@CommandHandler(ChangeOrganisation)
export class ChangeOrganisationHandler implements ICommandHandler<ChangeOrganisation> {
  constructor(
    private readonly streams: PartnerStreams,
    private readonly municipalities: MunicipalityLookup,
  ) {}

  async execute({ envelope, organisationId, changes }: ChangeOrganisation): Promise<CommandResult<OrganisationState>> {
    const municipalityRegistered = await this.municipalities.isRegistered(changes.municipalityId);
    const command = { type: 'ChangeOrganisation', changes, municipalityRegistered } as const;
    return this.streams.organisation(organisationId, command, envelope);
  }
}
