import { Injectable } from '@nestjs/common';
import { ClientNames, type ClientNameView } from '../../clients';
import { OrganisationDirectory } from '../../partners';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { CalendarDate } from '../../shared/domain/calendar';
import { OPEN_REFERRAL_STATUSES } from '../domain/referral.events';

/** What a name look-up needs of a referral: the person, the two organisations, and whether it hands the person off. */
export interface NamedReferral {
  readonly clientId: string;
  readonly fromOrganisationId: string;
  readonly toOrganisationId: string;
  /** Whether the referral is still open; unknown (undefined) counts as closed. */
  readonly status?: string;
  readonly consentBasis: string;
}

/** The receiver of an open referral on a consent to share for referrals sees whom to call (docs/adr/0028). */
function handedOffTo(organisationId: string, referral: NamedReferral): boolean {
  return (
    referral.toOrganisationId === organisationId &&
    referral.consentBasis === 'share_for_referrals' &&
    (OPEN_REFERRAL_STATUSES as readonly (string | undefined)[]).includes(referral.status)
  );
}

/**
 * The names beside a page of referrals as one organisation sees them (docs/adr/0027): the two organisations' names
 * from the directory, the person's name only where the organisation may see the person (the clients capability
 * decides; a receiver without that right reads null). Each person whose name is shown goes into the access log.
 */
export class ReferralNamesSeen {
  constructor(
    private readonly clients: ReadonlyMap<string, ClientNameView>,
    private readonly organisations: ReadonlyMap<string, string>,
    /** Null where the caller logged the person already (a party reading one referral). */
    private readonly accessLog: PendingAccessLogEntry | null,
  ) {}

  clientName(clientId: string): ClientNameView | null {
    const name = this.clients.get(clientId);
    if (name === undefined) return null;
    this.accessLog?.addPerson(clientId);
    return name;
  }

  organisationName(organisationId: string): string | null {
    return this.organisations.get(organisationId) ?? null;
  }
}

/** Two batched look-ups a page, whatever its size (docs/adr/0027). */
@Injectable()
export class ReferralNames {
  constructor(
    private readonly clients: ClientNames,
    private readonly organisations: OrganisationDirectory,
  ) {}

  async seenBy(
    organisationId: string | null,
    referrals: readonly NamedReferral[],
    date: CalendarDate,
    accessLog: PendingAccessLogEntry | null,
  ): Promise<ReferralNamesSeen> {
    const [clients, organisations] = await Promise.all([
      organisationId === null
        ? new Map<string, ClientNameView>()
        : this.clients.visibleTo(
            organisationId,
            referrals.map((referral) => referral.clientId),
            date,
            referrals.filter((referral) => handedOffTo(organisationId, referral)).map((referral) => referral.clientId),
          ),
      this.organisations.namesOf(
        referrals.flatMap((referral) => [referral.fromOrganisationId, referral.toOrganisationId]),
      ),
    ]);
    return new ReferralNamesSeen(clients, organisations, accessLog);
  }
}
