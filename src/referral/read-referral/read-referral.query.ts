import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { ReferralView } from '../common/referral.view';

/** One referral as the caller's party to it may see it, read from its events, with its revision. */
export class ReadReferral extends Query<ReferralView> {
  constructor(
    readonly caller: Caller,
    readonly referralId: string,
  ) {
    super();
  }
}
