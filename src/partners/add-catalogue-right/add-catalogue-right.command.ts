import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { CatalogueRightState } from '../domain/catalogue-right.decider';
import type { CatalogueRightDetails } from '../domain/catalogue-right.events';

/** Add a right to the catalogue: local to one registered municipality, or Flemish or federal. */
export class AddCatalogueRight extends Command<CommandResult<CatalogueRightState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly details: CatalogueRightDetails,
    /** Given by the defaults loader (ids derived from the data file); otherwise a new id. */
    readonly rightId?: string,
  ) {
    super();
  }
}
