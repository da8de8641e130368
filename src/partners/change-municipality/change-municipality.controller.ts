import { Body, Controller, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { MunicipalityParams } from '../common/params';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { MUNICIPALITY_REGISTER_PROJECTION } from '../municipality-register/municipality-register.projections';
import { MunicipalityView, municipalityViewOf } from '../municipality-register/municipality.view';
import { ChangeMunicipalityHandler } from './change-municipality.handler';
import { ChangeMunicipalityRequest } from './change-municipality.request';

@ApiTags('Reference data: municipalities')
@Controller('municipalities')
export class ChangeMunicipalityController {
  constructor(
    private readonly handler: ChangeMunicipalityHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Patch(':municipalityId')
  @Roles('admin')
  @ApiCommandEndpoint(
    'Change a municipality',
    'Its name, NIS code or W13 membership. A change that changes nothing stores nothing.',
  )
  @ApiProblems(404)
  @ApiOkResponse({ type: MunicipalityView })
  async change(
    @Param() params: MunicipalityParams,
    @Body() body: ChangeMunicipalityRequest,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MunicipalityView> {
    const result = await this.handler.execute(
      params.municipalityId,
      { name: body.name, nisCode: body.nisCode, member: body.member },
      commandContext(user, headers),
    );
    await this.readYourWrites.waitFor(result, [MUNICIPALITY_REGISTER_PROJECTION]);
    if (result.state.status !== 'registered') throw new Error('A changed municipality is registered');
    setEtag(reply, result.revision);
    return municipalityViewOf(result.state, result.revision);
  }
}
