import { Inject, Injectable } from '@nestjs/common';
import type { ClientAccess } from '../../clients';
import { decodeReferralEvent, handOffFactsOf, REFERRAL_CATEGORY } from '../../referral';
import { isUuid, streamName } from '../../shared/domain/ids';
import { EVENT_STORE, type EventStore, type RecordedEvent, StreamNotFound } from '../../shared/event-store';

/** Who the intake is opened by, for whom, from whom: what the referral must name. */
export interface HandOffClaim {
  readonly clientId: string;
  readonly organisationId: string;
  readonly referringOrganisationId: string | null;
}

/**
 * The warm hand-off as a reason to open an intake (docs/adr/0028): an organisation that may not see a person may
 * still open its own intake for them when an open referral sends them to it, from the referring organisation it
 * names, and the consent the referral rests on holds. Read from the referral's stream (the referral capability's
 * events through its decoder) and the person's, so that a closing or a withdrawal counts at once.
 */
@Injectable()
export class ReferralHandOffs {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async admit(referralId: string, claim: HandOffClaim, person: ClientAccess, at: Date): Promise<boolean> {
    const facts = handOffFactsOf((await this.recorded(referralId)).map(decodeReferralEvent));
    return (
      facts !== undefined &&
      facts.open &&
      facts.clientId === claim.clientId &&
      facts.toOrganisationId === claim.organisationId &&
      facts.fromOrganisationId === claim.referringOrganisationId &&
      facts.consentBasis !== 'none' &&
      person.sharesOn(facts.consentBasis, claim.organisationId, at)
    );
  }

  private async recorded(referralId: string): Promise<RecordedEvent[]> {
    if (!isUuid(referralId)) return [];
    try {
      return await this.store.readStream(streamName(REFERRAL_CATEGORY, referralId));
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }
}
