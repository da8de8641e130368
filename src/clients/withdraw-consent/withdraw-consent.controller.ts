import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { CLIENT_CONSENTS_PROJECTION } from '../client-consents/client-consents.projection';
import { CLIENT_PEOPLE_PROJECTION } from '../client-summary/client-people.projection';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ConsentParams } from '../common/params';
import { GivenConsentView } from '../give-consent/give-consent.controller';
import { WithdrawConsent } from './withdraw-consent.command';
import { WithdrawConsentRequest } from './withdraw-consent.request';

@ApiTags('Clients')
@Controller('clients')
export class WithdrawConsentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':clientId/consents/:consentId/withdrawal')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
  @WaitsFor(CLIENT_CONSENTS_PROJECTION, CLIENT_PEOPLE_PROJECTION)
  @ApiCommandEndpoint(
    "Record the withdrawal of a person's consent",
    'From `withdrawnOn` (default today) the consent no longer holds. Referrals still awaiting an answer that rest on ' +
      'it are revoked shortly after (reason `consent_withdrawn`, docs/referrals.md). Withdrawing twice changes ' +
      'nothing. For social workers of an organisation that sees the person.',
    CLIENT_API_TEXTS,
  )
  @ApiProblemsWith(CLIENT_API_TEXTS, 404)
  @ApiBody({ type: WithdrawConsentRequest, required: false })
  @ApiOkResponse({ type: GivenConsentView })
  async withdraw(
    @Param() params: ConsentParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<GivenConsentView>> {
    const { consent, result } = await this.commands.execute(
      new WithdrawConsent(caller, params.clientId, params.consentId, body),
    );
    return Answer.written({ ...consent, revision: Number(result.revision) }, result);
  }
}
