import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiProblemsWith } from '../../shared/http/openapi';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ClientsFoundView } from './client-found.view';
import { SearchClients } from './search-clients.query';
import { SearchClientsRequest } from './search-clients.request';

@ApiTags('Clients')
@Controller('clients')
export class SearchClientsController {
  constructor(private readonly queries: QueryBus) {}

  @Post('searches')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', action: 'read' })
  @ApiOperation({
    summary: 'Find people by family name',
    description:
      'Exact match on the family name as folded (case, accents, spaces and `Van`/`van`/`Vande` written apart or ' +
      'together do not matter), optionally narrowed by given name (folded the same way) or birth year, through a ' +
      'keyed hash (docs/adr/0028). Answers only the people your organisation may see, with their names and birth ' +
      'date; each is in the access log. A family name of fewer than 2 letters is a 400 naming `familyName`.',
  })
  @ApiBody({ type: SearchClientsRequest })
  @ApiOkResponse({ type: ClientsFoundView })
  @ApiProblemsWith(CLIENT_API_TEXTS, 400)
  search(@Body() body: unknown, @Caller() caller: Caller): Promise<ClientsFoundView> {
    return this.queries.execute(new SearchClients(caller, body));
  }
}
