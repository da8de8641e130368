import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { PageQuery } from '../../shared/http/pagination';
import {
  CountReferralsByStatus,
  ListOverdueReferrals,
  ReadReferralFlows,
  ReadResponseTimes,
} from './coordination.query';
import { OptionalPeriodQuery, PeriodQuery } from './coordination.request';
import { FlowMatrixView, OverdueReferralPage, ResponseTimesView, StatusCountsView } from './coordination.views';

/**
 * The coordinators' overview of referrals in the region (docs/adr/0015): what waits, what is overdue, where the
 * network leaks. Organisations, municipalities, codes, dates and counts: nothing that names or points to a person.
 */
@ApiTags('Referral coordination')
@Controller('coordination/referrals')
@Roles('coordinator')
export class CoordinationController {
  constructor(private readonly queries: QueryBus) {}

  @Get('status-counts')
  @ApiQueryEndpoint('Referrals per status, region-wide', 'Optionally of a period of sending dates; with the overdue.')
  @ApiOkResponse({ type: StatusCountsView })
  statusCounts(@Query() query: OptionalPeriodQuery): Promise<StatusCountsView> {
    return this.queries.execute(new CountReferralsByStatus(query));
  }

  @Get('overdue')
  @ApiQueryEndpoint(
    'Overdue referrals, region-wide',
    'Still unanswered after their due date, longest overdue first. Without the person, the trajectory or the note.',
  )
  @ApiOkResponse({ type: OverdueReferralPage })
  overdue(@Query() query: PageQuery): Promise<OverdueReferralPage> {
    return this.queries.execute(new ListOverdueReferrals(query)) as Promise<OverdueReferralPage>;
  }

  @Get('flows')
  @ApiQueryEndpoint(
    'The partner-to-partner flow matrix of a period',
    'Per pair of organisations (and their municipalities), the referrals sent in the period and how many were ' +
      'accepted, declined and started. An aggregate bounded by the number of organisation pairs: not paginated.',
  )
  @ApiOkResponse({ type: FlowMatrixView })
  flows(@Query() query: PeriodQuery): Promise<FlowMatrixView> {
    return this.queries.execute(new ReadReferralFlows(query));
  }

  @Get('response-times')
  @ApiQueryEndpoint(
    'Response times per receiving organisation',
    'For referrals sent in the period: the median calendar days from sending to acceptance or decline, with how many ' +
      'are answered, awaiting and overdue. One row per receiving organisation: not paginated.',
  )
  @ApiOkResponse({ type: ResponseTimesView })
  responseTimes(@Query() query: PeriodQuery): Promise<ResponseTimesView> {
    return this.queries.execute(new ReadResponseTimes(query));
  }
}
