import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import type { MunicipalityState } from '../domain/municipality.decider';
import { ChangeMunicipality } from './change-municipality.command';

@CommandHandler(ChangeMunicipality)
export class ChangeMunicipalityHandler implements ICommandHandler<ChangeMunicipality> {
  constructor(private readonly streams: PartnerStreams) {}

  execute({ envelope, municipalityId, changes }: ChangeMunicipality): Promise<CommandResult<MunicipalityState>> {
    return this.streams.municipality(municipalityId, { type: 'ChangeMunicipality', changes }, envelope);
  }
}
