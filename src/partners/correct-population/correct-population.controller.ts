import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { PopulationParams } from '../common/params';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import {
  MUNICIPALITY_REGISTER_PROJECTION,
  POPULATION_PROJECTION,
} from '../municipality-register/municipality-register.projections';
import { MunicipalityView, municipalityViewOf } from '../municipality-register/municipality.view';
import { PopulationFigureHandler } from '../record-population/record-population.handler';
import { PopulationFigureFields } from '../register-municipality/population-figure.request';
import { toPopulationFigure } from '../register-municipality/to-population-figure';

@ApiTags('Reference data: municipalities')
@Controller('municipalities')
export class CorrectPopulationController {
  constructor(
    private readonly handler: PopulationFigureHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Put(':municipalityId/populations/:year')
  @Roles('admin')
  @ApiCommandEndpoint(
    "Correct a year's population",
    'Replaces a recorded figure; the earlier one stays in the history. Only a recorded year can be corrected ' +
      '(409 `POPULATION_NOT_RECORDED`). The same figure again stores nothing.',
  )
  @ApiProblems(404)
  @ApiOkResponse({ type: MunicipalityView })
  async correct(
    @Param() params: PopulationParams,
    @Body() body: PopulationFigureFields,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MunicipalityView> {
    const figure = toPopulationFigure(params.year, body);
    const result = await this.handler.execute(params.municipalityId, figure, true, commandContext(user, headers));
    await this.readYourWrites.waitFor(result, [MUNICIPALITY_REGISTER_PROJECTION, POPULATION_PROJECTION]);
    if (result.state.status !== 'registered') throw new Error('A corrected population has a municipality');
    setEtag(reply, result.revision);
    return municipalityViewOf(result.state, result.revision);
  }
}
