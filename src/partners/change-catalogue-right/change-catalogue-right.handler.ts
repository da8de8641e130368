import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import type { CatalogueRightState } from '../domain/catalogue-right.decider';
import { ChangeCatalogueRight } from './change-catalogue-right.command';

@CommandHandler(ChangeCatalogueRight)
export class ChangeCatalogueRightHandler implements ICommandHandler<ChangeCatalogueRight> {
  constructor(private readonly streams: PartnerStreams) {}

  execute({ envelope, rightId, changes }: ChangeCatalogueRight): Promise<CommandResult<CatalogueRightState>> {
    return this.streams.catalogueRight(rightId, { type: 'ChangeCatalogueRight', changes }, envelope);
  }
}
