import { Injectable } from '@nestjs/common';
import { type ClientAccess, ClientAccessList } from '../../clients';
import type { ReferralSent } from '../domain/referral.events';
import type { ReferralConsentBasis } from '../domain/referral.values';

export type FoundConsent = { readonly basis: ReferralConsentBasis; readonly consentId: string | null } | 'missing';

/**
 * The basis for sending the person to `toOrganisationId` at `at` (docs/adr/0015): the one asked for, or else the most
 * specific one that holds (a consent naming the receiver, then one for referrals in the region), with the consent it
 * rests on. `missing` when none does. The clients capability answers from the person's stream (`ClientAccess`).
 */
export function consentFor(
  person: ClientAccess,
  toOrganisationId: string,
  requested: ReferralConsentBasis | undefined,
  at: Date,
): FoundConsent {
  if (requested === 'none') return { basis: 'none', consentId: null };
  const bases = requested ? [requested] : (['share_with_organisation', 'share_for_referrals'] as const);
  for (const basis of bases) {
    const consentId = person.validConsentId(basis, basis === 'share_with_organisation' ? toOrganisationId : null, at);
    if (consentId !== undefined) return { basis, consentId };
  }
  return 'missing';
}

/** Whether a referral still carries the person's data, asked each time the receiver reads it (a consent may end). */
@Injectable()
export class ReferralConsents {
  constructor(private readonly access: ClientAccessList) {}

  /** Whether the receiver may see the person's data on this referral at `at`: its basis still holds. */
  async stillShared(sent: ReferralSent['data'], at: Date): Promise<boolean> {
    if (sent.consentBasis === 'none') return false;
    return (await this.access.of(sent.clientId)).sharesOn(sent.consentBasis, sent.toOrganisationId, at);
  }
}
