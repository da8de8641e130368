import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { BODY_LIMITS, BodyLimit } from '../../shared/http/json-body';
import { ApiReferralStep } from '../common/openapi';
import { ReferralParams } from '../common/params';
import type { ReferralView } from '../common/referral.view';
import { REFERRALS_PROJECTION } from '../referral-register/referrals.projection';
import { DeclineReferral } from './decline-referral.command';
import { DeclineReferralRequest } from './decline-referral.request';

@ApiTags('Referrals')
@Controller('referrals')
export class DeclineReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':referralId/decline')
  @BodyLimit(BODY_LIMITS.largeBytes)
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @WaitsFor(REFERRALS_PROJECTION)
  @ApiReferralStep(
    'Decline a referral',
    'For social workers of the receiving organisation, while the referral is `sent`: a reason from the list and, ' +
      'optionally, an explanation (sealed). The person goes back on the sending organisation’s follow-up list.',
    DeclineReferralRequest,
  )
  async decline(
    @Param() params: ReferralParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<ReferralView>> {
    const { referral, result } = await this.commands.execute(new DeclineReferral(caller, params.referralId, body));
    return Answer.written(referral, result);
  }
}
