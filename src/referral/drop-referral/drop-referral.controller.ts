import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiReferralStep } from '../common/openapi';
import { ReferralParams } from '../common/params';
import type { ReferralView } from '../common/referral.view';
import { REFERRALS_PROJECTION } from '../referral-register/referrals.projection';
import { DropReferral } from './drop-referral.command';
import { DropReferralRequest } from './drop-referral.request';

@ApiTags('Referrals')
@Controller('referrals')
export class DropReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':referralId/drop')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @WaitsFor(REFERRALS_PROJECTION)
  @ApiReferralStep(
    'Record that an accepted referral dropped',
    'For social workers of the receiving organisation, after acceptance and before completion: by the person or by ' +
      'the service, with a reason. The person goes back on the sending organisation’s follow-up list.',
    DropReferralRequest,
  )
  async drop(
    @Param() params: ReferralParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<ReferralView>> {
    const { referral, result } = await this.commands.execute(new DropReferral(caller, params.referralId, body));
    return Answer.written(referral, result);
  }
}
