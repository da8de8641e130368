import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandResult, newResourceId } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import { CATALOGUE_RIGHT_CATEGORY } from '../domain/catalogue-right.events';
import { MunicipalityLookup } from '../common/municipality-lookup';
import type { CatalogueRightState } from '../domain/catalogue-right.decider';
import { AddCatalogueRight } from './add-catalogue-right.command';

@CommandHandler(AddCatalogueRight)
export class AddCatalogueRightHandler implements ICommandHandler<AddCatalogueRight> {
  constructor(
    private readonly streams: PartnerStreams,
    private readonly municipalities: MunicipalityLookup,
  ) {}

  async execute(given: AddCatalogueRight): Promise<CommandResult<CatalogueRightState>> {
    const { envelope, details } = given;
    const rightId = given.rightId ?? newResourceId(envelope, CATALOGUE_RIGHT_CATEGORY);
    const municipalityRegistered = await this.municipalities.isRegistered(details.municipalityId);
    const command = { type: 'AddCatalogueRight', rightId, details, municipalityRegistered } as const;
    return this.streams.catalogueRight(rightId, command, envelope);
  }
}
