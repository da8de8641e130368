import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
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
import { EndPeriodRequest } from '../end-rate-period/end-period.request';
import { EndCoFundingAgreement } from './end-co-funding-agreement.command';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class EndCoFundingAgreementController {
  constructor(private readonly commands: CommandBus) {}

  @Post('co-funding-agreements/:agreementId/end')
  @HttpCode(200)
  @Roles('admin')
  @WaitsFor(CONTRIBUTION_SCHEDULE_PROJECTION)
  @ApiCommandEndpoint('End a co-funding agreement', 'Sets its last working year.')
  @ApiNotFound('coFundingAgreement')
  @ApiOkResponse({ type: ContributionScheduleView })
  async end(
    @Param() params: CoFundingAgreementParams,
    @Body() body: EndPeriodRequest,
    @Caller() caller: Caller,
  ): Promise<Answer<ContributionScheduleView>> {
    const command = new EndCoFundingAgreement(caller.envelope, params.agreementId, body.lastWorkingYear);
    const result = await this.commands.execute(command);
    return Answer.written(scheduleAfter(result), result);
  }
}
