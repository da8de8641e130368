import { Injectable } from '@nestjs/common';
import { brusselsDateOf, type CalendarDate } from '../../shared/domain/calendar';
import {
  mayCountInReporting,
  mayShareForReferrals,
  municipalityOn,
  organisationMaySee,
  organisationsThatMaySee,
  validConsent,
} from '../domain/client.decider';
import type { ConsentScope } from '../domain/client.values';
import { ClientStreams } from '../common/client-streams';

export type ClientStatus = 'unregistered' | 'registered' | 'erased';

/**
 * The questions other capabilities ask about a person (through `index.ts`), answered from the person's stream, so
 * that a consent given or withdrawn a moment ago counts at once. An instant is read as its date in Belgium; consent
 * periods are whole days. An unknown person may be seen by nobody and counted nowhere.
 */
@Injectable()
export class ClientAccessQuery {
  constructor(private readonly streams: ClientStreams) {}

  async status(clientId: string): Promise<ClientStatus> {
    return (await this.streams.load(clientId)).state.status;
  }

  /** May a social worker of `organisationId` see the person at `at` (docs/adr/0013)? */
  async maySee(clientId: string, organisationId: string, at: Date): Promise<boolean> {
    return organisationMaySee((await this.streams.load(clientId)).state, organisationId, brusselsDateOf(at));
  }

  async organisationsThatMaySee(clientId: string, at: Date): Promise<string[]> {
    return organisationsThatMaySee((await this.streams.load(clientId)).state, brusselsDateOf(at));
  }

  /** May a referral made at `at` carry the person's data to a partner in the region (`share_for_referrals`)? */
  async mayShareForReferrals(clientId: string, at: Date): Promise<boolean> {
    return mayShareForReferrals((await this.streams.load(clientId)).state, brusselsDateOf(at));
  }

  /**
   * The id of the consent a sharing at `at` rests on: the most recent valid one of `scope` (naming `organisationId`
   * for `share_with_organisation`). Undefined when none holds, or the person is unknown or erased.
   */
  async validConsentId(
    clientId: string,
    scope: ConsentScope,
    organisationId: string | null,
    at: Date,
  ): Promise<string | undefined> {
    return validConsent((await this.streams.load(clientId)).state, scope, organisationId, brusselsDateOf(at))
      ?.consentId;
  }

  /** May the person be counted in impact measurement at `at` (a valid `reporting` consent)? Erased people may. */
  async mayCountInReporting(clientId: string, at: Date): Promise<boolean> {
    return mayCountInReporting((await this.streams.load(clientId)).state, brusselsDateOf(at));
  }

  /** The municipality the person lived in on `date`; undefined for an unknown person. */
  async municipalityOfResidence(clientId: string, date: CalendarDate): Promise<string | undefined> {
    const { state } = await this.streams.load(clientId);
    return state.status === 'unregistered' ? undefined : municipalityOn(state, date);
  }
}
