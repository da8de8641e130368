import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { MunicipalityParams } from '../common/params';
import { MUNICIPALITY_REGISTER_PROJECTION } from '../municipality-register/municipality-register.projections';
import { municipalityAfter, MunicipalityView } from '../municipality-register/municipality.view';
import { ChangeMunicipality } from './change-municipality.command';
import { ChangeMunicipalityRequest } from './change-municipality.request';

@ApiTags('Reference data: municipalities')
@Controller('municipalities')
export class ChangeMunicipalityController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':municipalityId')
  @Roles('admin')
  @WaitsFor(MUNICIPALITY_REGISTER_PROJECTION)
  @ApiCommandEndpoint(
    'Change a municipality',
    'Its name, NIS code or W13 membership. A change that changes nothing stores nothing.',
  )
  @ApiNotFound('municipality')
  @ApiOkResponse({ type: MunicipalityView })
  async change(
    @Param() params: MunicipalityParams,
    @Body() body: ChangeMunicipalityRequest,
    @Caller() caller: Caller,
  ): Promise<Answer<MunicipalityView>> {
    const changes = { name: body.name, nisCode: body.nisCode, member: body.member };
    const result = await this.commands.execute(new ChangeMunicipality(caller.envelope, params.municipalityId, changes));
    return Answer.written(municipalityAfter(result), result);
  }
}
