import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientContacts } from '../../clients';
import { forbidden } from '../../shared/auth/access-problems';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { ReferralAccess } from '../common/referral-access';
import { ReferralConsents } from '../common/referral-consents';
import { ReferralNotes } from '../common/referral-notes';
import { ReferralStreams } from '../common/referral-streams';
import { OPEN_REFERRAL_STATUSES } from '../domain/referral.decider';
import { REFERRAL_NOTE_CONTEXT } from '../domain/referral.events';
import type { HandOffView } from './hand-off.view';
import { ReadHandOff } from './read-hand-off.query';

/**
 * The warm hand-off (docs/adr/0028): for social workers of the receiving organisation only, while the referral is
 * open and the consent it rests on holds, both read from the streams at this moment, so that a withdrawal or a
 * closing counts on the next read. Everyone else, and the receiver after that, gets the same 403.
 */
@QueryHandler(ReadHandOff)
export class ReadHandOffHandler implements IQueryHandler<ReadHandOff> {
  constructor(
    private readonly streams: ReferralStreams,
    private readonly access: ReferralAccess,
    private readonly consents: ReferralConsents,
    private readonly notes: ReferralNotes,
    private readonly contacts: ClientContacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, referralId }: ReadHandOff): Promise<HandOffView> {
    const { state, revision } = await this.streams.existing(referralId);
    const party = this.access.partyOf(caller.user, state, caller.accessLog);
    const { sent } = state;
    if (party !== 'receiver' || !OPEN_REFERRAL_STATUSES.includes(state.status)) throw forbidden();
    if (!(await this.consents.stillShared(sent, this.clock.now()))) throw forbidden();
    const contact = await this.contacts.of(sent.clientId);
    if (!contact) throw forbidden();
    return {
      referralId: sent.referralId,
      clientId: sent.clientId,
      fromOrganisationId: sent.fromOrganisationId,
      status: state.status,
      givenName: contact.givenName,
      familyName: contact.familyName,
      phone: contact.phone,
      preferredLanguage: contact.preferredLanguage,
      note: await this.notes.open(sent.clientId, REFERRAL_NOTE_CONTEXT, sent.note),
      revision: Number(revision),
    };
  }
}
