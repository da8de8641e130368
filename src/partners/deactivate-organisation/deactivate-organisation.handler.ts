import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import type { OrganisationState } from '../domain/organisation.decider';
import { DeactivateOrganisation } from './deactivate-organisation.command';

@CommandHandler(DeactivateOrganisation)
export class DeactivateOrganisationHandler implements ICommandHandler<DeactivateOrganisation> {
  constructor(private readonly streams: PartnerStreams) {}

  execute({ envelope, organisationId }: DeactivateOrganisation): Promise<CommandResult<OrganisationState>> {
    return this.streams.organisation(organisationId, { type: 'DeactivateOrganisation' }, envelope);
  }
}
