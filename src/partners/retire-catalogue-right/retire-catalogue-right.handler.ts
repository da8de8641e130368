import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import type { CatalogueRightState } from '../domain/catalogue-right.decider';
import { RetireCatalogueRight } from './retire-catalogue-right.command';

@CommandHandler(RetireCatalogueRight)
export class RetireCatalogueRightHandler implements ICommandHandler<RetireCatalogueRight> {
  constructor(private readonly streams: PartnerStreams) {}

  execute({ envelope, rightId }: RetireCatalogueRight): Promise<CommandResult<CatalogueRightState>> {
    return this.streams.catalogueRight(rightId, { type: 'RetireCatalogueRight' }, envelope);
  }
}
