import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { ContributionScheduleHandler } from '../add-rate-period/contribution-schedule.handler';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { RatePeriodParams } from '../common/params';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { CONTRIBUTION_SCHEDULE_PROJECTION } from '../contribution-schedule/contribution-schedule.projection';
import { ContributionScheduleView, toScheduleView } from '../contribution-schedule/contribution-schedule.view';
import { EndPeriodRequest } from './end-period.request';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class EndRatePeriodController {
  constructor(
    private readonly handler: ContributionScheduleHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post('rate-periods/:ratePeriodId/end')
  @HttpCode(200)
  @Roles('admin')
  @ApiCommandEndpoint(
    'End a contribution rate period',
    'Sets its last working year (409 `INVALID_PERIOD` before its first, `RATE_PERIOD_OVERLAP` into another period).',
  )
  @ApiProblems(404)
  @ApiOkResponse({ type: ContributionScheduleView })
  async end(
    @Param() params: RatePeriodParams,
    @Body() body: EndPeriodRequest,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContributionScheduleView> {
    const result = await this.handler.execute(
      { type: 'EndRatePeriod', ratePeriodId: params.ratePeriodId, lastWorkingYear: body.lastWorkingYear },
      commandContext(user, headers),
    );
    await this.readYourWrites.waitFor(result, [CONTRIBUTION_SCHEDULE_PROJECTION]);
    setEtag(reply, result.revision);
    return toScheduleView({ ...result.state, revision: result.revision });
  }
}
