import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { CLIENT_CONSENTS_PROJECTION } from '../client-consents/client-consents.projection';
import { ConsentView } from '../client-consents/consent.view';
import { CLIENT_PEOPLE_PROJECTION } from '../client-summary/client-people.projection';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ClientParams } from '../common/params';
import { GiveConsent } from './give-consent.command';
import { GiveConsentRequest } from './give-consent.request';

export class GivenConsentView extends ConsentView {
  @ApiProperty({ type: 'integer', description: "The person's revision after the consent (also the ETag)." })
  revision!: number;
}

@ApiTags('Clients')
@Controller('clients')
export class GiveConsentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':clientId/consents')
  @HttpCode(201)
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
  @WaitsFor(CLIENT_CONSENTS_PROJECTION, CLIENT_PEOPLE_PROJECTION)
  @ApiCommandEndpoint(
    "Record a person's consent",
    'Scope `share_with_organisation` (with `organisationId`), `share_for_referrals` or `reporting`, valid from ' +
      '`validFrom` (default today) until `validUntil` (inclusive; open when omitted) or a withdrawal. For social ' +
      'workers of an organisation that sees the person; an organisation that does not yet may record consent to ' +
      "share with itself by giving the person's INSZ (docs/adr/0013).",
    CLIENT_API_TEXTS,
  )
  @ApiProblemsWith(CLIENT_API_TEXTS, 404)
  @ApiBody({ type: GiveConsentRequest })
  @ApiCreatedResponse({ type: GivenConsentView })
  async give(
    @Param() params: ClientParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<GivenConsentView>> {
    const { consent, result } = await this.commands.execute(new GiveConsent(caller, params.clientId, body));
    return Answer.written({ ...consent, revision: Number(result.revision) }, result);
  }
}
