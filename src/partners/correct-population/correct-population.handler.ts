import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import type { MunicipalityState } from '../domain/municipality.decider';
import { CorrectPopulation } from './correct-population.command';

@CommandHandler(CorrectPopulation)
export class CorrectPopulationHandler implements ICommandHandler<CorrectPopulation> {
  constructor(private readonly streams: PartnerStreams) {}

  execute({ envelope, municipalityId, figure }: CorrectPopulation): Promise<CommandResult<MunicipalityState>> {
    return this.streams.municipality(municipalityId, { type: 'CorrectPopulation', figure }, envelope);
  }
}
