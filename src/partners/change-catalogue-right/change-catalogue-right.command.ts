import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { CatalogueRightState } from '../domain/catalogue-right.decider';
import type { LifeDomain } from '../domain/reference-values';

/** Change a right's name or life domain. */
export class ChangeCatalogueRight extends Command<CommandResult<CatalogueRightState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly rightId: string,
    readonly changes: { readonly name?: string; readonly lifeDomain?: LifeDomain },
  ) {
    super();
  }
}
