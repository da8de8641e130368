import { Body, Controller, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { BODY_LIMITS, BodyLimit } from '../../shared/http/json-body';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { OrganisationParams } from '../common/params';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { ORGANISATION_DIRECTORY_PROJECTION } from '../organisation-directory/organisation-directory.projection';
import { OrganisationView, organisationViewOf } from '../organisation-directory/organisation.view';
import { ChangeOrganisationHandler } from './change-organisation.handler';
import { ChangeOrganisationRequest } from './change-organisation.request';

@ApiTags('Reference data: organisations')
@Controller('organisations')
export class ChangeOrganisationController {
  constructor(
    private readonly handler: ChangeOrganisationHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Patch(':organisationId')
  @BodyLimit(BODY_LIMITS.largeBytes)
  @Roles('admin')
  @ApiCommandEndpoint(
    'Change an organisation',
    'Changes the fields given. A change that changes nothing stores nothing. Refused with 409 ' +
      '`ORGANISATION_DEACTIVATED` once the organisation is deactivated.',
  )
  @ApiProblems(404)
  @ApiOkResponse({ type: OrganisationView })
  async change(
    @Param() params: OrganisationParams,
    @Body() body: ChangeOrganisationRequest,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganisationView> {
    const result = await this.handler.execute(
      params.organisationId,
      {
        name: body.name,
        type: body.type,
        municipalityId: body.municipalityId,
        services: body.services,
        responseDeadlineDays: body.responseDeadlineDays,
      },
      commandContext(user, headers),
    );
    await this.readYourWrites.waitFor(result, [ORGANISATION_DIRECTORY_PROJECTION]);
    if (result.state.status === 'unregistered') throw new Error('A changed organisation is registered');
    setEtag(reply, result.revision);
    return organisationViewOf(result.state, result.revision);
  }
}
