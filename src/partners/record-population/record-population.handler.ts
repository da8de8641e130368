import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import type { MunicipalityState } from '../domain/municipality.decider';
import { RecordPopulation } from './record-population.command';

@CommandHandler(RecordPopulation)
export class RecordPopulationHandler implements ICommandHandler<RecordPopulation> {
  constructor(private readonly streams: PartnerStreams) {}

  execute({ envelope, municipalityId, figure }: RecordPopulation): Promise<CommandResult<MunicipalityState>> {
    return this.streams.municipality(municipalityId, { type: 'RecordPopulation', figure }, envelope);
  }
}
