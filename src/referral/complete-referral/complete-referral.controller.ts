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
import { CompleteReferralRequest } from './complete-referral.request';

@ApiTags('Referrals')
@Controller('referrals')
export class CompleteReferralController {
  constructor(private readonly steps: ReferralSteps) {}

  @Post(':referralId/completion')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @ApiReferralStep(
    'Complete a referral',
    'For social workers of the receiving organisation, once the service started, with its outcome. A referral ' +
      'whose service never started cannot be completed (409 `SERVICE_NOT_STARTED`).',
    CompleteReferralRequest,
  )
  complete(
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
      request: CompleteReferralRequest,
      command: (request, context) => ({
        type: 'CompleteReferral',
        actorOrganisationId: context.actorOrganisationId,
        occurredOn: context.occurredOn,
        today: context.today,
        outcome: request.outcome,
      }),
      user,
      headers,
      reply,
      entry,
    });
  }
}
