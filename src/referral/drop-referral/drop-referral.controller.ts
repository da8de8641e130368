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
import { DropReferralRequest } from './drop-referral.request';

@ApiTags('Referrals')
@Controller('referrals')
export class DropReferralController {
  constructor(private readonly steps: ReferralSteps) {}

  @Post(':referralId/drop')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @ApiReferralStep(
    'Record that an accepted referral dropped',
    'For social workers of the receiving organisation, after acceptance and before completion: by the person or by ' +
      'the service, with a reason. The person goes back on the sending organisation’s follow-up list.',
    DropReferralRequest,
  )
  drop(
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
      request: DropReferralRequest,
      command: (request, context) => ({
        type: 'DropReferral',
        actorOrganisationId: context.actorOrganisationId,
        occurredOn: context.occurredOn,
        today: context.today,
        droppedBy: request.droppedBy,
        reason: request.reason,
      }),
      user,
      headers,
      reply,
      entry,
    });
  }
}
