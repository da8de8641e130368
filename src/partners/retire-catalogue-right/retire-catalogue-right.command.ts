import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { CatalogueRightState } from '../domain/catalogue-right.decider';

/** Retire a right: no longer offered, still named by the intakes that explored it. */
export class RetireCatalogueRight extends Command<CommandResult<CatalogueRightState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly rightId: string,
  ) {
    super();
  }
}
