import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { WorkingYearParams } from '../common/params';
import { CONTRIBUTION_READERS } from '../common/roles';
import { CalculateContributions } from './calculate-contributions.query';
import { ContributionReportView, toContributionReportView } from './contribution-report.view';

@ApiTags('Member contributions')
@Controller('contributions')
export class CalculateContributionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':workingYear')
  @Roles(...CONTRIBUTION_READERS)
  @ApiQueryEndpoint(
    'Member contributions for a working year',
    'Per member municipality: the population on 1 January of the year before the working year, times the rate of ' +
      'the working year; the part a co-funder pays back (the rate above its base rate, in whole euros, rounded ' +
      'down); and the net amount. Amounts are exact: decimal text and integer cents. 404 ' +
      '`CONTRIBUTION_RATE_NOT_SET` when no rate covers the working year.',
  )
  @ApiNotFound('contributionRate')
  @ApiOkResponse({ type: ContributionReportView })
  async calculate(@Param() params: WorkingYearParams): Promise<ContributionReportView> {
    const report = await this.queries.execute(new CalculateContributions(params.workingYear));
    return toContributionReportView(report);
  }
}
