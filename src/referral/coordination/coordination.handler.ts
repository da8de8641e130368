import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import type { Page } from '../../shared/http/pagination';
import { CoordinationFigures } from './coordination-figures';
import {
  CountReferralsByStatus,
  ListOverdueReferrals,
  ReadReferralFlows,
  ReadResponseTimes,
} from './coordination.query';
import { checkPeriod, type PeriodQuery } from './coordination.request';
import type { FlowMatrixView, OverdueReferralView, ResponseTimesView, StatusCountsView } from './coordination.views';

@QueryHandler(CountReferralsByStatus)
export class CountReferralsByStatusHandler implements IQueryHandler<CountReferralsByStatus> {
  constructor(
    private readonly figures: CoordinationFigures,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ period }: CountReferralsByStatus): Promise<StatusCountsView> {
    return this.figures.statusCounts(checkPeriod(period), today(this.clock));
  }
}

@QueryHandler(ListOverdueReferrals)
export class ListOverdueReferralsHandler implements IQueryHandler<ListOverdueReferrals> {
  constructor(
    private readonly figures: CoordinationFigures,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ page }: ListOverdueReferrals): Promise<Page<OverdueReferralView>> {
    return this.figures.overdue(today(this.clock), page);
  }
}

@QueryHandler(ReadReferralFlows)
export class ReadReferralFlowsHandler implements IQueryHandler<ReadReferralFlows> {
  constructor(private readonly figures: CoordinationFigures) {}

  async execute({ period }: ReadReferralFlows): Promise<FlowMatrixView> {
    const { sentFrom, sentTo } = requiredPeriod(period);
    return { sentFrom, sentTo, flows: await this.figures.flows(sentFrom, sentTo) };
  }
}

@QueryHandler(ReadResponseTimes)
export class ReadResponseTimesHandler implements IQueryHandler<ReadResponseTimes> {
  constructor(
    private readonly figures: CoordinationFigures,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ period }: ReadResponseTimes): Promise<ResponseTimesView> {
    const { sentFrom, sentTo } = requiredPeriod(period);
    return { sentFrom, sentTo, organisations: await this.figures.responseTimes(sentFrom, sentTo, today(this.clock)) };
  }
}

/** Both ends are required by the request's shape; `checkPeriod` adds that they are real dates in order. */
function requiredPeriod(period: PeriodQuery): { sentFrom: string; sentTo: string } {
  return checkPeriod(period) as { sentFrom: string; sentTo: string };
}
