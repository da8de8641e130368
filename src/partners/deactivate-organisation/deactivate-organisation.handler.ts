import { Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext, type CommandResult } from '../../shared/commands/command-executor';
import { streamName } from '../../shared/domain/ids';
import { rethrowAsProblem } from '../common/problems';
import { organisationDecider, type OrganisationState } from '../domain/organisation.decider';
import { ORGANISATION_CATEGORY } from '../domain/organisation.events';

@Injectable()
export class DeactivateOrganisationHandler {
  constructor(private readonly executor: CommandExecutor) {}

  execute(organisationId: string, context: CommandContext): Promise<CommandResult<OrganisationState>> {
    return this.executor
      .execute(
        streamName(ORGANISATION_CATEGORY, organisationId),
        organisationDecider,
        { type: 'DeactivateOrganisation' },
        context,
      )
      .catch(rethrowAsProblem);
  }
}
