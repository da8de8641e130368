import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { OrganisationState } from '../domain/organisation.decider';
import type { OrganisationDetails } from '../domain/organisation.events';

/** Register a partner organisation: an OCMW, a CAW, a mutualiteit. */
export class RegisterOrganisation extends Command<CommandResult<OrganisationState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly details: OrganisationDetails,
    /** Given by the defaults loader (ids derived from the data file); otherwise a new id. */
    readonly organisationId?: string,
  ) {
    super();
  }
}
