import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { CLIENT_REGISTER_PROJECTION } from '../client-register/client-register.projection';
import { CLIENT_RESIDENCES_PROJECTION } from '../client-residences/client-residences.projection';
import { CLIENT_PEOPLE_PROJECTION } from '../client-summary/client-people.projection';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ClientParams } from '../common/params';
import { MoveView } from './move.view';
import { RecordMove } from './record-move.command';
import { RecordMoveRequest } from './record-move.request';

@ApiTags('Clients')
@Controller('clients')
export class RecordMoveController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':clientId/moves')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
  @WaitsFor(CLIENT_PEOPLE_PROJECTION, CLIENT_REGISTER_PROJECTION, CLIENT_RESIDENCES_PROJECTION)
  @ApiCommandEndpoint(
    'Record a move',
    'The municipality of residence changes from `effectiveDate` on (facts may arrive late: any past date); the new ' +
      'address, if given, is sealed like all personal data. Recording the same move again changes nothing; another ' +
      'municipality on a date that already has a move is refused (409 `MOVE_ALREADY_RECORDED`).',
    CLIENT_API_TEXTS,
  )
  @ApiProblemsWith(CLIENT_API_TEXTS, 404)
  @ApiBody({ type: RecordMoveRequest })
  @ApiOkResponse({ type: MoveView })
  async move(
    @Param() params: ClientParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<MoveView>> {
    const { result, ...move } = await this.commands.execute(new RecordMove(caller, params.clientId, body));
    return Answer.written({ clientId: params.clientId, ...move, revision: Number(result.revision) }, result);
  }
}
