import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { BODY_LIMITS, BodyLimit } from '../../shared/http/json-body';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { OrganisationParams } from '../common/params';
import { ORGANISATION_DIRECTORY_PROJECTION } from '../organisation-directory/organisation-directory.projection';
import { organisationAfter, OrganisationView } from '../organisation-directory/organisation.view';
import { ChangeOrganisation } from './change-organisation.command';
import { ChangeOrganisationRequest } from './change-organisation.request';

@ApiTags('Reference data: organisations')
@Controller('organisations')
export class ChangeOrganisationController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':organisationId')
  @BodyLimit(BODY_LIMITS.largeBytes)
  @Roles('admin')
  @WaitsFor(ORGANISATION_DIRECTORY_PROJECTION)
  @ApiCommandEndpoint(
    'Change an organisation',
    'Changes the fields given. A change that changes nothing stores nothing. Refused with 409 ' +
      '`ORGANISATION_DEACTIVATED` once the organisation is deactivated.',
  )
  @ApiNotFound('organisation')
  @ApiOkResponse({ type: OrganisationView })
  async change(
    @Param() params: OrganisationParams,
    @Body() body: ChangeOrganisationRequest,
    @Caller() caller: Caller,
  ): Promise<Answer<OrganisationView>> {
    const { name, type, municipalityId, services, responseDeadlineDays, serviceStartDeadlineDays } = body;
    const result = await this.commands.execute(
      new ChangeOrganisation(caller.envelope, params.organisationId, {
        name,
        type,
        municipalityId,
        services,
        responseDeadlineDays,
        serviceStartDeadlineDays,
      }),
    );
    return Answer.written(organisationAfter(result), result);
  }
}
