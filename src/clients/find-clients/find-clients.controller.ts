import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiProblemsWith } from '../../shared/http/openapi';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ClientMatchesView } from './client-match.view';
import { FindClients } from './find-clients.query';
import { FindClientsRequest } from './find-clients.request';

@ApiTags('Clients')
@Controller('clients')
export class FindClientsController {
  constructor(private readonly queries: QueryBus) {}

  @Post('lookups')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', action: 'read' })
  @ApiOperation({
    summary: 'Find a person again by INSZ, or by name and birth date',
    description:
      'Through keyed hashes: the values are never stored. Answers ids only, each with whether your organisation may ' +
      'see the person; nothing else about people it may not see. Every person found is in the access log.',
  })
  @ApiBody({ type: FindClientsRequest })
  @ApiOkResponse({ type: ClientMatchesView })
  @ApiProblemsWith(CLIENT_API_TEXTS, 400)
  find(@Body() body: unknown, @Caller() caller: Caller): Promise<ClientMatchesView> {
    return this.queries.execute(new FindClients(caller, body));
  }
}
