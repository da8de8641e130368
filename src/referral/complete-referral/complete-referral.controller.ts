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
import { CompleteReferral } from './complete-referral.command';
import { CompleteReferralRequest } from './complete-referral.request';

@ApiTags('Referrals')
@Controller('referrals')
export class CompleteReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':referralId/completion')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @WaitsFor(REFERRALS_PROJECTION)
  @ApiReferralStep(
    'Complete a referral',
    'For social workers of the receiving organisation, once the service started, with its outcome. A referral ' +
      'whose service never started cannot be completed (409 `SERVICE_NOT_STARTED`).',
    CompleteReferralRequest,
  )
  async complete(
    @Param() params: ReferralParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<ReferralView>> {
    const { referral, result } = await this.commands.execute(new CompleteReferral(caller, params.referralId, body));
    return Answer.written(referral, result);
  }
}
