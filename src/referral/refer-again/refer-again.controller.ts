import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessLogEntry, AccessLogged, CurrentUser, type PendingAccessLogEntry, Roles } from '../../shared/auth';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { commandContext } from '../../shared/commands/command-context';
import { Command, type CommandHeaders } from '../../shared/http/command-headers';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { validateRequest } from '../../shared/http/request-validation';
import { ReferralParams } from '../common/params';
import { ReferralAccess } from '../common/referral-access';
import { ReferralStreams } from '../common/referral-streams';
import { noteProblems, SentReferrals } from '../common/sent-referrals';
import { ReferralView } from '../common/referral.view';
import { ReferralTargetRequest } from '../send-referral/send-referral.request';

@ApiTags('Referrals')
@Controller('referrals')
export class ReferAgainController {
  constructor(
    private readonly streams: ReferralStreams,
    private readonly access: ReferralAccess,
    private readonly sent: SentReferrals,
  ) {}

  @Post(':referralId/referral-again')
  @HttpCode(201)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @ApiCommandEndpoint(
    'Send a declined or dropped referral again',
    'For social workers of the organisation responsible for the trajectory: a new referral for the same need and ' +
      'life domain, to another (or the same) organisation, naming this one as `previousReferralId`; it leaves the ' +
      'follow-up list. Checked as a new referral (consent, receiver, open trajectory).',
  )
  @ApiBody({ type: ReferralTargetRequest })
  @ApiCreatedResponse({ type: ReferralView, description: 'The new referral; `Location` names it.' })
  @ApiProblems(404)
  async referAgain(
    @Param() params: ReferralParams,
    @Body() body: unknown,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() entry: PendingAccessLogEntry,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralView> {
    const { state } = await this.streams.existing(params.referralId);
    // Its two parties may learn more; the trajectory's organisation is checked by the send itself (403).
    this.access.partyOf(user, state, entry);
    const request = await validateRequest(ReferralTargetRequest, body, noteProblems);
    const { sent } = state;
    return this.sent.send(
      {
        trajectoryId: sent.trajectoryId,
        toOrganisationId: request.toOrganisationId,
        service: request.service ?? null,
        lifeDomain: sent.lifeDomain,
        needId: sent.needId,
        warm: request.warm ?? false,
        note: request.note ?? null,
        consentBasis: request.consentBasis,
        previous: { referralId: sent.referralId, status: state.status, trajectoryId: sent.trajectoryId },
      },
      user,
      commandContext(user, headers),
      entry,
      reply,
    );
  }
}
