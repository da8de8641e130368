import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { BODY_LIMITS, BodyLimit } from '../../shared/http/json-body';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import {
  MUNICIPALITY_REGISTER_PROJECTION,
  POPULATION_PROJECTION,
} from '../municipality-register/municipality-register.projections';
import { municipalityAfter, MunicipalityView } from '../municipality-register/municipality.view';
import { RegisterMunicipality } from './register-municipality.command';
import { RegisterMunicipalityRequest } from './register-municipality.request';
import { toPopulationFigure } from './to-population-figure';

@ApiTags('Reference data: municipalities')
@Controller('municipalities')
export class RegisterMunicipalityController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @BodyLimit(BODY_LIMITS.appendBytes)
  @HttpCode(201)
  @Roles('admin')
  @WaitsFor(MUNICIPALITY_REGISTER_PROJECTION, POPULATION_PROJECTION)
  @ApiCommandEndpoint(
    'Register a municipality',
    'With the population figures known at registration (population on 1 January, one per year).',
  )
  @ApiCreatedResponse({ type: MunicipalityView })
  async register(
    @Body() body: RegisterMunicipalityRequest,
    @Caller() caller: Caller,
  ): Promise<Answer<MunicipalityView>> {
    const populations = (body.populations ?? []).map((figure) => toPopulationFigure(figure.year, figure));
    const details = { name: body.name, nisCode: body.nisCode ?? null, member: body.member };
    const result = await this.commands.execute(new RegisterMunicipality(caller.envelope, details, populations));
    const municipality = municipalityAfter(result);
    const answer = Answer.written(municipality, result, `/municipalities/${municipality.municipalityId}`);
    // A projection reaches only positions of events it reads: the population one, only those of figures.
    return populations.length > 0 ? answer : answer.notWaitingFor(POPULATION_PROJECTION);
  }
}
