import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { newResourceId } from '../../shared/commands/command-executor';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { ContributionScheduleHandler } from '../add-rate-period/contribution-schedule.handler';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { CONTRIBUTION_SCHEDULE_PROJECTION } from '../contribution-schedule/contribution-schedule.projection';
import { ContributionScheduleView, toScheduleView } from '../contribution-schedule/contribution-schedule.view';
import { parseEuros } from '../domain/money';
import { AddCoFundingAgreementRequest } from './add-co-funding-agreement.request';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class AddCoFundingAgreementController {
  constructor(
    private readonly handler: ContributionScheduleHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post('co-funding-agreements')
  @HttpCode(201)
  @Roles('admin')
  @ApiCommandEndpoint(
    "Add a co-funding agreement to a municipality's contribution",
    'The co-funder (such as a city’s care company) pays back the part of the rate above the base rate, in whole ' +
      'euros, rounded down. One agreement per municipality and working year (409 `CO_FUNDING_OVERLAP`); the ' +
      'municipality must be registered (409 `UNKNOWN_MUNICIPALITY`).',
  )
  @ApiCreatedResponse({ type: ContributionScheduleView })
  async add(
    @Body() body: AddCoFundingAgreementRequest,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContributionScheduleView> {
    const context = commandContext(user, headers);
    const result = await this.handler.execute(
      {
        type: 'AddCoFundingAgreement',
        agreement: {
          agreementId: newResourceId(context, 'coFundingAgreement'),
          municipalityId: body.municipalityId,
          coFunderName: body.coFunderName,
          baseRateCentsPerInhabitant: parseEuros(body.baseRatePerInhabitant)!,
          firstWorkingYear: body.firstWorkingYear,
          lastWorkingYear: body.lastWorkingYear ?? null,
        },
      },
      context,
    );
    await this.readYourWrites.waitFor(result, [CONTRIBUTION_SCHEDULE_PROJECTION]);
    setEtag(reply, result.revision);
    return toScheduleView({ ...result.state, revision: result.revision });
  }
}
