import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CommandExecutor } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { CLIENT_CONSENTS_PROJECTION } from '../client-consents/client-consents.projection';
import { CLIENT_PEOPLE_PROJECTION } from '../client-summary/client-people.projection';
import { ClientAccess } from '../common/client-access';
import { clientStream } from '../common/client-streams';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { ConsentParams } from '../common/params';
import { CLIENT_API_TEXTS, rethrowAsProblem } from '../common/openapi';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { validateRequest } from '../../shared/http/request-validation';
import { today } from '../../shared/domain/today';
import { isCalendarDate } from '../../shared/domain/calendar';
import { clientDecider } from '../domain/client.decider';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { GivenConsentView } from '../give-consent/give-consent.controller';
import { WithdrawConsentRequest } from './withdraw-consent.request';

@ApiTags('Clients')
@Controller('clients')
export class WithdrawConsentController {
  constructor(
    private readonly access: ClientAccess,
    private readonly executor: CommandExecutor,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':clientId/consents/:consentId/withdrawal')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
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
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GivenConsentView> {
    const date = today(this.clock);
    const request = await validateRequest(WithdrawConsentRequest, body ?? {}, (candidate, invalid) => {
      const problems: FieldProblem[] = [];
      const withdrawnOn = candidate.withdrawnOn;
      if (withdrawnOn !== undefined && invalid.ok('withdrawnOn')) {
        if (!isCalendarDate(withdrawnOn)) {
          problems.push({ field: 'withdrawnOn', message: 'withdrawnOn must be a date (YYYY-MM-DD)' });
        } else if (withdrawnOn > date) {
          problems.push({ field: 'withdrawnOn', message: 'withdrawnOn must not be in the future' });
        }
      }
      return problems;
    });
    await this.access.visibleEvenIfErased(user, params.clientId);
    const result = await this.executor
      .execute(
        clientStream(params.clientId),
        clientDecider,
        { type: 'WithdrawConsent', consentId: params.consentId, withdrawnOn: request.withdrawnOn ?? date, today: date },
        commandContext(user, headers),
      )
      .catch(rethrowAsProblem);
    await this.readYourWrites.waitFor(result, [CLIENT_CONSENTS_PROJECTION, CLIENT_PEOPLE_PROJECTION]);
    const consent = result.state.status === 'unregistered' ? undefined : result.state.consents[params.consentId];
    if (!consent) throw new Error('The consent is missing from the state it was withdrawn in');
    setEtag(reply, result.revision);
    return { ...consent, revision: Number(result.revision) };
  }
}
