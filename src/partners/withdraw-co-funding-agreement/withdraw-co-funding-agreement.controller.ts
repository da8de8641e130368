import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { CoFundingAgreementParams } from '../common/params';
import { CONTRIBUTION_SCHEDULE_PROJECTION } from '../contribution-schedule/contribution-schedule.projection';
import { scheduleAfter, ContributionScheduleView } from '../contribution-schedule/contribution-schedule.view';
import { WithdrawCoFundingAgreement } from './withdraw-co-funding-agreement.command';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class WithdrawCoFundingAgreementController {
  constructor(private readonly commands: CommandBus) {}

  @Post('co-funding-agreements/:agreementId/withdraw')
  @HttpCode(200)
  @Roles('admin')
  @WaitsFor(CONTRIBUTION_SCHEDULE_PROJECTION)
  @ApiCommandEndpoint('Withdraw a co-funding agreement entered by mistake', 'It stays in the history.')
  @ApiNotFound('coFundingAgreement')
  @ApiOkResponse({ type: ContributionScheduleView })
  async withdraw(
    @Param() params: CoFundingAgreementParams,
    @Caller() caller: Caller,
  ): Promise<Answer<ContributionScheduleView>> {
    const result = await this.commands.execute(new WithdrawCoFundingAgreement(caller.envelope, params.agreementId));
    return Answer.written(scheduleAfter(result), result);
  }
}
