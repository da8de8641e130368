import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientAccessList } from '../../clients';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import type { ReferralConsentBasis } from '../domain/referral.values';
import { ReferralNames } from '../common/referral-names';
import { ReferralLists, summaryOf } from '../referral-register/referral-lists';
import { ListPersonReferrals } from './list-person-referrals.query';
import type { PersonReferralsView } from './person-referral.view';

/**
 * A person's referrals for the caller's organisation (docs/adr/0028): those it sent, and those it received while
 * the consent they rest on still shares the person with it (as `GET /referrals/{id}` shows the person to the
 * receiver): a referral that no longer shares the person must not be found by the person either. Nothing for
 * anyone else, an unknown person included.
 */
@QueryHandler(ListPersonReferrals)
export class ListPersonReferralsHandler implements IQueryHandler<ListPersonReferrals> {
  constructor(
    private readonly lists: ReferralLists,
    private readonly clients: ClientAccessList,
    private readonly names: ReferralNames,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, clientId }: ListPersonReferrals): Promise<PersonReferralsView> {
    caller.accessLog.addPerson(clientId);
    const { organisationId } = caller.user;
    const rows = await this.lists.ofPerson(clientId, organisationId);
    const received = rows.some((row) => row.fromOrganisationId !== organisationId);
    const person = received ? await this.clients.of(clientId) : undefined;
    const now = this.clock.now();
    const shared = (basis: ReferralConsentBasis) =>
      basis !== 'none' && person !== undefined && person.sharesOn(basis, organisationId, now);
    const date = today(this.clock);
    const visible = rows.filter(
      (row) => row.fromOrganisationId === organisationId || shared(row.consentBasis as ReferralConsentBasis),
    );
    // The person is in the access log already (above).
    const names = await this.names.seenBy(organisationId, visible, date, null);
    return { items: visible.map((row) => summaryOf(row, date, names)) };
  }
}
