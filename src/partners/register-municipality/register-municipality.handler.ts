import { Injectable } from '@nestjs/common';
import {
  CommandExecutor,
  type CommandContext,
  type CommandResult,
  newResourceId,
} from '../../shared/commands/command-executor';
import { streamName } from '../../shared/domain/ids';
import { rethrowAsProblem } from '../common/problems';
import { municipalityDecider, type MunicipalityState } from '../domain/municipality.decider';
import { MUNICIPALITY_CATEGORY, type MunicipalityDetails, type PopulationFigure } from '../domain/municipality.events';

export interface RegisterMunicipalityInput {
  /** Given by the defaults loader (ids derived from the data file); otherwise a new id. */
  readonly municipalityId?: string;
  readonly details: MunicipalityDetails;
  readonly populations: readonly PopulationFigure[];
}

@Injectable()
export class RegisterMunicipalityHandler {
  constructor(private readonly executor: CommandExecutor) {}

  execute(input: RegisterMunicipalityInput, context: CommandContext): Promise<CommandResult<MunicipalityState>> {
    const municipalityId = input.municipalityId ?? newResourceId(context, MUNICIPALITY_CATEGORY);
    return this.executor
      .execute(
        streamName(MUNICIPALITY_CATEGORY, municipalityId),
        municipalityDecider,
        { type: 'RegisterMunicipality', municipalityId, details: input.details, populations: input.populations },
        context,
      )
      .catch(rethrowAsProblem);
  }
}
