import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { OrganisationParams } from '../common/params';
import { ORGANISATION_DIRECTORY_PROJECTION } from '../organisation-directory/organisation-directory.projection';
import { organisationAfter, OrganisationView } from '../organisation-directory/organisation.view';
import { DeactivateOrganisation } from './deactivate-organisation.command';

@ApiTags('Reference data: organisations')
@Controller('organisations')
export class DeactivateOrganisationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':organisationId/deactivate')
  @HttpCode(200)
  @Roles('admin')
  @WaitsFor(ORGANISATION_DIRECTORY_PROJECTION)
  @ApiCommandEndpoint(
    'Deactivate an organisation',
    'It stays in the history and in earlier referrals, but is no longer offered. Deactivating again stores nothing.',
  )
  @ApiNotFound('organisation')
  @ApiOkResponse({ type: OrganisationView })
  async deactivate(@Param() params: OrganisationParams, @Caller() caller: Caller): Promise<Answer<OrganisationView>> {
    const result = await this.commands.execute(new DeactivateOrganisation(caller.envelope, params.organisationId));
    return Answer.written(organisationAfter(result), result);
  }
}
