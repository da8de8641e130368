import { Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext, type CommandResult } from '../../shared/commands/command-executor';
import { streamName } from '../../shared/domain/ids';
import { rethrowAsProblem } from '../common/problems';
import { municipalityDecider, type MunicipalityState } from '../domain/municipality.decider';
import { MUNICIPALITY_CATEGORY, type MunicipalityDetails } from '../domain/municipality.events';

@Injectable()
export class ChangeMunicipalityHandler {
  constructor(private readonly executor: CommandExecutor) {}

  execute(
    municipalityId: string,
    changes: Partial<MunicipalityDetails>,
    context: CommandContext,
  ): Promise<CommandResult<MunicipalityState>> {
    return this.executor
      .execute(
        streamName(MUNICIPALITY_CATEGORY, municipalityId),
        municipalityDecider,
        { type: 'ChangeMunicipality', changes },
        context,
      )
      .catch(rethrowAsProblem);
  }
}
