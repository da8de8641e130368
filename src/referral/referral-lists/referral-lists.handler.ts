import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import type { Page } from '../../shared/http/pagination';
import { type ListReader, ReferralLists } from '../referral-register/referral-lists';
import type { FollowUpView, ReferralSummaryView } from '../referral-register/referral-summary.view';
import { ListFollowUp, ListReferrals } from './referral-lists.query';

function readerOf(caller: ListReferrals['caller']): ListReader {
  return { organisationId: caller.user.organisationId, accessLog: caller.accessLog };
}

@QueryHandler(ListReferrals)
export class ListReferralsHandler implements IQueryHandler<ListReferrals> {
  constructor(
    private readonly lists: ReferralLists,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ caller, box, filter, page }: ListReferrals): Promise<Page<ReferralSummaryView>> {
    return this.lists[box](readerOf(caller), today(this.clock), filter, page);
  }
}

@QueryHandler(ListFollowUp)
export class ListFollowUpHandler implements IQueryHandler<ListFollowUp> {
  constructor(
    private readonly lists: ReferralLists,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, page }: ListFollowUp): Promise<Page<FollowUpView>> {
    const followUp = await this.lists.followUp(readerOf(caller), today(this.clock), page);
    for (const item of followUp.items) caller.accessLog.addPerson(item.clientId);
    return followUp;
  }
}
