import { Injectable } from '@nestjs/common';
import { currentPersonalData } from '../client-summary/client-summaries';
import { ClientPersonalData } from '../common/client-personal-data';
import { ClientStreams } from '../common/client-streams';
import { preferredLanguageOf } from '../domain/personal-details';

/** What a receiving organisation needs to reach a person it was referred (docs/adr/0028): nothing else of the file. */
export interface ClientContact {
  readonly clientId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly phone: string | null;
  readonly preferredLanguage: string | null;
}

/**
 * A person's contact details, opened from their stream with their key for one answer: for the warm hand-off of a
 * referral, whose capability decides who may ask (the receiver, while the consent holds). Undefined for a person
 * who is unknown or erased.
 */
@Injectable()
export class ClientContacts {
  constructor(
    private readonly streams: ClientStreams,
    private readonly personalData: ClientPersonalData,
  ) {}

  async of(clientId: string): Promise<ClientContact | undefined> {
    const { state, events } = await this.streams.load(clientId);
    const registration = events.find((event) => event.type === 'ClientRegistered');
    if (state.status !== 'registered' || registration?.type !== 'ClientRegistered') return undefined;
    const key = await this.personalData.find(clientId);
    if (!key) return undefined;
    const details = this.personalData.openDetails(key, currentPersonalData(events));
    return {
      clientId,
      givenName: details.givenName,
      familyName: details.familyName,
      phone: details.phone,
      preferredLanguage: preferredLanguageOf(details),
    };
  }
}
