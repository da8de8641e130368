import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { MunicipalityParams } from '../common/params';
import {
  MUNICIPALITY_REGISTER_PROJECTION,
  POPULATION_PROJECTION,
} from '../municipality-register/municipality-register.projections';
import { municipalityAfter, MunicipalityView } from '../municipality-register/municipality.view';
import { PopulationFigureRequest } from '../register-municipality/population-figure.request';
import { toPopulationFigure } from '../register-municipality/to-population-figure';
import { RecordPopulation } from './record-population.command';

@ApiTags('Reference data: municipalities')
@Controller('municipalities')
export class RecordPopulationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':municipalityId/populations')
  @HttpCode(201)
  @Roles('admin')
  @WaitsFor(MUNICIPALITY_REGISTER_PROJECTION, POPULATION_PROJECTION)
  @ApiCommandEndpoint(
    "Record a year's population",
    'The population on 1 January of the year. A year is recorded once (409 `POPULATION_ALREADY_RECORDED`): ' +
      'a better figure is a correction (PUT).',
  )
  @ApiNotFound('municipality')
  @ApiCreatedResponse({ type: MunicipalityView })
  async record(
    @Param() params: MunicipalityParams,
    @Body() body: PopulationFigureRequest,
    @Caller() caller: Caller,
  ): Promise<Answer<MunicipalityView>> {
    const figure = toPopulationFigure(body.year, body);
    const result = await this.commands.execute(new RecordPopulation(caller.envelope, params.municipalityId, figure));
    return Answer.written(municipalityAfter(result), result);
  }
}
