import { Controller, Get, Header, Headers, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth';
import { Answer } from '../../shared/http/answer';
import { CSV_CONTENT_TYPE, csvHeaders, wantsCsv } from '../../shared/http/csv';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import {
  CountReferralsByStatus,
  ListOverdueReferrals,
  ReadReferralFlows,
  ReadResponseTimes,
} from './coordination.query';
import { CoordinationFilterQuery, OverdueQuery } from './coordination.request';
import { FlowMatrixView, OverdueReferralPage, ResponseTimesView, StatusCountsView } from './coordination.views';
import { flowsCsv } from './flows-csv';

/**
 * The coordinators' overview of referrals in the region (docs/adr/0015, 0026): what waits, what is overdue, where the
 * network leaks. Organisations and municipalities (with their names), codes, dates and counts: nothing that names or
 * points to a person. Every view takes the same filters: `sentFrom`–`sentTo`, `municipalityId`, `organisationId`
 * (either end of the referral) and `service`.
 */
@ApiTags('Referral coordination')
@Controller('coordination/referrals')
@Roles('coordinator')
export class CoordinationController {
  constructor(private readonly queries: QueryBus) {}

  @Get('status-counts')
  @ApiQueryEndpoint(
    'Referrals per status, region-wide',
    'Of all time unless a period of sending dates is given; narrowed by municipality, organisation and service; ' +
      'with the overdue (to answer, or to start after acceptance). An unknown municipality or organisation: 400.',
  )
  @ApiOkResponse({ type: StatusCountsView })
  statusCounts(@Query() query: CoordinationFilterQuery): Promise<StatusCountsView> {
    return this.queries.execute(new CountReferralsByStatus(query));
  }

  @Get('overdue')
  @ApiQueryEndpoint(
    'Overdue referrals, region-wide',
    'Still unanswered after their due date (`response`), or accepted and not started after the receiver’s service ' +
      'start deadline (`service_start`); longest overdue first; with the same filters as every coordination view. ' +
      'Without the person, the trajectory or the note.',
  )
  @ApiOkResponse({ type: OverdueReferralPage })
  overdue(@Query() query: OverdueQuery): Promise<OverdueReferralPage> {
    return this.queries.execute(new ListOverdueReferrals(query)) as Promise<OverdueReferralPage>;
  }

  @Get('flows')
  @ApiQueryEndpoint(
    'The partner-to-partner flow matrix of a period',
    'Per pair of organisations (and their municipalities), the referrals sent in the period and how many were ' +
      'accepted, declined and started, with the names of organisations and municipalities. The period defaults to ' +
      'the twelve months ending on `sentTo` (default today). An aggregate bounded by the number of organisation ' +
      'pairs: not paginated. With `Accept: text/csv` the same as CSV, names beside ids, `flow` as `Kortrijk>Menen`.',
  )
  @ApiProduces('application/json', CSV_CONTENT_TYPE)
  @ApiOkResponse({ type: FlowMatrixView })
  @Header('vary', 'Accept')
  async flows(
    @Query() query: CoordinationFilterQuery,
    @Headers('accept') accept: string | undefined,
  ): Promise<FlowMatrixView | Answer<string>> {
    const matrix = await this.queries.execute(new ReadReferralFlows(query));
    if (!wantsCsv(accept)) return matrix;
    return Answer.represented(flowsCsv(matrix), csvHeaders('referral-flows.csv'));
  }

  @Get('response-times')
  @ApiQueryEndpoint(
    'Response times per receiving organisation',
    'For referrals sent in the period: the median calendar days from sending to acceptance or decline, with how many ' +
      'are answered, awaiting and overdue (to answer). The period defaults as for flows. One row per receiving ' +
      'organisation: not paginated.',
  )
  @ApiOkResponse({ type: ResponseTimesView })
  responseTimes(@Query() query: CoordinationFilterQuery): Promise<ResponseTimesView> {
    return this.queries.execute(new ReadResponseTimes(query));
  }
}
