import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { BODY_LIMITS, BodyLimit } from '../../shared/http/json-body';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { ORGANISATION_DIRECTORY_PROJECTION } from '../organisation-directory/organisation-directory.projection';
import { OrganisationView, organisationViewOf } from '../organisation-directory/organisation.view';
import { RegisterOrganisationHandler } from './register-organisation.handler';
import { RegisterOrganisationRequest } from './register-organisation.request';

@ApiTags('Reference data: organisations')
@Controller('organisations')
export class RegisterOrganisationController {
  constructor(
    private readonly handler: RegisterOrganisationHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post()
  @BodyLimit(BODY_LIMITS.largeBytes)
  @HttpCode(201)
  @Roles('admin')
  @ApiCommandEndpoint(
    'Register a partner organisation',
    'Refused with 409 `UNKNOWN_MUNICIPALITY` when the municipality is not registered, `MUNICIPALITY_REQUIRED` for ' +
      'an OCMW without one.',
  )
  @ApiCreatedResponse({ type: OrganisationView, description: 'The organisation, with its ETag and Location.' })
  async register(
    @Body() body: RegisterOrganisationRequest,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganisationView> {
    const result = await this.handler.execute(
      {
        details: {
          name: body.name,
          type: body.type,
          municipalityId: body.municipalityId ?? null,
          services: body.services,
          responseDeadlineDays: body.responseDeadlineDays ?? null,
        },
      },
      commandContext(user, headers),
    );
    await this.readYourWrites.waitFor(result, [ORGANISATION_DIRECTORY_PROJECTION]);
    if (result.state.status === 'unregistered') throw new Error('Registration left no organisation');
    setEtag(reply, result.revision);
    void reply.header('location', `/organisations/${result.state.organisationId}`);
    return organisationViewOf(result.state, result.revision);
  }
}
