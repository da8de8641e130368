import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { MunicipalityParams } from '../common/params';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import {
  MUNICIPALITY_REGISTER_PROJECTION,
  POPULATION_PROJECTION,
} from '../municipality-register/municipality-register.projections';
import { MunicipalityView, municipalityViewOf } from '../municipality-register/municipality.view';
import { PopulationFigureRequest } from '../register-municipality/population-figure.request';
import { toPopulationFigure } from '../register-municipality/to-population-figure';
import { PopulationFigureHandler } from './record-population.handler';

@ApiTags('Reference data: municipalities')
@Controller('municipalities')
export class RecordPopulationController {
  constructor(
    private readonly handler: PopulationFigureHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post(':municipalityId/populations')
  @HttpCode(201)
  @Roles('admin')
  @ApiCommandEndpoint(
    "Record a year's population",
    'The population on 1 January of the year. A year is recorded once (409 `POPULATION_ALREADY_RECORDED`): ' +
      'a better figure is a correction (PUT).',
  )
  @ApiProblems(404)
  @ApiCreatedResponse({ type: MunicipalityView })
  async record(
    @Param() params: MunicipalityParams,
    @Body() body: PopulationFigureRequest,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MunicipalityView> {
    const figure = toPopulationFigure(body.year, body);
    const result = await this.handler.execute(params.municipalityId, figure, false, commandContext(user, headers));
    await this.readYourWrites.waitFor(result, [MUNICIPALITY_REGISTER_PROJECTION, POPULATION_PROJECTION]);
    if (result.state.status !== 'registered') throw new Error('A recorded population has a municipality');
    setEtag(reply, result.revision);
    return municipalityViewOf(result.state, result.revision);
  }
}
