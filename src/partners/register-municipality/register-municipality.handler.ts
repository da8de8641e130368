import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandResult, newResourceId } from '../../shared/commands/command-executor';
import { PartnerStreams } from '../common/partner-streams';
import { MUNICIPALITY_CATEGORY } from '../domain/municipality.events';
import type { MunicipalityState } from '../domain/municipality.decider';
import { RegisterMunicipality } from './register-municipality.command';

@CommandHandler(RegisterMunicipality)
export class RegisterMunicipalityHandler implements ICommandHandler<RegisterMunicipality> {
  constructor(private readonly streams: PartnerStreams) {}

  execute(given: RegisterMunicipality): Promise<CommandResult<MunicipalityState>> {
    const { envelope, details, populations } = given;
    const municipalityId = given.municipalityId ?? newResourceId(envelope, MUNICIPALITY_CATEGORY);
    const command = { type: 'RegisterMunicipality', municipalityId, details, populations } as const;
    return this.streams.municipality(municipalityId, command, envelope);
  }
}
