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
import { RevokeReferral } from './revoke-referral.command';
import { RevokeReferralRequest } from './revoke-referral.request';

@ApiTags('Referrals')
@Controller('referrals')
export class RevokeReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':referralId/revocation')
  @HttpCode(200)
  @Roles('social_worker', 'coordinator')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @WaitsFor(REFERRALS_PROJECTION)
  @ApiReferralStep(
    'Revoke a referral',
    'For social workers of the sending organisation, and for coordinators region-wide (who get the referral without ' +
      'anything personal), until it is completed, declined or dropped.',
    RevokeReferralRequest,
  )
  async revoke(
    @Param() params: ReferralParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<ReferralView>> {
    const { referral, result } = await this.commands.execute(new RevokeReferral(caller, params.referralId, body));
    return Answer.written(referral, result);
  }
}
