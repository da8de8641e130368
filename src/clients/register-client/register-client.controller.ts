import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { CLIENT_REGISTER_PROJECTION } from '../client-register/client-register.projection';
import { CLIENT_RESIDENCES_PROJECTION } from '../client-residences/client-residences.projection';
import { CLIENT_PEOPLE_PROJECTION } from '../client-summary/client-people.projection';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { RegisterClient } from './register-client.command';
import { RegisterClientRequest } from './register-client.request';
import { RegistrationView } from './registration.view';

@ApiTags('Clients')
@Controller('clients')
export class RegisterClientController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', action: 'write' })
  @WaitsFor(CLIENT_PEOPLE_PROJECTION, CLIENT_REGISTER_PROJECTION, CLIENT_RESIDENCES_PROJECTION)
  @ApiCommandEndpoint(
    'Register a person',
    'Registers a person once for the region; their organisation then works with them. An INSZ that is registered ' +
      'already answers 200 with that person\'s id only (`outcome: "already_registered"`), storing nothing. Same name ' +
      'and birth date as someone registered: `possibleDuplicates` warns. Personal data is stored sealed with the ' +
      "person's own key (docs/privacy.md).",
    CLIENT_API_TEXTS,
  )
  @ApiBody({ type: RegisterClientRequest })
  @ApiCreatedResponse({ type: RegistrationView, description: 'Registered; ETag and Location given.' })
  @ApiOkResponse({ type: RegistrationView, description: "The INSZ was registered already: that person's id." })
  async register(@Body() body: unknown, @Caller() caller: Caller): Promise<Answer<RegistrationView>> {
    const outcome = await this.commands.execute(new RegisterClient(caller, body));
    const location = `/clients/${outcome.clientId}`;
    if (outcome.kind === 'already_registered') {
      return Answer.existing(
        { clientId: outcome.clientId, outcome: 'already_registered', possibleDuplicates: [] },
        location,
      );
    }
    const view: RegistrationView = {
      clientId: outcome.clientId,
      outcome: 'registered',
      revision: Number(outcome.result.revision),
      possibleDuplicates: [...outcome.possibleDuplicates],
    };
    return Answer.written(view, outcome.result, location);
  }
}
