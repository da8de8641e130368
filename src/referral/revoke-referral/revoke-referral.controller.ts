import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessLogEntry, AccessLogged, CurrentUser, type PendingAccessLogEntry, Roles } from '../../shared/auth';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders } from '../../shared/http/command-headers';
import { ApiReferralStep } from '../common/openapi';
import { ReferralParams } from '../common/params';
import { ReferralSteps } from '../common/referral-steps';
import type { ReferralView } from '../common/referral.view';
import { RevokeReferralRequest } from './revoke-referral.request';

@ApiTags('Referrals')
@Controller('referrals')
export class RevokeReferralController {
  constructor(private readonly steps: ReferralSteps) {}

  @Post(':referralId/revocation')
  @HttpCode(200)
  @Roles('social_worker', 'coordinator')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @ApiReferralStep(
    'Revoke a referral',
    'For social workers of the sending organisation, and for coordinators region-wide (who get the referral without ' +
      'anything personal), until it is completed, declined or dropped.',
    RevokeReferralRequest,
  )
  revoke(
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
      request: RevokeReferralRequest,
      command: (request, context) => ({
        type: 'RevokeReferral',
        actorOrganisationId: context.actorOrganisationId,
        asCoordinator: context.asCoordinator,
        occurredOn: context.occurredOn,
        today: context.today,
        reason: request.reason,
      }),
      user,
      headers,
      reply,
      entry,
      coordinatorAdmitted: true,
    });
  }
}
