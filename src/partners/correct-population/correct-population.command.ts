import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { MunicipalityState } from '../domain/municipality.decider';
import type { PopulationFigure } from '../domain/municipality.events';

/** Replace a recorded year's population; the earlier figure stays in the history. */
export class CorrectPopulation extends Command<CommandResult<MunicipalityState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly municipalityId: string,
    readonly figure: PopulationFigure,
  ) {
    super();
  }
}
