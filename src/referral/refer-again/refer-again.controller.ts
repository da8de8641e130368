import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../../intake';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { ReferralParams } from '../common/params';
import { ReferralView } from '../common/referral.view';
import { REFERRALS_PROJECTION } from '../referral-register/referrals.projection';
import { ReferralTargetRequest } from '../send-referral/send-referral.request';
import { ReferAgain } from './refer-again.command';

@ApiTags('Referrals')
@Controller('referrals')
export class ReferAgainController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':referralId/referral-again')
  @HttpCode(201)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  // The trajectory's referrals too: closing it right after sees this one open (docs/adr/0026).
  @WaitsFor(REFERRALS_PROJECTION, INTAKE_TRAJECTORIES_PROJECTION)
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
    @Caller() caller: Caller,
  ): Promise<Answer<ReferralView>> {
    const { referral, result } = await this.commands.execute(new ReferAgain(caller, params.referralId, body));
    return Answer.written(referral, result, `/referrals/${referral.referralId}`);
  }
}
