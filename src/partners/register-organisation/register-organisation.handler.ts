import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult, newResourceId } from '../../shared/commands/command-executor';
import { streamName } from '../../shared/domain/ids';
import { MunicipalityLookup } from '../common/municipality-lookup';
import { rethrowAsProblem } from '../common/problems';
import { organisationDecider, type OrganisationState } from '../domain/organisation.decider';
import { ORGANISATION_CATEGORY } from '../domain/organisation.events';
import { RegisterOrganisation } from './register-organisation.command';

@CommandHandler(RegisterOrganisation)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisation> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly municipalities: MunicipalityLookup,
  ) {}

  async execute(command: RegisterOrganisation): Promise<CommandResult<OrganisationState>> {
    const { envelope, details } = command;
    const organisationId = command.organisationId ?? newResourceId(envelope, ORGANISATION_CATEGORY);
    const municipalityRegistered = await this.municipalities.isRegistered(details.municipalityId);
    return this.executor
      .execute(
        streamName(ORGANISATION_CATEGORY, organisationId),
        organisationDecider,
        { type: 'RegisterOrganisation', organisationId, details, municipalityRegistered },
        envelope,
      )
      .catch(rethrowAsProblem);
  }
}
