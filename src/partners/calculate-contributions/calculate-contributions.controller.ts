import { Controller, Get, Header, Headers, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer } from '../../shared/http/answer';
import { CSV_CONTENT_TYPE, csvHeaders, wantsCsv } from '../../shared/http/csv';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { WorkingYearParams } from '../common/params';
import { CONTRIBUTION_READERS } from '../common/roles';
import { CalculateContributions } from './calculate-contributions.query';
import { contributionReportCsv } from './contribution-report-csv';
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
      '`CONTRIBUTION_RATE_NOT_SET` when no rate covers the working year. With `Accept: text/csv`: one line per ' +
      'member and a `total` line, amounts as exact decimals.',
  )
  @ApiNotFound('contributionRate')
  @ApiProduces('application/json', CSV_CONTENT_TYPE)
  @ApiOkResponse({ type: ContributionReportView })
  @Header('vary', 'Accept')
  async calculate(
    @Param() params: WorkingYearParams,
    @Headers('accept') accept: string | undefined,
  ): Promise<ContributionReportView | Answer<string>> {
    const report = toContributionReportView(await this.queries.execute(new CalculateContributions(params.workingYear)));
    return wantsCsv(accept)
      ? Answer.represented(contributionReportCsv(report), csvHeaders(`contributions-${report.workingYear}.csv`))
      : report;
  }
}
