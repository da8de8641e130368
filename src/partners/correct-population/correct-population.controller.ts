import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { PopulationParams } from '../common/params';
import {
  MUNICIPALITY_REGISTER_PROJECTION,
  POPULATION_PROJECTION,
} from '../municipality-register/municipality-register.projections';
import { municipalityAfter, MunicipalityView } from '../municipality-register/municipality.view';
import { PopulationFigureFields } from '../register-municipality/population-figure.request';
import { toPopulationFigure } from '../register-municipality/to-population-figure';
import { CorrectPopulation } from './correct-population.command';

@ApiTags('Reference data: municipalities')
@Controller('municipalities')
export class CorrectPopulationController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':municipalityId/populations/:year')
  @Roles('admin')
  @WaitsFor(MUNICIPALITY_REGISTER_PROJECTION, POPULATION_PROJECTION)
  @ApiCommandEndpoint(
    "Correct a year's population",
    'Replaces a recorded figure; the earlier one stays in the history. Only a recorded year can be corrected ' +
      '(409 `POPULATION_NOT_RECORDED`). The same figure again stores nothing.',
  )
  @ApiNotFound('municipality')
  @ApiOkResponse({ type: MunicipalityView })
  async correct(
    @Param() params: PopulationParams,
    @Body() body: PopulationFigureFields,
    @Caller() caller: Caller,
  ): Promise<Answer<MunicipalityView>> {
    const figure = toPopulationFigure(params.year, body);
    const result = await this.commands.execute(new CorrectPopulation(caller.envelope, params.municipalityId, figure));
    return Answer.written(municipalityAfter(result), result);
  }
}
