import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import type { Page } from '../../shared/http/pagination';
import { CoordinationFigures } from './coordination-figures';
import { CoordinationReferenceData } from './coordination-reference-data';
import {
  CountReferralsByStatus,
  ListOverdueReferrals,
  ReadReferralFlows,
  ReadResponseTimes,
} from './coordination.query';
import { withDefaultPeriod } from './coordination.request';
import type { FlowMatrixView, OverdueReferralView, ResponseTimesView, StatusCountsView } from './coordination.views';

@QueryHandler(CountReferralsByStatus)
export class CountReferralsByStatusHandler implements IQueryHandler<CountReferralsByStatus> {
  constructor(
    private readonly figures: CoordinationFigures,
    private readonly reference: CoordinationReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ query }: CountReferralsByStatus): Promise<StatusCountsView> {
    const filter = await this.reference.filterOf(query);
    const date = today(this.clock);
    const counts = await this.figures.statusCounts(filter, date);
    return { sentFrom: filter.sentFrom, sentTo: filter.sentTo, today: date, ...counts };
  }
}

@QueryHandler(ListOverdueReferrals)
export class ListOverdueReferralsHandler implements IQueryHandler<ListOverdueReferrals> {
  constructor(
    private readonly figures: CoordinationFigures,
    private readonly reference: CoordinationReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ query }: ListOverdueReferrals): Promise<Page<OverdueReferralView>> {
    const filter = await this.reference.filterOf(query);
    const page = await this.figures.overdue(filter, today(this.clock), query);
    return { items: (await this.reference.named(page.items)) as OverdueReferralView[], nextCursor: page.nextCursor };
  }
}

@QueryHandler(ReadReferralFlows)
export class ReadReferralFlowsHandler implements IQueryHandler<ReadReferralFlows> {
  constructor(
    private readonly figures: CoordinationFigures,
    private readonly reference: CoordinationReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ query }: ReadReferralFlows): Promise<FlowMatrixView> {
    const filter = withDefaultPeriod(await this.reference.filterOf(query), today(this.clock));
    const flows = await this.reference.named(await this.figures.flows(filter));
    return { sentFrom: filter.sentFrom, sentTo: filter.sentTo, flows };
  }
}

@QueryHandler(ReadResponseTimes)
export class ReadResponseTimesHandler implements IQueryHandler<ReadResponseTimes> {
  constructor(
    private readonly figures: CoordinationFigures,
    private readonly reference: CoordinationReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ query }: ReadResponseTimes): Promise<ResponseTimesView> {
    const date = today(this.clock);
    const filter = withDefaultPeriod(await this.reference.filterOf(query), date);
    const organisations = await this.reference.named(await this.figures.responseTimes(filter, date));
    return { sentFrom: filter.sentFrom, sentTo: filter.sentTo, organisations };
  }
}
