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
import { organisationDecider, type OrganisationState } from '../domain/organisation.decider';
import { ORGANISATION_CATEGORY, type OrganisationDetails } from '../domain/organisation.events';

export interface RegisterOrganisationInput {
  /** Given by the defaults loader (ids derived from the data file); otherwise a new id. */
  readonly organisationId?: string;
  readonly details: OrganisationDetails;
}

@Injectable()
export class RegisterOrganisationHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly municipalities: MunicipalityLookup,
  ) {}

  async execute(input: RegisterOrganisationInput, context: CommandContext): Promise<CommandResult<OrganisationState>> {
    const organisationId = input.organisationId ?? newResourceId(context, ORGANISATION_CATEGORY);
    const municipalityRegistered = await this.municipalities.isRegistered(input.details.municipalityId);
    return this.executor
      .execute(
        streamName(ORGANISATION_CATEGORY, organisationId),
        organisationDecider,
        { type: 'RegisterOrganisation', organisationId, details: input.details, municipalityRegistered },
        context,
      )
      .catch(rethrowAsProblem);
  }
}
