import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
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

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class WithdrawCoFundingAgreementController {
  constructor(
    private readonly handler: ContributionScheduleHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post('co-funding-agreements/:agreementId/withdraw')
  @HttpCode(200)
  @Roles('admin')
  @ApiCommandEndpoint('Withdraw a co-funding agreement entered by mistake', 'It stays in the history.')
  @ApiProblems(404)
  @ApiOkResponse({ type: ContributionScheduleView })
  async withdraw(
    @Param() params: CoFundingAgreementParams,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContributionScheduleView> {
    const result = await this.handler.execute(
      { type: 'WithdrawCoFundingAgreement', agreementId: params.agreementId },
      commandContext(user, headers),
    );
    await this.readYourWrites.waitFor(result, [CONTRIBUTION_SCHEDULE_PROJECTION]);
    setEtag(reply, result.revision);
    return toScheduleView({ ...result.state, revision: result.revision });
  }
}
