import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { CLIENT_PEOPLE_PROJECTION } from '../client-summary/client-people.projection';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ClientParams } from '../common/params';
import { ChangeContactDetails } from './change-contact-details.command';
import { ChangeContactDetailsRequest } from './change-contact-details.request';
import { ContactDetailsView } from './contact-details.view';

@ApiTags('Clients')
@Controller('clients')
export class ChangeContactDetailsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':clientId/contact-details')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
  @WaitsFor(CLIENT_PEOPLE_PROJECTION)
  @ApiCommandEndpoint(
    'Change the phone or preferred language',
    'For an organisation that sees the person: a new `phone` or `preferredLanguage` (left out: unchanged; null: ' +
      'cleared), sealed with the rest of the personal data; what a referral’s warm hand-off shows (docs/adr/0028). ' +
      'The same details again change nothing. An erased person: 409 `CLIENT_ERASED`.',
    CLIENT_API_TEXTS,
  )
  @ApiProblemsWith(CLIENT_API_TEXTS, 404)
  @ApiBody({ type: ChangeContactDetailsRequest })
  @ApiOkResponse({ type: ContactDetailsView })
  async change(
    @Param() params: ClientParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<ContactDetailsView>> {
    const { result, ...details } = await this.commands.execute(new ChangeContactDetails(caller, params.clientId, body));
    return Answer.written({ clientId: params.clientId, ...details, revision: Number(result.revision) }, result);
  }
}
