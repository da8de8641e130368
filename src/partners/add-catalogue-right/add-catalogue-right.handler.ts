import { Injectable } from '@nestjs/common';
import {
  CommandExecutor,
  type CommandContext,
  type CommandResult,
  newResourceId,
} from '../../shared/commands/command-executor';
import { streamName } from '../../shared/domain/ids';
import { MunicipalityLookup } from '../common/municipality-lookup';
import { rethrowAsProblem } from '../common/problems';
import { catalogueRightDecider, type CatalogueRightState } from '../domain/catalogue-right.decider';
import { CATALOGUE_RIGHT_CATEGORY, type CatalogueRightDetails } from '../domain/catalogue-right.events';

export interface AddCatalogueRightInput {
  /** Given by the defaults loader (ids derived from the data file); otherwise a new id. */
  readonly rightId?: string;
  readonly details: CatalogueRightDetails;
}

@Injectable()
export class AddCatalogueRightHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly municipalities: MunicipalityLookup,
  ) {}

  async execute(input: AddCatalogueRightInput, context: CommandContext): Promise<CommandResult<CatalogueRightState>> {
    const rightId = input.rightId ?? newResourceId(context, CATALOGUE_RIGHT_CATEGORY);
    const municipalityRegistered = await this.municipalities.isRegistered(input.details.municipalityId);
    return this.executor
      .execute(
        streamName(CATALOGUE_RIGHT_CATEGORY, rightId),
        catalogueRightDecider,
        { type: 'AddCatalogueRight', rightId, details: input.details, municipalityRegistered },
        context,
      )
      .catch(rethrowAsProblem);
  }
}
