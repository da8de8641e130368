import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { CONTRIBUTION_SCHEDULE_PROJECTION } from '../contribution-schedule/contribution-schedule.projection';
import { scheduleAfter, ContributionScheduleView } from '../contribution-schedule/contribution-schedule.view';
import { parseEuros } from '../domain/money';
import { AddRatePeriod } from './add-rate-period.command';
import { AddRatePeriodRequest } from './add-rate-period.request';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class AddRatePeriodController {
  constructor(private readonly commands: CommandBus) {}

  @Post('rate-periods')
  @HttpCode(201)
  @Roles('admin')
  @WaitsFor(CONTRIBUTION_SCHEDULE_PROJECTION)
  @ApiCommandEndpoint(
    'Add a contribution rate for a span of working years',
    'A working year has one rate: a span that overlaps another is refused with 409 `RATE_PERIOD_OVERLAP` (end ' +
      'the open period first). `If-Match` takes the schedule’s ETag.',
  )
  @ApiCreatedResponse({ type: ContributionScheduleView })
  async add(@Body() body: AddRatePeriodRequest, @Caller() caller: Caller): Promise<Answer<ContributionScheduleView>> {
    const result = await this.commands.execute(
      new AddRatePeriod(caller.envelope, {
        rateCentsPerInhabitant: parseEuros(body.ratePerInhabitant)!,
        firstWorkingYear: body.firstWorkingYear,
        lastWorkingYear: body.lastWorkingYear ?? null,
        basis: body.basis ?? null,
      }),
    );
    return Answer.written(scheduleAfter(result), result);
  }
}
