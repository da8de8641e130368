import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { BODY_LIMITS, BodyLimit } from '../../shared/http/json-body';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ORGANISATION_DIRECTORY_PROJECTION } from '../organisation-directory/organisation-directory.projection';
import { OrganisationView, organisationViewOf } from '../organisation-directory/organisation.view';
import { RegisterOrganisation } from './register-organisation.command';
import { RegisterOrganisationRequest } from './register-organisation.request';
import { DEFAULT_SERVICE_START_DEADLINE_DAYS } from '../domain/organisation.events';

@ApiTags('Reference data: organisations')
@Controller('organisations')
export class RegisterOrganisationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @BodyLimit(BODY_LIMITS.largeBytes)
  @HttpCode(201)
  @Roles('admin')
  @WaitsFor(ORGANISATION_DIRECTORY_PROJECTION)
  @ApiCommandEndpoint(
    'Register a partner organisation',
    'Refused with 409 `UNKNOWN_MUNICIPALITY` when the municipality is not registered. An OCMW serves a ' +
      'municipality: without `municipalityId` it is a 400 on that field.',
  )
  @ApiCreatedResponse({ type: OrganisationView, description: 'The organisation, with its ETag and Location.' })
  async register(
    @Body() body: RegisterOrganisationRequest,
    @Caller() caller: Caller,
  ): Promise<Answer<OrganisationView>> {
    const result = await this.commands.execute(
      new RegisterOrganisation(caller.envelope, {
        name: body.name,
        type: body.type,
        municipalityId: body.municipalityId ?? null,
        services: body.services,
        responseDeadlineDays: body.responseDeadlineDays ?? null,
        serviceStartDeadlineDays: body.serviceStartDeadlineDays ?? DEFAULT_SERVICE_START_DEADLINE_DAYS,
      }),
    );
    if (result.state.status === 'unregistered') throw new Error('Registration left no organisation');
    const organisation = organisationViewOf(result.state, result.revision);
    return Answer.written(organisation, result, `/organisations/${organisation.organisationId}`);
  }
}
