import { Injectable } from '@nestjs/common';
import { ClientAccessQuery } from '../../clients';
import type { ReferralSent } from '../domain/referral.events';
import type { ReferralConsentBasis } from '../domain/referral.values';

export type FoundConsent = { readonly basis: ReferralConsentBasis; readonly consentId: string | null } | 'missing';

/**
 * The consent a referral rests on (docs/adr/0015). The clients capability answers from the person's stream whether
 * the person may be shared and with which consent (`ClientAccessQuery`), so that the referral names it.
 */
@Injectable()
export class ReferralConsents {
  constructor(private readonly access: ClientAccessQuery) {}

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
    const bases = requested ? [requested] : (['share_with_organisation', 'share_for_referrals'] as const);
    for (const basis of bases) {
      const organisationId = basis === 'share_with_organisation' ? toOrganisationId : null;
      const consentId = await this.access.validConsentId(clientId, basis, organisationId, at);
      if (consentId !== undefined) return { basis, consentId };
    }
    return 'missing';
  }

  /** Whether the receiver may see the person's data on this referral at `at`: its basis still holds. */
  async stillShared(sent: ReferralSent['data'], at: Date): Promise<boolean> {
    if (sent.consentBasis === 'none') return false;
    if ((await this.access.status(sent.clientId)) !== 'registered') return false;
    return sent.consentBasis === 'share_for_referrals'
      ? this.access.mayShareForReferrals(sent.clientId, at)
      : this.access.maySee(sent.clientId, sent.toOrganisationId, at);
  }
}
