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
import { RecordFirstContact } from './record-first-contact.command';

@ApiTags('Referrals')
@Controller('referrals')
export class RecordFirstContactController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':referralId/first-contact')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @WaitsFor(REFERRALS_PROJECTION)
  @ApiReferralStep(
    'Record the first contact with the person',
    'For social workers of the receiving organisation, once the referral is accepted.',
    StepRequest,
  )
  async record(
    @Param() params: ReferralParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<ReferralView>> {
    const { referral, result } = await this.commands.execute(new RecordFirstContact(caller, params.referralId, body));
    return Answer.written(referral, result);
  }
}
