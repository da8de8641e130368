import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessLogEntry, AccessLogged, CurrentUser, type PendingAccessLogEntry, Roles } from '../../shared/auth';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders } from '../../shared/http/command-headers';
import { BODY_LIMITS, BodyLimit } from '../../shared/http/json-body';
import { ApiReferralStep } from '../common/openapi';
import { ReferralParams } from '../common/params';
import { ReferralNotes } from '../common/referral-notes';
import { ReferralSteps } from '../common/referral-steps';
import type { ReferralView } from '../common/referral.view';
import { DECLINE_EXPLANATION_CONTEXT } from '../domain/referral.events';
import { DeclineReferralRequest } from './decline-referral.request';

@ApiTags('Referrals')
@Controller('referrals')
export class DeclineReferralController {
  constructor(
    private readonly steps: ReferralSteps,
    private readonly notes: ReferralNotes,
  ) {}

  @Post(':referralId/decline')
  @BodyLimit(BODY_LIMITS.largeBytes)
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @ApiReferralStep(
    'Decline a referral',
    'For social workers of the receiving organisation, while the referral is `sent`: a reason from the list and, ' +
      'optionally, an explanation (sealed). The person goes back on the sending organisation’s follow-up list.',
    DeclineReferralRequest,
  )
  decline(
    @Param() params: ReferralParams,
    @Body() body: unknown,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() entry: PendingAccessLogEntry,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralView> {
    return this.steps.run({
      referralId: params.referralId,
      body,
      request: DeclineReferralRequest,
      command: async (request, context) => ({
        type: 'DeclineReferral',
        actorOrganisationId: context.actorOrganisationId,
        occurredOn: context.occurredOn,
        today: context.today,
        reason: request.reason,
        explanation: await this.notes.seal(
          context.state.sent.clientId,
          DECLINE_EXPLANATION_CONTEXT,
          request.explanation ?? null,
        ),
      }),
      user,
      headers,
      reply,
      entry,
    });
  }
}
