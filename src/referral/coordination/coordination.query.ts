import { Query } from '@nestjs/cqrs';
import type { Page } from '../../shared/http/pagination';
import type { CoordinationFilterQuery, OverdueQuery } from './coordination.request';
import type { FlowMatrixView, OverdueReferralView, ResponseTimesView, StatusCountsView } from './coordination.views';

/** Referrals per status region-wide, narrowed by the filters (any period: all time by default). */
export class CountReferralsByStatus extends Query<StatusCountsView> {
  constructor(readonly query: CoordinationFilterQuery) {
    super();
  }
}

/** Referrals overdue (to answer, or to start after acceptance), region-wide, longest overdue first. */
export class ListOverdueReferrals extends Query<Page<OverdueReferralView>> {
  constructor(readonly query: OverdueQuery) {
    super();
  }
}

/** The partner-to-partner flow matrix of the referrals sent in a period (the last twelve months by default). */
export class ReadReferralFlows extends Query<FlowMatrixView> {
  constructor(readonly query: CoordinationFilterQuery) {
    super();
  }
}

/** Response times per receiving organisation, for the referrals sent in a period (the last twelve months by default). */
export class ReadResponseTimes extends Query<ResponseTimesView> {
  constructor(readonly query: CoordinationFilterQuery) {
    super();
  }
}
