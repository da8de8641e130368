import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { newResourceId } from '../../shared/commands/command-executor';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { CONTRIBUTION_SCHEDULE_PROJECTION } from '../contribution-schedule/contribution-schedule.projection';
import { ContributionScheduleView, toScheduleView } from '../contribution-schedule/contribution-schedule.view';
import { parseEuros } from '../domain/money';
import { AddRatePeriodRequest } from './add-rate-period.request';
import { ContributionScheduleHandler } from './contribution-schedule.handler';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class AddRatePeriodController {
  constructor(
    private readonly handler: ContributionScheduleHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post('rate-periods')
  @HttpCode(201)
  @Roles('admin')
  @ApiCommandEndpoint(
    'Add a contribution rate for a span of working years',
    'A working year has one rate: a span that overlaps another is refused with 409 `RATE_PERIOD_OVERLAP` (end ' +
      'the open period first). `If-Match` takes the schedule’s ETag.',
  )
  @ApiCreatedResponse({ type: ContributionScheduleView })
  async add(
    @Body() body: AddRatePeriodRequest,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContributionScheduleView> {
    const context = commandContext(user, headers);
    const result = await this.handler.execute(
      {
        type: 'AddRatePeriod',
        period: {
          ratePeriodId: newResourceId(context, 'ratePeriod'),
          rateCentsPerInhabitant: parseEuros(body.ratePerInhabitant)!,
          firstWorkingYear: body.firstWorkingYear,
          lastWorkingYear: body.lastWorkingYear ?? null,
          basis: body.basis ?? null,
        },
      },
      context,
    );
    await this.readYourWrites.waitFor(result, [CONTRIBUTION_SCHEDULE_PROJECTION]);
    setEtag(reply, result.revision);
    return toScheduleView({ ...result.state, revision: result.revision });
  }
}
