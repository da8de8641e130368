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
import { AddCoFundingAgreement } from './add-co-funding-agreement.command';
import { AddCoFundingAgreementRequest } from './add-co-funding-agreement.request';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class AddCoFundingAgreementController {
  constructor(private readonly commands: CommandBus) {}

  @Post('co-funding-agreements')
  @HttpCode(201)
  @Roles('admin')
  @WaitsFor(CONTRIBUTION_SCHEDULE_PROJECTION)
  @ApiCommandEndpoint(
    "Add a co-funding agreement to a municipality's contribution",
    'The co-funder (such as a city’s care company) pays back the part of the rate above the base rate, in whole ' +
      'euros, rounded down. One agreement per municipality and working year (409 `CO_FUNDING_OVERLAP`); the ' +
      'municipality must be registered (409 `UNKNOWN_MUNICIPALITY`).',
  )
  @ApiCreatedResponse({ type: ContributionScheduleView })
  async add(
    @Body() body: AddCoFundingAgreementRequest,
    @Caller() caller: Caller,
  ): Promise<Answer<ContributionScheduleView>> {
    const result = await this.commands.execute(
      new AddCoFundingAgreement(caller.envelope, {
        municipalityId: body.municipalityId,
        coFunderName: body.coFunderName,
        baseRateCentsPerInhabitant: parseEuros(body.baseRatePerInhabitant)!,
        firstWorkingYear: body.firstWorkingYear,
        lastWorkingYear: body.lastWorkingYear ?? null,
      }),
    );
    return Answer.written(scheduleAfter(result), result);
  }
}
