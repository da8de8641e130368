import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiReferralStep } from '../common/openapi';
import { ReferralParams } from '../common/params';
import type { ReferralView } from '../common/referral.view';
import { StepRequest } from '../common/step.request';
import { REFERRALS_PROJECTION } from '../referral-register/referrals.projection';
import { RecordServiceStart } from './record-service-start.command';

@ApiTags('Referrals')
@Controller('referrals')
export class RecordServiceStartController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':referralId/service-start')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @WaitsFor(REFERRALS_PROJECTION)
  @ApiReferralStep(
    'Record that the service started',
    'For social workers of the receiving organisation, after the first contact: the verified start that impact counts as helped (closed is not helped).',
    StepRequest,
  )
  async record(
    @Param() params: ReferralParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<ReferralView>> {
    const { referral, result } = await this.commands.execute(new RecordServiceStart(caller, params.referralId, body));
    return Answer.written(referral, result);
  }
}
