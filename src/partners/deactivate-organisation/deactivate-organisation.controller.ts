import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { OrganisationParams } from '../common/params';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { ORGANISATION_DIRECTORY_PROJECTION } from '../organisation-directory/organisation-directory.projection';
import { OrganisationView, organisationViewOf } from '../organisation-directory/organisation.view';
import { DeactivateOrganisationHandler } from './deactivate-organisation.handler';

@ApiTags('Reference data: organisations')
@Controller('organisations')
export class DeactivateOrganisationController {
  constructor(
    private readonly handler: DeactivateOrganisationHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post(':organisationId/deactivate')
  @HttpCode(200)
  @Roles('admin')
  @ApiCommandEndpoint(
    'Deactivate an organisation',
    'It stays in the history and in earlier referrals, but is no longer offered. Deactivating again stores nothing.',
  )
  @ApiProblems(404)
  @ApiOkResponse({ type: OrganisationView })
  async deactivate(
    @Param() params: OrganisationParams,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganisationView> {
    const result = await this.handler.execute(params.organisationId, commandContext(user, headers));
    await this.readYourWrites.waitFor(result, [ORGANISATION_DIRECTORY_PROJECTION]);
    if (result.state.status === 'unregistered') throw new Error('A deactivated organisation is registered');
    setEtag(reply, result.revision);
    return organisationViewOf(result.state, result.revision);
  }
}
