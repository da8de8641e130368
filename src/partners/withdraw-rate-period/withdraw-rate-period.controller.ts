import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { RatePeriodParams } from '../common/params';
import { CONTRIBUTION_SCHEDULE_PROJECTION } from '../contribution-schedule/contribution-schedule.projection';
import { scheduleAfter, ContributionScheduleView } from '../contribution-schedule/contribution-schedule.view';
import { WithdrawRatePeriod } from './withdraw-rate-period.command';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class WithdrawRatePeriodController {
  constructor(private readonly commands: CommandBus) {}

  @Post('rate-periods/:ratePeriodId/withdraw')
  @HttpCode(200)
  @Roles('admin')
  @WaitsFor(CONTRIBUTION_SCHEDULE_PROJECTION)
  @ApiCommandEndpoint(
    'Withdraw a rate period entered by mistake',
    'It no longer counts (its working years are free again) but stays in the history.',
  )
  @ApiNotFound('ratePeriod')
  @ApiOkResponse({ type: ContributionScheduleView })
  async withdraw(
    @Param() params: RatePeriodParams,
    @Caller() caller: Caller,
  ): Promise<Answer<ContributionScheduleView>> {
    const result = await this.commands.execute(new WithdrawRatePeriod(caller.envelope, params.ratePeriodId));
    return Answer.written(scheduleAfter(result), result);
  }
}
