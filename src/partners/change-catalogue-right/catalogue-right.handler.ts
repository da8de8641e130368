import { Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext, type CommandResult } from '../../shared/commands/command-executor';
import { streamName } from '../../shared/domain/ids';
import { rethrowAsProblem } from '../common/problems';
import {
  catalogueRightDecider,
  type CatalogueRightCommand,
  type CatalogueRightState,
} from '../domain/catalogue-right.decider';
import { CATALOGUE_RIGHT_CATEGORY } from '../domain/catalogue-right.events';

/** Changes or retires a right of the catalogue. */
@Injectable()
export class CatalogueRightHandler {
  constructor(private readonly executor: CommandExecutor) {}

  execute(
    rightId: string,
    command: Exclude<CatalogueRightCommand, { type: 'AddCatalogueRight' }>,
    context: CommandContext,
  ): Promise<CommandResult<CatalogueRightState>> {
    return this.executor
      .execute(streamName(CATALOGUE_RIGHT_CATEGORY, rightId), catalogueRightDecider, command, context)
      .catch(rethrowAsProblem);
  }
}
