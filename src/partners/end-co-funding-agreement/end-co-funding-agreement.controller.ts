import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { ContributionScheduleHandler } from '../add-rate-period/contribution-schedule.handler';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { CoFundingAgreementParams } from '../common/params';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { CONTRIBUTION_SCHEDULE_PROJECTION } from '../contribution-schedule/contribution-schedule.projection';
import { ContributionScheduleView, toScheduleView } from '../contribution-schedule/contribution-schedule.view';
import { EndPeriodRequest } from '../end-rate-period/end-period.request';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class EndCoFundingAgreementController {
  constructor(
    private readonly handler: ContributionScheduleHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post('co-funding-agreements/:agreementId/end')
  @HttpCode(200)
  @Roles('admin')
  @ApiCommandEndpoint('End a co-funding agreement', 'Sets its last working year.')
  @ApiProblems(404)
  @ApiOkResponse({ type: ContributionScheduleView })
  async end(
    @Param() params: CoFundingAgreementParams,
    @Body() body: EndPeriodRequest,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContributionScheduleView> {
    const result = await this.handler.execute(
      { type: 'EndCoFundingAgreement', agreementId: params.agreementId, lastWorkingYear: body.lastWorkingYear },
      commandContext(user, headers),
    );
    await this.readYourWrites.waitFor(result, [CONTRIBUTION_SCHEDULE_PROJECTION]);
    setEtag(reply, result.revision);
    return toScheduleView({ ...result.state, revision: result.revision });
  }
}
