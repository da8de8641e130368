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
import {
  MUNICIPALITY_REGISTER_PROJECTION,
  POPULATION_PROJECTION,
} from '../municipality-register/municipality-register.projections';
import { MunicipalityView, municipalityViewOf } from '../municipality-register/municipality.view';
import { RegisterMunicipalityHandler } from './register-municipality.handler';
import { RegisterMunicipalityRequest } from './register-municipality.request';
import { toPopulationFigure } from './to-population-figure';

@ApiTags('Reference data: municipalities')
@Controller('municipalities')
export class RegisterMunicipalityController {
  constructor(
    private readonly handler: RegisterMunicipalityHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post()
  @BodyLimit(BODY_LIMITS.appendBytes)
  @HttpCode(201)
  @Roles('admin')
  @ApiCommandEndpoint(
    'Register a municipality',
    'With the population figures known at registration (population on 1 January, one per year).',
  )
  @ApiCreatedResponse({ type: MunicipalityView })
  async register(
    @Body() body: RegisterMunicipalityRequest,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MunicipalityView> {
    const result = await this.handler.execute(
      {
        details: { name: body.name, nisCode: body.nisCode ?? null, member: body.member },
        populations: (body.populations ?? []).map((figure) => toPopulationFigure(figure.year, figure)),
      },
      commandContext(user, headers),
    );
    // A projection reaches only positions of events it reads: wait for the population one only when it has some.
    const projections = [
      MUNICIPALITY_REGISTER_PROJECTION,
      ...(body.populations?.length ? [POPULATION_PROJECTION] : []),
    ];
    await this.readYourWrites.waitFor(result, projections);
    if (result.state.status !== 'registered') throw new Error('Registration left no municipality');
    setEtag(reply, result.revision);
    void reply.header('location', `/municipalities/${result.state.municipalityId}`);
    return municipalityViewOf(result.state, result.revision);
  }
}
