import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessLogEntry, AccessLogged, CurrentUser, type PendingAccessLogEntry, Roles } from '../../shared/auth';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { commandContext } from '../../shared/commands/command-context';
import { Command, type CommandHeaders } from '../../shared/http/command-headers';
import { BODY_LIMITS, BodyLimit } from '../../shared/http/json-body';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { validateRequest } from '../../shared/http/request-validation';
import { noteProblems, SentReferrals } from '../common/sent-referrals';
import { ReferralView } from '../common/referral.view';
import { SendReferralRequest } from './send-referral.request';

@ApiTags('Referrals')
@Controller('referrals')
export class SendReferralController {
  constructor(private readonly sent: SentReferrals) {}

  @Post()
  @BodyLimit(BODY_LIMITS.largeBytes)
  @HttpCode(201)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral' })
  @ApiCommandEndpoint(
    'Send a referral',
    'From an intake trajectory of your organisation to another organisation (and one of its services), for a need ' +
      'and life domain. Needs the person’s valid consent to share them with the receiver (409 `CONSENT_REQUIRED`), ' +
      'unless sent as an anonymous signal (`consentBasis: none`). Due `responseDeadlineDays` calendar days after ' +
      'sending. Refusals with their codes: docs/referrals.md.',
  )
  @ApiBody({ type: SendReferralRequest })
  @ApiCreatedResponse({ type: ReferralView, description: '`Location` names it; `ETag` is its revision.' })
  @ApiProblems(404)
  async send(
    @Body() body: unknown,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() entry: PendingAccessLogEntry,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralView> {
    const request = await validateRequest(SendReferralRequest, body, noteProblems);
    return this.sent.send(
      {
        trajectoryId: request.trajectoryId,
        toOrganisationId: request.toOrganisationId,
        service: request.service ?? null,
        lifeDomain: request.lifeDomain,
        needId: request.needId ?? null,
        warm: request.warm ?? false,
        note: request.note ?? null,
        consentBasis: request.consentBasis,
        previous: null,
      },
      user,
      commandContext(user, headers),
      entry,
      reply,
    );
  }
}
