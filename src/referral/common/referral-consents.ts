import { Inject, Injectable } from '@nestjs/common';
import { CLIENT_CATEGORY, ClientAccessQuery, type ClientEvent } from '../../clients';
import { brusselsDateOf, type CalendarDate } from '../../shared/domain/calendar';
import { streamName } from '../../shared/domain/ids';
import { EVENT_STORE, type EventStore, type RecordedEvent, StreamNotFound } from '../../shared/event-store';
import type { ReferralSent } from '../domain/referral.events';
import type { ReferralConsentBasis } from '../domain/referral.values';

export type FoundConsent = { readonly basis: ReferralConsentBasis; readonly consentId: string | null } | 'missing';

interface ConsentRecord {
  readonly consentId: string;
  readonly scope: string;
  readonly organisationId: string | null;
  readonly validFrom: CalendarDate;
  readonly validUntil: CalendarDate | null;
  readonly withdrawnOn: CalendarDate | null;
}

/**
 * The consent a referral rests on (docs/adr/0015). The clients capability decides whether the person may be shared
 * (`ClientAccessQuery`, from the person's stream); this finds which of the person's consents it is, so that the
 * referral names it.
 */
@Injectable()
export class ReferralConsents {
  constructor(
    private readonly access: ClientAccessQuery,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * The basis for sending the person to `toOrganisationId` at `at`: the one asked for, or else the most specific one
   * that holds (a consent naming the receiver, then one for referrals in the region). `missing` when none does.
   */
  async find(
    clientId: string,
    toOrganisationId: string,
    requested: ReferralConsentBasis | undefined,
    at: Date,
  ): Promise<FoundConsent> {
    if (requested === 'none') return { basis: 'none', consentId: null };
    const date = brusselsDateOf(at);
    const consents = await this.consentsOf(clientId);
    const bases = requested ? [requested] : (['share_with_organisation', 'share_for_referrals'] as const);
    for (const basis of bases) {
      const consent = consents
        .filter((record) => record.scope === basis && validOn(record, date))
        .filter((record) => basis !== 'share_with_organisation' || record.organisationId === toOrganisationId)
        .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
      if (consent && (await this.holds(basis, clientId, toOrganisationId, at))) {
        return { basis, consentId: consent.consentId };
      }
    }
    return 'missing';
  }

  /** Whether the receiver may see the person's data on this referral at `at`: its basis still holds. */
  stillShared(sent: ReferralSent['data'], at: Date): Promise<boolean> {
    return this.holds(sent.consentBasis, sent.clientId, sent.toOrganisationId, at);
  }

  private async holds(basis: ReferralConsentBasis, clientId: string, toOrganisationId: string, at: Date) {
    if (basis === 'none') return false;
    if ((await this.access.status(clientId)) !== 'registered') return false;
    return basis === 'share_for_referrals'
      ? this.access.mayShareForReferrals(clientId, at)
      : this.access.maySee(clientId, toOrganisationId, at);
  }

  private async consentsOf(clientId: string): Promise<ConsentRecord[]> {
    let events: RecordedEvent[];
    try {
      events = await this.store.readStream(streamName(CLIENT_CATEGORY, clientId));
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
    const consents = new Map<string, ConsentRecord>();
    for (const recorded of events) {
      const event = recorded as unknown as ClientEvent;
      if (event.type === 'ClientConsentGiven') {
        const { clientId: _clientId, recordedBy: _recordedBy, ...given } = event.data;
        consents.set(given.consentId, { ...given, withdrawnOn: null });
      } else if (event.type === 'ClientConsentWithdrawn') {
        const consent = consents.get(event.data.consentId);
        if (consent) consents.set(consent.consentId, { ...consent, withdrawnOn: event.data.withdrawnOn });
      }
    }
    return [...consents.values()];
  }
}

/** Which consent to name; whether sharing is allowed at all is `ClientAccessQuery`'s answer (docs/adr/0013). */
function validOn(consent: ConsentRecord, date: CalendarDate): boolean {
  return (
    consent.validFrom <= date &&
    (consent.validUntil === null || date <= consent.validUntil) &&
    (consent.withdrawnOn === null || date < consent.withdrawnOn)
  );
}
