import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { OrganisationState } from '../domain/organisation.decider';
import type { OrganisationDetails } from '../domain/organisation.events';

/** Change the details given of an organisation; `null` clears a municipality or deadline. */
export class ChangeOrganisation extends Command<CommandResult<OrganisationState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly organisationId: string,
    /** Only the details that change; the rest stays as it is. */
    readonly changes: Partial<OrganisationDetails>,
  ) {
    super();
  }
}
