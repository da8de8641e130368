import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessLogEntry, AccessLogged, CurrentUser, type PendingAccessLogEntry, Roles } from '../../shared/auth';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders } from '../../shared/http/command-headers';
import { ApiReferralStep } from '../common/openapi';
import { ReferralParams } from '../common/params';
import { ReferralSteps, StepRequest } from '../common/referral-steps';
import type { ReferralView } from '../common/referral.view';

@ApiTags('Referrals')
@Controller('referrals')
export class RecordFirstContactController {
  constructor(private readonly steps: ReferralSteps) {}

  @Post(':referralId/first-contact')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @ApiReferralStep(
    'Record the first contact with the person',
    'For social workers of the receiving organisation, once the referral is accepted.',
    StepRequest,
  )
  record(
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
      request: StepRequest,
      command: (_request, context) => ({
        type: 'RecordFirstContact',
        actorOrganisationId: context.actorOrganisationId,
        occurredOn: context.occurredOn,
        today: context.today,
      }),
      user,
      headers,
      reply,
      entry,
    });
  }
}
