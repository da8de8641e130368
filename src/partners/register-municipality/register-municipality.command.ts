import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { MunicipalityState } from '../domain/municipality.decider';
import type { MunicipalityDetails, PopulationFigure } from '../domain/municipality.events';

/** Register a municipality with the population figures known at registration. */
export class RegisterMunicipality extends Command<CommandResult<MunicipalityState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly details: MunicipalityDetails,
    /** Figures known at registration, one per year. */
    readonly populations: readonly PopulationFigure[],
    /** Given by the defaults loader (ids derived from the data file); otherwise a new id. */
    readonly municipalityId?: string,
  ) {
    super();
  }
}
