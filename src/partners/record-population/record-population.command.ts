import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../shared/commands/command-executor';
import type { MunicipalityState } from '../domain/municipality.decider';
import type { PopulationFigure } from '../domain/municipality.events';

/** Record a year's population, once per year. */
export class RecordPopulation extends Command<CommandResult<MunicipalityState>> {
  constructor(
    readonly envelope: CommandContext,
    readonly municipalityId: string,
    readonly figure: PopulationFigure,
  ) {
    super();
  }
}
