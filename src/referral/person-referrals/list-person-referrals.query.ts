import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { PersonReferralsView } from './person-referral.view';

/** The referrals of one person that the caller's organisation sent or may see as receiver (docs/adr/0028). */
export class ListPersonReferrals extends Query<PersonReferralsView> {
  constructor(
    readonly caller: Caller,
    readonly clientId: string,
  ) {
    super();
  }
}
