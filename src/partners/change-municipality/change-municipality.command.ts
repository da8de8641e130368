import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { MunicipalityState } from '../domain/municipality.decider';
import type { MunicipalityDetails } from '../domain/municipality.events';

/** Change a municipality's name, NIS code or W13 membership. */
export class ChangeMunicipality extends Command<CommandResult<MunicipalityState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly municipalityId: string,
    readonly changes: Partial<MunicipalityDetails>,
  ) {
    super();
  }
}
