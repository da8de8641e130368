import type { EntityManager } from 'typeorm';
import { decodeClientEvent } from '../../clients';
import type { RecordedEvent } from '../../shared/event-store';
import type { ProjectionHandler } from '../../shared/projections';
import { decodeReferralEvent } from '../domain/referral.decoder';

export const REFERRALS_ON_CONSENT_PROJECTION = 'referral.consents-withdrawn';

/**
 * Which referrals are due to be revoked because the consent they rest on was withdrawn (docs/adr/0022). Sendings
 * and withdrawals arrive here in the store's one order, so a referral sent a moment before or after the withdrawal
 * is caught either way; `ConsentWithdrawalRevocations` then does the revoking, outside this transaction.
 */
export const referralsOnConsentProjection: ProjectionHandler = {
  name: REFERRALS_ON_CONSENT_PROJECTION,
  version: 1,
  filter: { on: 'eventType', prefixes: ['ReferralSent', 'ClientConsentWithdrawn'] },
  async handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    for (const event of events) {
      if (event.type === 'ReferralSent') {
        const decoded = decodeReferralEvent(event);
        if (decoded.type !== 'ReferralSent' || decoded.data.consentId === null) continue;
        const sent = decoded.data;
        await tx.query(
          `INSERT INTO referrals_on_consent (referral_id, consent_id, revocation_due)
           VALUES ($1, $2, EXISTS (SELECT 1 FROM referral_consents_withdrawn WHERE consent_id = $2))
           ON CONFLICT (referral_id) DO NOTHING`,
          [sent.referralId, sent.consentId],
        );
      } else if (event.type === 'ClientConsentWithdrawn') {
        const withdrawn = decodeClientEvent(event);
        if (withdrawn.type !== 'ClientConsentWithdrawn') continue;
        const { consentId } = withdrawn.data;
        const correlation = event.metadata.correlationId;
        const correlationId = typeof correlation === 'string' ? correlation : event.id;
        await tx.query(
          `INSERT INTO referral_consents_withdrawn (consent_id, correlation_id) VALUES ($1, $2)
           ON CONFLICT (consent_id) DO NOTHING`,
          [consentId, correlationId],
        );
        await tx.query(`UPDATE referrals_on_consent SET revocation_due = true WHERE consent_id = $1`, [consentId]);
      }
    }
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query('DELETE FROM referrals_on_consent');
    await tx.query('DELETE FROM referral_consents_withdrawn');
  },
};
