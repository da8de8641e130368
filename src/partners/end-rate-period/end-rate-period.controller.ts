import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
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
import { EndPeriodRequest } from './end-period.request';
import { EndRatePeriod } from './end-rate-period.command';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class EndRatePeriodController {
  constructor(private readonly commands: CommandBus) {}

  @Post('rate-periods/:ratePeriodId/end')
  @HttpCode(200)
  @Roles('admin')
  @WaitsFor(CONTRIBUTION_SCHEDULE_PROJECTION)
  @ApiCommandEndpoint(
    'End a contribution rate period',
    'Sets its last working year (409 `INVALID_PERIOD` before its first, `RATE_PERIOD_OVERLAP` into another period).',
  )
  @ApiNotFound('ratePeriod')
  @ApiOkResponse({ type: ContributionScheduleView })
  async end(
    @Param() params: RatePeriodParams,
    @Body() body: EndPeriodRequest,
    @Caller() caller: Caller,
  ): Promise<Answer<ContributionScheduleView>> {
    const command = new EndRatePeriod(caller.envelope, params.ratePeriodId, body.lastWorkingYear);
    const result = await this.commands.execute(command);
    return Answer.written(scheduleAfter(result), result);
  }
}
