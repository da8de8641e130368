import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { OrganisationsQuery } from '../../partners';
import { CLIENT_CONSENTS_PROJECTION } from '../client-consents/client-consents.projection';
import { ConsentView } from '../client-consents/consent.view';
import { CLIENT_PEOPLE_PROJECTION } from '../client-summary/client-people.projection';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ClientParams } from '../common/params';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { validateRequest } from '../../shared/http/request-validation';
import { today } from '../../shared/domain/today';
import { isCalendarDate } from '../../shared/domain/calendar';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { GiveConsentHandler } from './give-consent.handler';
import { GiveConsentRequest } from './give-consent.request';

export class GivenConsentView extends ConsentView {
  @ApiProperty({ description: "The person's revision after the consent (also the ETag)." })
  revision!: number;
}

@ApiTags('Clients')
@Controller('clients')
export class GiveConsentController {
  constructor(
    private readonly handler: GiveConsentHandler,
    private readonly organisations: OrganisationsQuery,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':clientId/consents')
  @HttpCode(201)
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
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
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GivenConsentView> {
    const date = today(this.clock);
    const request = await validateRequest(GiveConsentRequest, body, async (candidate, invalid) => {
      const problems: FieldProblem[] = [];
      const validFrom = candidate.validFrom ?? date;
      if (invalid.ok('validFrom') && !isCalendarDate(validFrom)) {
        problems.push({ field: 'validFrom', message: 'validFrom must be a date (YYYY-MM-DD)' });
      }
      const validUntil = candidate.validUntil ?? null;
      if (invalid.ok('validUntil') && validUntil !== null) {
        if (!isCalendarDate(validUntil)) {
          problems.push({ field: 'validUntil', message: 'validUntil must be a date (YYYY-MM-DD)' });
        } else if (isCalendarDate(validFrom) && validUntil < validFrom) {
          problems.push({ field: 'validUntil', message: 'validUntil must not be before validFrom' });
        }
      }
      const organisationId = candidate.organisationId ?? null;
      if (invalid.ok('scope') && invalid.ok('organisationId')) {
        if (candidate.scope === 'share_with_organisation') {
          if (organisationId === null) {
            problems.push({
              field: 'organisationId',
              message: 'organisationId is required for share_with_organisation',
            });
          } else if (!(await this.organisations.find(organisationId))) {
            problems.push({ field: 'organisationId', message: 'organisationId must be a registered organisation' });
          }
        } else if (organisationId !== null) {
          problems.push({ field: 'organisationId', message: 'organisationId is only for share_with_organisation' });
        }
      }
      return problems;
    });

    const { consentId, result } = await this.handler.execute(
      {
        clientId: params.clientId,
        scope: request.scope,
        organisationId: request.organisationId ?? null,
        validFrom: request.validFrom ?? date,
        validUntil: request.validUntil ?? null,
        insz: request.insz ?? null,
      },
      user,
      commandContext(user, headers),
    );
    await this.readYourWrites.waitFor(result, [CLIENT_CONSENTS_PROJECTION, CLIENT_PEOPLE_PROJECTION]);
    const state = result.state;
    const consent = state.status === 'unregistered' ? undefined : state.consents[consentId];
    if (!consent) throw new Error('The consent is missing from the state it was recorded in');
    setEtag(reply, result.revision);
    return {
      consentId: consent.consentId,
      scope: consent.scope,
      organisationId: consent.organisationId,
      validFrom: consent.validFrom,
      validUntil: consent.validUntil,
      withdrawnOn: consent.withdrawnOn,
      recordedBy: consent.recordedBy,
      revision: Number(result.revision),
    };
  }
}
