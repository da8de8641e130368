import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { Page } from '../../shared/http/pagination';
import type { PageRequest, ReferralListFilter } from '../referral-register/referral-lists';
import type { FollowUpView, ReferralSummaryView } from '../referral-register/referral-summary.view';

/** The referrals the caller's organisation received (its inbox) or sent (its outbox), overdue first. */
export class ListReferrals extends Query<Page<ReferralSummaryView>> {
  constructor(
    readonly caller: Caller,
    readonly box: 'inbox' | 'outbox',
    readonly filter: ReferralListFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}

/** The people back with the caller's organisation after a declined or dropped referral; logged with them. */
export class ListFollowUp extends Query<Page<FollowUpView>> {
  constructor(
    readonly caller: Caller,
    readonly page: PageRequest,
  ) {
    super();
  }
}
