import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { OrganisationState } from '../domain/organisation.decider';

/** Deactivate an organisation for good: kept for history, offered no more. */
export class DeactivateOrganisation extends Command<CommandResult<OrganisationState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly organisationId: string,
  ) {
    super();
  }
}
