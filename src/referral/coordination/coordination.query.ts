import { Query } from '@nestjs/cqrs';
import type { Page } from '../../shared/http/pagination';
import type { OptionalPeriodQuery, PeriodQuery } from './coordination.request';
import type { FlowMatrixView, OverdueReferralView, ResponseTimesView, StatusCountsView } from './coordination.views';

/** Referrals per status region-wide, optionally of a period of sending dates. */
export class CountReferralsByStatus extends Query<StatusCountsView> {
  constructor(readonly period: OptionalPeriodQuery) {
    super();
  }
}

/** Referrals still unanswered after their due date, region-wide, longest overdue first. */
export class ListOverdueReferrals extends Query<Page<OverdueReferralView>> {
  constructor(readonly page: { readonly limit?: number; readonly cursor?: string }) {
    super();
  }
}

/** The partner-to-partner flow matrix of the referrals sent in a period. */
export class ReadReferralFlows extends Query<FlowMatrixView> {
  constructor(readonly period: PeriodQuery) {
    super();
  }
}

/** Response times per receiving organisation, for the referrals sent in a period. */
export class ReadResponseTimes extends Query<ResponseTimesView> {
  constructor(readonly period: PeriodQuery) {
    super();
  }
}
