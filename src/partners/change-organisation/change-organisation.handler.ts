import { Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext, type CommandResult } from '../../shared/commands/command-executor';
import { streamName } from '../../shared/domain/ids';
import { MunicipalityLookup } from '../common/municipality-lookup';
import { rethrowAsProblem } from '../common/problems';
import { organisationDecider, type OrganisationState } from '../domain/organisation.decider';
import { ORGANISATION_CATEGORY, type OrganisationDetails } from '../domain/organisation.events';

@Injectable()
export class ChangeOrganisationHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly municipalities: MunicipalityLookup,
  ) {}

  async execute(
    organisationId: string,
    changes: Partial<OrganisationDetails>,
    context: CommandContext,
  ): Promise<CommandResult<OrganisationState>> {
    const municipalityRegistered = await this.municipalities.isRegistered(changes.municipalityId);
    return this.executor
      .execute(
        streamName(ORGANISATION_CATEGORY, organisationId),
        organisationDecider,
        { type: 'ChangeOrganisation', changes, municipalityRegistered },
        context,
      )
      .catch(rethrowAsProblem);
  }
}
