import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Answer } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiProblemsWith } from '../../shared/http/openapi';
import { ClientView } from '../client-summary/client.view';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ClientParams } from '../common/params';
import { ReadClient } from './read-client.query';

@ApiTags('Clients')
@Controller('clients')
export class ReadClientController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':clientId')
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
  @ApiOperation({
    summary: "A person's summary",
    description:
      'For a social worker of an organisation that may see the person today: the one that registered them, or one ' +
      "the person's valid consent names (docs/adr/0013). Others get the same 403 as for a wrong role. Logged in the " +
      'access log.',
  })
  @ApiOkResponse({ type: ClientView })
  @ApiProblemsWith(CLIENT_API_TEXTS, 400, 404, 410)
  async read(@Param() params: ClientParams, @Caller() caller: Caller): Promise<Answer<ClientView>> {
    const view = await this.queries.execute(new ReadClient(caller, params.clientId));
    return Answer.versioned(view, BigInt(view.revision));
  }
}
