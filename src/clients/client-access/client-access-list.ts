import { Injectable } from '@nestjs/common';
import { brusselsDateOf, type CalendarDate } from '../../shared/domain/calendar';
import {
  type ClientState,
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
 * What other capabilities may know about one person at one moment: the answers to their questions from a single read
 * of the person's stream. A command that asks several questions (may we see them, are they erased, which consent
 * holds) asks them of one `ClientAccess`, so that they agree with each other and cost one read.
 */
export class ClientAccess {
  constructor(private readonly state: ClientState) {}

  get status(): ClientStatus {
    return this.state.status;
  }

  /** May a social worker of `organisationId` see the person at `at` (docs/adr/0013)? */
  maySee(organisationId: string, at: Date): boolean {
    return organisationMaySee(this.state, organisationId, brusselsDateOf(at));
  }

  organisationsThatMaySee(at: Date): string[] {
    return organisationsThatMaySee(this.state, brusselsDateOf(at));
  }

  /** May a referral made at `at` carry the person's data to a partner in the region (`share_for_referrals`)? */
  mayShareForReferrals(at: Date): boolean {
    return mayShareForReferrals(this.state, brusselsDateOf(at));
  }

  /**
   * Whether a sharing resting on `basis` (a referral's consent basis) reaches `organisationId` at `at`: a valid
   * `share_for_referrals` consent, or one naming the organisation. False once the person is erased (docs/adr/0028).
   */
  sharesOn(basis: 'share_for_referrals' | 'share_with_organisation', organisationId: string, at: Date): boolean {
    if (this.status !== 'registered') return false;
    return basis === 'share_for_referrals' ? this.mayShareForReferrals(at) : this.maySee(organisationId, at);
  }

  /**
   * The id of the consent a sharing at `at` rests on: the most recent valid one of `scope` (naming `organisationId`
   * for `share_with_organisation`). Undefined when none holds, or the person is unknown or erased.
   */
  validConsentId(scope: ConsentScope, organisationId: string | null, at: Date): string | undefined {
    return validConsent(this.state, scope, organisationId, brusselsDateOf(at))?.consentId;
  }

  /** May the person be counted in impact measurement at `at` (a valid `reporting` consent)? Erased people may. */
  mayCountInReporting(at: Date): boolean {
    return mayCountInReporting(this.state, brusselsDateOf(at));
  }

  /** The municipality the person lived in on `date`; undefined for an unknown person. */
  municipalityOfResidence(date: CalendarDate): string | undefined {
    return this.state.status === 'unregistered' ? undefined : municipalityOn(this.state, date);
  }
}

/**
 * The questions other capabilities ask about a person (through `index.ts`), answered from the person's stream, so
 * that a consent given or withdrawn a moment ago counts at once. An instant is read as its date in Belgium; consent
 * periods are whole days. An unknown person may be seen by nobody and counted nowhere.
 */
@Injectable()
export class ClientAccessList {
  constructor(private readonly streams: ClientStreams) {}

  /** The person as their stream says now: ask it every question of one command. */
  async of(clientId: string): Promise<ClientAccess> {
    return new ClientAccess((await this.streams.load(clientId)).state);
  }
}
