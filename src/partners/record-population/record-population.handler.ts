import { Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext, type CommandResult } from '../../shared/commands/command-executor';
import { streamName } from '../../shared/domain/ids';
import { rethrowAsProblem } from '../common/problems';
import { municipalityDecider, type MunicipalityState } from '../domain/municipality.decider';
import { MUNICIPALITY_CATEGORY, type PopulationFigure } from '../domain/municipality.events';

/** Records a year's population (`correct: false`) or replaces a recorded one (`correct: true`). */
@Injectable()
export class PopulationFigureHandler {
  constructor(private readonly executor: CommandExecutor) {}

  execute(
    municipalityId: string,
    figure: PopulationFigure,
    correct: boolean,
    context: CommandContext,
  ): Promise<CommandResult<MunicipalityState>> {
    return this.executor
      .execute(
        streamName(MUNICIPALITY_CATEGORY, municipalityId),
        municipalityDecider,
        { type: correct ? 'CorrectPopulation' : 'RecordPopulation', figure },
        context,
      )
      .catch(rethrowAsProblem);
  }
}
